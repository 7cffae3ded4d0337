using System.Runtime.InteropServices;
using Tracentic.Core;

namespace Tracentic.Engine;

/// <summary>
/// Delivers what is queued however the process ends without a shutdown call: returning from Main or
/// <c>Environment.Exit</c> (process exit), an unhandled exception, and SIGTERM/SIGINT without a host (.NET 10 no
/// longer turns SIGTERM into process exit). Each flush waits at most <see cref="TracenticSettings.ExitTimeout"/>.
/// Signal handling stays the application's: the handler never cancels a signal, and it does nothing when another
/// handler already cancelled it (the application then shuts down its own way, and process exit flushes).
/// </summary>
internal sealed class ExitHooks : IDisposable
{
    private readonly TracenticEngine _client;
    private readonly PosixSignalRegistration?[] _signals;

    public ExitHooks(TracenticEngine client)
    {
        _client = client;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        _signals = [Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGINT)];
    }

    private PosixSignalRegistration? Register(PosixSignal signal)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, OnSignal);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or IOException)
        {
            return null; // e.g. browser or mobile: the other hooks still apply
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => _client.ShutdownForExit("process exit");

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.IsTerminating)
        {
            _client.ShutdownForExit("an unhandled exception");
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!context.Cancel)
        {
            // The process may go on (a later handler can still cancel the signal): flush, do not shut down.
            _client.FlushForExit(context.Signal.ToString());
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        foreach (var signal in _signals)
        {
            signal?.Dispose();
        }
    }
}
