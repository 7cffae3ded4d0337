using Microsoft.Extensions.Logging;

namespace Tracentic.Testing;

/// <summary>One message written through a <see cref="CapturingLoggerProvider"/>, with the event id it was logged under.</summary>
internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception, EventId EventId);
