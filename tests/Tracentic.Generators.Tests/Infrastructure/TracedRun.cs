using System.Reflection;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Generators.Tests.Infrastructure;

/// <summary>
/// Installs an in-memory engine as the process-wide instance, runs compiled user code, and returns the spans
/// it recorded. Tests using it share global state, so they run in the <see cref="ProcessWideSdk"/> collection.
/// </summary>
internal static class TracedRun
{
    public static async Task<IReadOnlyList<ReceivedSpan>> RunAsync(Assembly assembly, Action<TracenticOptions>? configure = null, Func<Task>? run = null)
    {
        var (client, exporter) = InMemoryExporter.CreateClient(configure);
        TracenticSdk.Install(client);
        try
        {
            await (run is null ? InvokeAsync(assembly) : run());
            await client.FlushAsync();
            return exporter.Spans;
        }
        finally
        {
            TracenticSdk.Install(null);
            await client.ShutdownAsync();
        }
    }

    public static async Task<object?> InvokeAsync(Assembly assembly, string typeName = "Program", string methodName = "Run")
    {
        var type = assembly.GetType(typeName) ?? throw new InvalidOperationException($"No type {typeName}");
        var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"No static method {typeName}.{methodName}");
        object? result;
        try
        {
            result = method.Invoke(null, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (result is Task task)
        {
            await task;
            return task.GetType().GetProperty("Result")?.GetValue(task);
        }

        return result;
    }
}

[CollectionDefinition(nameof(ProcessWideSdk), DisableParallelization = true)]
public sealed class ProcessWideSdk;
