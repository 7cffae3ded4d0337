using System.Collections;
using System.Diagnostics;

namespace Tracentic.OpenTelemetry.Tests.Infrastructure;

/// <summary>
/// Where the OpenTelemetry in-memory exporter puts activities as they stop: thread-safe, and a test can wait for one
/// that stops on another thread (a request activity after its response, a call recorded by a continuation).
/// </summary>
internal sealed class ActivityLog : ICollection<Activity>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly List<Activity> _items = [];
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The activities stopped so far.</summary>
    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    /// <summary>The one activity matching <paramref name="match"/>, waiting (bounded) for it to stop.</summary>
    public Activity Single(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            Task added;
            lock (_items)
            {
                if (_items.Any(match))
                {
                    return Assert.Single(_items, a => match(a));
                }

                added = _added.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !added.Wait(left))
            {
                return Assert.Single(Snapshot(), a => match(a)); // fails, listing what did arrive
            }
        }
    }

    public void Add(Activity item)
    {
        TaskCompletionSource added;
        lock (_items)
        {
            _items.Add(item);
            added = _added;
            _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.SetResult();
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_items)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_items)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
