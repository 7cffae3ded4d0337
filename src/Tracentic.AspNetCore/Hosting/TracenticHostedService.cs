using Microsoft.Extensions.Hosting;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.AspNetCore.Hosting;

/// <summary>
/// Ties the engine to the host's lifetime: it is created (and installed process-wide) before any hosted
/// service starts, so wrappers record from the first request; and it is flushed and shut down after every
/// hosted service, the web server included, has stopped, so spans of requests drained at shutdown are delivered.
/// That stop honours the host's token and, with a signal's flush before it, waits at most the ~5 s every exit of
/// the SDK is bounded by (<see cref="TracenticEngine.StopForHostAsync"/>), not the longer <c>ShutdownAsync</c> bound.
/// </summary>
internal sealed class TracenticHostedService(ITracentic engine) : IHostedLifecycleService
{
    // Constructing this service created the engine; nothing else is needed to start.
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        engine is TracenticEngine client ? client.StopForHostAsync(cancellationToken) : engine.ShutdownAsync(cancellationToken);
}
