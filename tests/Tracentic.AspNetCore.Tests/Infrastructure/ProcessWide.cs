using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Testing;

namespace Tracentic.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Tests that start a host with AddTracentic install the process-wide engine or touch the global context:
/// they run one at a time, and each leaves that state as it found it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = ProcessWide.Collection;
}

/// <summary>Base for tests in <see cref="ProcessWideCollection"/>: restores the process-wide instance and global context.</summary>
[Collection(ProcessWideCollection.Name)]
public abstract class ProcessWideTest : IAsyncLifetime
{
    private TracenticEngine? _instanceBefore;

    public Task InitializeAsync()
    {
        _instanceBefore = TracenticSdk.Instance;
        TracenticGlobalContext.Current.Clear();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TracenticGlobalContext.Current.Clear();
        if (!ReferenceEquals(TracenticSdk.Instance, _instanceBefore))
        {
            TracenticSdk.Install(_instanceBefore);
        }

        return Task.CompletedTask;
    }
}
