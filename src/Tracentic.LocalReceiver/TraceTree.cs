using System.Globalization;

namespace Tracentic.Local;

/// <summary>Calls, failures, tokens and cost of a set of spans.</summary>
/// <param name="Calls">LLM spans.</param>
/// <param name="Errors">Failed LLM spans.</param>
/// <param name="InputTokens">Sum of input tokens of the spans that reported them.</param>
/// <param name="OutputTokens">Sum of output tokens of the spans that reported them.</param>
/// <param name="CostUsd">Sum of <c>llm.cost.total_usd</c>.</param>
public sealed record TraceTotals(int Calls, int Errors, long InputTokens, long OutputTokens, double CostUsd)
{
    /// <summary>No spans.</summary>
    public static TraceTotals Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>The totals of one span.</summary>
    public static TraceTotals Of(ReceivedSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return new(1, span.IsError ? 1 : 0, span.InputTokens ?? 0, span.OutputTokens ?? 0, span.CostUsd ?? 0);
    }

    /// <summary>Adds two totals.</summary>
    public static TraceTotals operator +(TraceTotals left, TraceTotals right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Calls + right.Calls, left.Errors + right.Errors, left.InputTokens + right.InputTokens,
            left.OutputTokens + right.OutputTokens, left.CostUsd + right.CostUsd);
    }

    /// <summary>Adds two totals.</summary>
    public static TraceTotals Add(TraceTotals left, TraceTotals right) => left + right;
}

/// <summary>A node of a <see cref="TraceTree"/>: a scope or an LLM span.</summary>
public abstract class TraceNode
{
    private protected TraceNode()
    {
    }

    /// <summary>Calls, errors, tokens and cost of this node and everything under it.</summary>
    public abstract TraceTotals Totals { get; }

    /// <summary>When the node started, in nanoseconds since the Unix epoch: the order among siblings.</summary>
    public abstract long StartTimeUnixNano { get; }

    internal abstract string SortName { get; }
}

/// <summary>One LLM call.</summary>
public sealed class SpanNode : TraceNode
{
    internal SpanNode(ReceivedSpan span)
    {
        Span = span;
        Totals = TraceTotals.Of(span);
    }

    /// <summary>The span as received.</summary>
    public ReceivedSpan Span { get; }

    /// <inheritdoc/>
    public override TraceTotals Totals { get; }

    /// <inheritdoc/>
    public override long StartTimeUnixNano => Span.StartTimeUnixNano;

    internal override string SortName => Span.Name;
}

/// <summary>
/// A scope with its child scopes (linked by <c>tracentic.scope.parent_id</c>) and its LLM spans. Scopes are
/// only known through the spans recorded in them: a scope that recorded none itself but is the parent of a
/// scope that did appears with <see cref="IsKnown"/> false and no name.
/// </summary>
public sealed class ScopeNode : TraceNode
{
    private readonly List<TraceNode> _children = [];
    private TraceTotals? _totals;
    private long? _start;

    internal ScopeNode(string id) => Id = id;

    /// <summary>Scope id (<c>tracentic.scope.id</c>).</summary>
    public string Id { get; }

    /// <summary>Scope name; null when no span of this scope was received.</summary>
    public string? Name { get; internal set; }

    /// <summary>Parent scope id as the spans state it (the parent may be in another service).</summary>
    public string? ParentId { get; internal set; }

    /// <summary>Correlation id of the scope.</summary>
    public string? CorrelationId { get; internal set; }

    /// <summary>The service whose spans named this scope.</summary>
    public string? ServiceName { get; internal set; }

    /// <summary>When the scope began.</summary>
    public DateTimeOffset? StartedAt { get; internal set; }

    /// <summary>Whether any span recorded directly in this scope was received.</summary>
    public bool IsKnown => Name is not null;

    /// <summary>Child scopes and spans, in start order.</summary>
    public IReadOnlyList<TraceNode> Children => _children;

    /// <summary>The LLM spans recorded directly in this scope.</summary>
    public IEnumerable<ReceivedSpan> Spans => _children.OfType<SpanNode>().Select(n => n.Span);

    /// <summary>The child scopes.</summary>
    public IEnumerable<ScopeNode> Scopes => _children.OfType<ScopeNode>();

    /// <inheritdoc/>
    public override TraceTotals Totals => _totals ??= _children.Aggregate(TraceTotals.Empty, (sum, child) => sum + child.Totals);

    /// <inheritdoc/>
    public override long StartTimeUnixNano => _start ??= StartedAt is { } started
        ? (started.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100
        : _children.Count == 0 ? long.MaxValue : _children.Min(c => c.StartTimeUnixNano);

    internal override string SortName => Name ?? Id;

    /// <summary>Every span in this scope and its descendants.</summary>
    public IEnumerable<ReceivedSpan> AllSpans() => _children.SelectMany(child => child switch
    {
        SpanNode span => [span.Span],
        ScopeNode scope => scope.AllSpans(),
        _ => [],
    });

    /// <summary>This scope and every descendant scope, depth first.</summary>
    public IEnumerable<ScopeNode> SelfAndDescendants() => Scopes.SelectMany(s => s.SelfAndDescendants()).Prepend(this);

    internal void Add(TraceNode child) => _children.Add(child);

    internal void Sort()
    {
        _children.Sort(TraceTree.Order);
        foreach (var scope in Scopes)
        {
            scope.Sort();
        }
    }
}

/// <summary>
/// Received spans arranged as the work that produced them: root scopes, their child scopes (linked by
/// <c>tracentic.scope.parent_id</c>, across services too) and the LLM spans in each, in start order; spans
/// recorded without a scope are roots of their own.
/// </summary>
public sealed class TraceTree
{
    private TraceTree(IReadOnlyList<TraceNode> roots, IReadOnlyList<ReceivedSpan> spans)
    {
        Roots = roots;
        Totals = roots.Aggregate(TraceTotals.Empty, (sum, root) => sum + root.Totals);
        ScopeCount = roots.OfType<ScopeNode>().SelectMany(r => r.SelfAndDescendants()).Count(s => s.IsKnown);
        Services = spans.Select(s => s.ServiceName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Root scopes and scopeless spans, in start order.</summary>
    public IReadOnlyList<TraceNode> Roots { get; }

    /// <summary>Calls, errors, tokens and cost of everything received.</summary>
    public TraceTotals Totals { get; }

    /// <summary>Scopes that recorded at least one span.</summary>
    public int ScopeCount { get; }

    /// <summary>Names of the services the spans came from, sorted.</summary>
    public IReadOnlyList<string> Services { get; }

    internal static Comparison<TraceNode> Order { get; } = static (a, b) =>
    {
        var byTime = a.StartTimeUnixNano.CompareTo(b.StartTimeUnixNano);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.SortName, b.SortName);
    };

    /// <summary>Every scope in the tree, depth first.</summary>
    public IEnumerable<ScopeNode> AllScopes() => Roots.OfType<ScopeNode>().SelectMany(r => r.SelfAndDescendants());

    /// <summary>The scope with the given name (the first in start order), or null.</summary>
    public ScopeNode? FindScope(string name) => AllScopes().FirstOrDefault(s => s.Name == name);

    /// <summary>Arranges spans into a tree.</summary>
    public static TraceTree Build(IEnumerable<ReceivedSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var all = spans.ToList();
        var scopes = new Dictionary<string, ScopeNode>(StringComparer.Ordinal);
        var roots = new List<TraceNode>();

        ScopeNode GetScope(string id)
        {
            if (!scopes.TryGetValue(id, out var scope))
            {
                scopes[id] = scope = new ScopeNode(id);
            }

            return scope;
        }

        foreach (var span in all)
        {
            if (span.ScopeId is not { Length: > 0 } scopeId)
            {
                roots.Add(new SpanNode(span));
                continue;
            }

            var scope = GetScope(scopeId);
            if (scope.Name is null)
            {
                scope.Name = span.ScopeName ?? "(unnamed scope)";
                scope.ParentId = span.ScopeParentId;
                scope.CorrelationId = span.CorrelationId;
                scope.ServiceName = span.ServiceName;
                scope.StartedAt = span.ScopeStartedAt;
            }

            scope.Add(new SpanNode(span));
        }

        // Link each scope to its parent. Malformed data could make parents loop: such a link is dropped, so the
        // scope becomes a root and every walk of the tree ends.
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scope in scopes.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (scope.ParentId is not { Length: > 0 } parentId || parentId == scope.Id)
            {
                continue;
            }

            var loops = false;
            var visited = new HashSet<string>(StringComparer.Ordinal);
            for (string? current = parentId; current is not null && visited.Add(current); current = parentOf.GetValueOrDefault(current))
            {
                if (current == scope.Id)
                {
                    loops = true;
                    break;
                }
            }

            if (!loops)
            {
                parentOf[scope.Id] = parentId;
            }
        }

        // A parent that sent no span of its own (or lives in a service not sending here) still groups its children.
        foreach (var (childId, parentId) in parentOf)
        {
            GetScope(parentId).Add(scopes[childId]);
        }

        foreach (var scope in scopes.Values)
        {
            if (!parentOf.ContainsKey(scope.Id))
            {
                roots.Add(scope);
            }
        }

        roots.Sort(Order);
        foreach (var scope in roots.OfType<ScopeNode>())
        {
            scope.Sort();
        }

        return new TraceTree(roots, all);
    }

    /// <summary>The tree as text, one line per scope or span, followed by the totals.</summary>
    public string Render(TraceTreeRenderOptions? options = null) => TraceTreeRenderer.Render(this, options ?? new TraceTreeRenderOptions());

    /// <inheritdoc/>
    public override string ToString() => Render();

    internal static string FormatTokens(long tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    internal static string FormatCost(double cost) => "$" + cost.ToString("0.000000", CultureInfo.InvariantCulture);
}
