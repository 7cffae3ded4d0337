using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracentic.Core;

/// <summary>
/// The SDK's own log: warnings always, lifecycle messages only with <see cref="TracenticOptions.Debug"/>. Goes to the
/// given <see cref="ILoggerFactory"/> (category <c>Tracentic</c>), else to stderr prefixed <c>[tracentic]</c>. Every
/// message is defined in <see cref="LogMessages"/> with an event id. Text that came from a server passes through
/// <see cref="Export.SecretRedactor"/> before it gets here.
/// </summary>
internal sealed class TracenticLog
{
    public const string CategoryName = "Tracentic";

    private readonly ConcurrentDictionary<string, bool> _warnedOnce = new(StringComparer.Ordinal);

    public TracenticLog(ILoggerFactory? loggerFactory, bool debug)
    {
        var inner = loggerFactory?.CreateLogger(CategoryName) ?? StderrLogger.Instance;
        Logger = new DebugGatedLogger(inner, debug);
        IsDebugEnabled = debug;
    }

    public ILogger Logger { get; }

    public bool IsDebugEnabled { get; }

    /// <summary>Whether <paramref name="kind"/> is seen for the first time (for warnings given once per kind).</summary>
    public bool FirstTime(string kind) => _warnedOnce.TryAdd(kind, true);

    /// <summary>Warns (a <see cref="LogMessages"/> message) the first time <paramref name="kind"/> is seen; later occurrences are silent.</summary>
    public void WarnOnce(string kind, Action<ILogger> warn)
    {
        if (FirstTime(kind))
        {
            warn(Logger);
        }
    }

    /// <summary>Passes everything through, except debug and trace messages unless <see cref="TracenticOptions.Debug"/> is set.</summary>
    private sealed class DebugGatedLogger(ILogger inner, bool debug) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => (debug || logLevel > LogLevel.Debug) && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
