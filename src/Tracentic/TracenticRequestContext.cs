namespace Tracentic;

/// <summary>
/// Attributes and an optional incoming parent scope id that belong to one request or message, and flow
/// with its async work only. Layered between global and scope attributes; never shared between concurrent
/// requests. The ASP.NET Core integration enters one per HTTP request; message consumers can do the same.
/// </summary>
public sealed class TracenticRequestContext
{
    private static readonly AsyncLocal<TracenticRequestContext?> s_current = new();

    private TracenticRequestContext(IReadOnlyDictionary<string, object?> attributes, string? parentScopeId)
    {
        Attributes = attributes;
        ParentScopeId = parentScopeId;
    }

    /// <summary>The context of the request this async flow belongs to, if any.</summary>
    public static TracenticRequestContext? Current => s_current.Value;

    /// <summary>Per-request attributes. A null value hides a global attribute for this request only.</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <summary>
    /// A scope id received from the caller (e.g. the <see cref="TracenticHeaders.Scope"/> header): root scopes
    /// begun during this request become its children.
    /// </summary>
    public string? ParentScopeId { get; }

    /// <summary>
    /// Enters a request context for the current async flow; disposing the result restores the previous one.
    /// The attributes are copied.
    /// </summary>
    public static Entered Enter(IEnumerable<KeyValuePair<string, object?>>? attributes = null, string? parentScopeId = null)
    {
        var previous = s_current.Value;
        s_current.Value = new TracenticRequestContext(
            AttributeSnapshot.Copy(attributes),
            string.IsNullOrWhiteSpace(parentScopeId) ? null : parentScopeId);
        return new Entered(previous);
    }

    /// <summary>Restores the previous request context when disposed.</summary>
    public readonly struct Entered : IDisposable
    {
        private readonly TracenticRequestContext? _previous;

        internal Entered(TracenticRequestContext? previous) => _previous = previous;

        /// <summary>Leaves the request context.</summary>
        public void Dispose() => s_current.Value = _previous;
    }
}
