using Microsoft.Extensions.Logging;

namespace Tracentic.Core;

/// <summary>Where the SDK logs without a logger factory: stderr, one line per message, prefixed <c>[tracentic]</c>.</summary>
internal sealed class StderrLogger : ILogger
{
    public static readonly StderrLogger Instance = new();

    private StderrLogger()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var prefix = logLevel >= LogLevel.Warning ? "[tracentic] warning: " : "[tracentic] ";
        try
        {
            Console.Error.WriteLine(prefix + formatter(state, exception));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A closed stderr must not break the application.
        }
    }
}
