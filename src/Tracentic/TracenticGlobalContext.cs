namespace Tracentic;

/// <summary>
/// Process-wide attributes that may change at run time (a deploy id, a maintenance flag). They are layered
/// above <see cref="TracenticOptions.GlobalAttributes"/> and below request, scope and span attributes.
/// Process-wide means shared by every concurrent request: for per-request values use
/// <see cref="TracenticRequestContext"/> (or the ASP.NET Core integration) instead.
/// </summary>
public sealed class TracenticGlobalContext
{
    private readonly object _gate = new();
    private IReadOnlyDictionary<string, object?> _snapshot = AttributeSnapshot.Empty;

    internal TracenticGlobalContext()
    {
    }

    /// <summary>The process-wide context.</summary>
    public static TracenticGlobalContext Current { get; } = new();

    /// <summary>
    /// Sets an attribute on every span recorded from now on. A null value hides a global attribute of the
    /// same key from <see cref="TracenticOptions.GlobalAttributes"/>.
    /// </summary>
    public void Set(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            var next = new Dictionary<string, object?>(_snapshot) { [key] = value };
            Volatile.Write(ref _snapshot, AttributeSnapshot.Wrap(next));
        }
    }

    /// <summary>Removes an attribute; returns whether it was present.</summary>
    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_snapshot.ContainsKey(key))
            {
                return false;
            }

            var next = new Dictionary<string, object?>(_snapshot);
            next.Remove(key);
            Volatile.Write(ref _snapshot, next.Count == 0 ? AttributeSnapshot.Empty : AttributeSnapshot.Wrap(next));
            return true;
        }
    }

    /// <summary>A snapshot of the current attributes; later changes do not affect it.</summary>
    public IReadOnlyDictionary<string, object?> GetAll() => Snapshot;

    // Immutable once published, so a recorded span can keep a reference instead of a copy.
    internal IReadOnlyDictionary<string, object?> Snapshot => Volatile.Read(ref _snapshot);

    internal void Clear()
    {
        lock (_gate)
        {
            Volatile.Write(ref _snapshot, AttributeSnapshot.Empty);
        }
    }
}
