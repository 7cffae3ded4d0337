namespace Tracentic;

/// <summary>
/// A named unit of work that groups LLM spans: a request, a pipeline, a step. Scopes are plain values:
/// creating one records nothing by itself; spans recorded with it carry its id, name, parent and attributes.
/// </summary>
public sealed class TracenticScope
{
    private static readonly AsyncLocal<TracenticScope?> s_current = new();

    // 128 random bits. Unique, not secret: Random.Shared (per-thread, seeded from the OS) costs a few
    // nanoseconds where Guid.NewGuid() costs a system call, and a scope is begun on every traced call.
    private readonly ulong _idHigh;
    private readonly ulong _idLow;
    private readonly TimeProvider _clock;
    private string? _idText;

    internal TracenticScope(
        string name,
        string? parentId,
        string? correlationId,
        IReadOnlyDictionary<string, object?> attributes,
        TimeProvider clock)
    {
        do
        {
            _idHigh = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
            _idLow = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while ((_idHigh | _idLow) == 0); // an all-zero trace id is invalid in OTLP

        _clock = clock;
        Name = name;
        ParentId = parentId;
        CorrelationId = correlationId;
        Attributes = attributes;
        StartedAt = clock.GetUtcNow();
    }

    /// <summary>The scope that nesting and <c>[TracenticLlmCall]</c> spans attach to in this async flow.</summary>
    public static TracenticScope? Current => s_current.Value;

    /// <summary>Unique id: 32 lowercase hexadecimal characters.</summary>
    public string Id => _idText ??= FormatId(); // formatted on first use: most scopes never need the text

    /// <summary>Name given at creation, e.g. <c>"rag-pipeline"</c>.</summary>
    public string Name { get; }

    /// <summary>Id of the parent scope, possibly in another service; null for a root scope.</summary>
    public string? ParentId { get; }

    /// <summary>Caller-defined id that ties this work to something outside Tracentic (an order, a ticket).</summary>
    public string? CorrelationId { get; }

    /// <summary>When the scope was created (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Attributes copied at creation: later changes to the caller's dictionary do not reach them.</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <summary>Creates a child scope: its parent is this scope and it inherits the correlation id unless given one.</summary>
    public TracenticScope CreateChild(string name, Dictionary<string, object?>? attributes = null, string? correlationId = null)
    {
        ScopeNames.ThrowIfInvalid(name);
        return new TracenticScope(name, Id, correlationId ?? CorrelationId, AttributeSnapshot.Copy(attributes), _clock);
    }

    /// <summary>
    /// Makes this the ambient scope (<see cref="Current"/>) until the returned value is disposed, which
    /// restores the previous one. Use with <c>using</c>.
    /// </summary>
    public Activation Activate()
    {
        var previous = s_current.Value;
        s_current.Value = this;
        return new Activation(previous);
    }

    /// <summary>Writes the id as 16 bytes in the order of its hex text (the OTLP trace id of its spans).</summary>
    internal void WriteIdBytes(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, _idHigh);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _idLow);
    }

    private string FormatId() => string.Create(32, (_idHigh, _idLow), static (chars, id) =>
    {
        id._idHigh.TryFormat(chars, out _, "x16");
        id._idLow.TryFormat(chars[16..], out _, "x16");
    });

    /// <summary>Restores the previously ambient scope when disposed; a default value does nothing.</summary>
    public readonly struct Activation : IDisposable
    {
        private readonly TracenticScope? _previous;
        private readonly bool _active;

        internal Activation(TracenticScope? previous)
        {
            _previous = previous;
            _active = true;
        }

        /// <summary>Restores the scope that was ambient before <see cref="Activate"/>.</summary>
        public void Dispose()
        {
            if (_active)
            {
                s_current.Value = _previous;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Id})";
}

internal static class ScopeNames
{
    public static void ThrowIfInvalid(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A scope needs a name, e.g. Begin(\"rag-pipeline\"). It names the unit of work in the dashboard.", nameof(name));
        }
    }
}
