using Tracentic.Testing;
namespace Tracentic.Tests.Infrastructure;

/// <summary>
/// Tests that touch process-wide state (<see cref="TracenticGlobalContext.Current"/>, the configured
/// instance) run alone, after the parallel ones, and clean up after themselves.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = ProcessWide.Collection;
}
