using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracentic.Engine;

/// <summary>
/// The SDK's own log: warnings always, lifecycle messages only with <see cref="TracenticOptions.Debug"/>.
/// Goes to the given <see cref="ILoggerFactory"/>, else to stderr prefixed <c>[tracentic]</c>.
/// Never receives the API key.
/// </summary>
internal sealed class TracenticLog
{
    public const string CategoryName = "Tracentic";

    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<string, bool> _warnedOnce = new(StringComparer.Ordinal);

    public TracenticLog(ILoggerFactory? loggerFactory, bool debug)
    {
        _logger = loggerFactory?.CreateLogger(CategoryName);
        IsDebugEnabled = debug;
    }

    public bool IsDebugEnabled { get; }

    public void Debug(string message)
    {
        if (!IsDebugEnabled)
        {
            return;
        }

        if (_logger is null)
        {
            WriteStderr(message);
        }
        else
        {
            _logger.LogDebug("{Message}", message);
        }
    }

    public void Info(string message)
    {
        if (_logger is null)
        {
            WriteStderr(message);
        }
        else
        {
            _logger.LogInformation("{Message}", message);
        }
    }

    public void Warn(string message)
    {
        if (_logger is null)
        {
            WriteStderr("warning: " + message);
        }
        else
        {
            _logger.LogWarning("{Message}", message);
        }
    }

    /// <summary>Warns the first time <paramref name="kind"/> is seen; later occurrences are silent.</summary>
    public void WarnOnce(string kind, string message)
    {
        if (_warnedOnce.TryAdd(kind, true))
        {
            Warn(message);
        }
    }

    private static void WriteStderr(string message)
    {
        try
        {
            Console.Error.WriteLine("[tracentic] " + message);
        }
        catch (IOException)
        {
            // A closed stderr must not break the application.
        }
    }
}
