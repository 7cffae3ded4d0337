using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>A span taken from the <see cref="SpanQueue"/> by one output: its sequence number, and its resolved form once it has one.</summary>
internal readonly record struct QueuedSpan(long Sequence, RecordedSpan Span, ResolvedSpan? Resolved = null);
