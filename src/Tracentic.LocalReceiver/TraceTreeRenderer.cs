using System.Globalization;
using System.Text;

namespace Tracentic.Local;

/// <summary>How <see cref="TraceTree.Render"/> writes the tree.</summary>
public sealed class TraceTreeRenderOptions
{
    /// <summary>Show the first 8 characters of each scope id (<c>#1a2b3c4d</c>). Default true.</summary>
    public bool ShowIds { get; set; } = true;

    /// <summary>Show durations (<c>12 ms</c>). Default true.</summary>
    public bool ShowDurations { get; set; } = true;

    /// <summary>
    /// Show user attributes (global, request, scope and span attributes). Attributes that every span under a
    /// scope shares are shown once, on the scope's line. Default true.
    /// </summary>
    public bool ShowAttributes { get; set; } = true;

    /// <summary>Draw the tree with ASCII characters instead of box-drawing ones. Default false.</summary>
    public bool Ascii { get; set; }
}

/// <summary>Writes a <see cref="TraceTree"/> as indented text.</summary>
internal static class TraceTreeRenderer
{
    private const string Separator = " · ";

    public static string Render(TraceTree tree, TraceTreeRenderOptions options)
    {
        var writer = new Writer(options);
        for (var i = 0; i < tree.Roots.Count; i++)
        {
            writer.Node(tree.Roots[i], parent: null, prefix: "", connector: "", childPrefix: "", inherited: Empty, showService: tree.Services.Count > 1);
        }

        var totals = tree.Totals;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"Total: {Count(totals.Calls, "LLM call")} in {Count(tree.ScopeCount, "scope")}");
        if (totals.Errors > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $"{Separator}{totals.Errors} failed");
        }

        line.Append(CultureInfo.InvariantCulture, $"{Separator}{TraceTree.FormatTokens(totals.TotalTokens)} tokens ({TraceTree.FormatTokens(totals.InputTokens)} in / {TraceTree.FormatTokens(totals.OutputTokens)} out)");
        line.Append(Separator).Append(TraceTree.FormatCost(totals.CostUsd));
        if (tree.Services.Count > 1)
        {
            line.Append(CultureInfo.InvariantCulture, $"{Separator}services: {string.Join(", ", tree.Services)}");
        }

        writer.Line(line.ToString());
        return writer.ToString();
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static string Count(int count, string noun) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    /// <summary>User attributes of a span, formatted, without the ones the SDK writes itself.</summary>
    internal static Dictionary<string, string> DisplayAttributes(ReceivedSpan span)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in span.Attributes)
        {
            if (key.StartsWith("llm.", StringComparison.Ordinal) || key.StartsWith("tracentic.", StringComparison.Ordinal)
                || key.StartsWith("code.", StringComparison.Ordinal))
            {
                continue;
            }

            result[key] = FormatValue(value);
        }

        return result;
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        List<object?> list => "[" + string.Join(", ", list.Select(FormatValue)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={FormatValue(p.Value)}")) + "}",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Attributes with the same value on every span under <paramref name="scope"/>.</summary>
    private static Dictionary<string, string> Common(ScopeNode scope)
    {
        Dictionary<string, string>? common = null;
        foreach (var span in scope.AllSpans())
        {
            var own = DisplayAttributes(span);
            if (common is null)
            {
                common = own;
                continue;
            }

            foreach (var key in common.Keys.ToList())
            {
                if (!own.TryGetValue(key, out var value) || value != common[key])
                {
                    common.Remove(key);
                }
            }
        }

        return common ?? [];
    }

    private sealed class Writer(TraceTreeRenderOptions options)
    {
        private readonly StringBuilder _text = new();
        private readonly string _branch = options.Ascii ? "|- " : "├─ ";
        private readonly string _last = options.Ascii ? "`- " : "└─ ";
        private readonly string _pipe = options.Ascii ? "|  " : "│  ";
        private readonly string _failed = options.Ascii ? "x " : "✗ ";

        public void Line(string line) => _text.Append(line).Append('\n');

        public void Node(TraceNode node, ScopeNode? parent, string prefix, string connector, string childPrefix, IReadOnlyDictionary<string, string> inherited, bool showService)
        {
            switch (node)
            {
                case ScopeNode scope:
                    // Attributes every span below shares are shown once, here, when there is more than one such span.
                    var common = options.ShowAttributes && scope.Totals.Calls > 1 ? Common(scope) : new Dictionary<string, string>(inherited);
                    Line(prefix + connector + ScopeLine(scope, parent, Difference(common, inherited), showService));
                    for (var i = 0; i < scope.Children.Count; i++)
                    {
                        var last = i == scope.Children.Count - 1;
                        Node(scope.Children[i], scope, prefix + childPrefix, last ? _last : _branch, last ? "   " : _pipe, common, showService);
                    }

                    break;
                case SpanNode span:
                    var own = options.ShowAttributes ? DisplayAttributes(span.Span) : [];
                    Line(prefix + connector + SpanLine(span.Span, Difference(own, inherited)));
                    break;
            }
        }

        private string ScopeLine(ScopeNode scope, ScopeNode? parent, IReadOnlyDictionary<string, string> attributes, bool showService)
        {
            var line = new StringBuilder();
            line.Append(scope.Name ?? "(scope that sent no spans here)");
            if (options.ShowIds)
            {
                line.Append(" #").Append(scope.Id.AsSpan(0, Math.Min(8, scope.Id.Length)));
            }

            var totals = scope.Totals;
            line.Append(" (").Append(Count(totals.Calls, "call"));
            if (totals.Errors > 0)
            {
                line.Append(CultureInfo.InvariantCulture, $", {totals.Errors} failed");
            }

            line.Append(", ").Append(TraceTree.FormatTokens(totals.TotalTokens)).Append(" tokens, ").Append(TraceTree.FormatCost(totals.CostUsd)).Append(')');
            // Service and correlation id are shown where they start, not repeated on every child scope.
            if (showService && scope.ServiceName is not null && scope.ServiceName != parent?.ServiceName)
            {
                line.Append(" service=").Append(scope.ServiceName);
            }

            if (scope.CorrelationId is not null && scope.CorrelationId != parent?.CorrelationId)
            {
                line.Append(" correlation=").Append(scope.CorrelationId);
            }

            AppendAttributes(line, attributes);
            return line.ToString();
        }

        private string SpanLine(ReceivedSpan span, IReadOnlyDictionary<string, string> attributes)
        {
            var line = new StringBuilder();
            if (span.IsError)
            {
                line.Append(_failed);
            }

            line.Append(span.Name);
            line.Append(Separator).Append(span.Model ?? "model unknown");
            if (span.IsError)
            {
                line.Append(Separator).Append("FAILED ").Append(span.ErrorType ?? "error");
                if (!string.IsNullOrEmpty(span.StatusMessage))
                {
                    line.Append(": ").Append(span.StatusMessage);
                }
            }
            else
            {
                line.Append(Separator);
                if (span.InputTokens is null && span.OutputTokens is null)
                {
                    line.Append("no token usage");
                }
                else
                {
                    line.Append(span.InputTokens is { } input ? TraceTree.FormatTokens(input) : "?").Append(" in / ")
                        .Append(span.OutputTokens is { } output ? TraceTree.FormatTokens(output) : "?").Append(" out tokens");
                }

                line.Append(Separator).Append(span.CostUsd is { } cost ? TraceTree.FormatCost(cost) : "no cost");
            }

            if (span["llm.time_to_first_token_ms"] is not null || span["llm.stream.completed"] is not null)
            {
                line.Append(Separator).Append("stream");
                if (span["llm.stream.completed"] is false)
                {
                    line.Append(" (abandoned)");
                }

                if (options.ShowDurations && span["llm.time_to_first_token_ms"] is { } first)
                {
                    var ms = first switch { double d => d, long l => l, _ => 0 };
                    line.Append(", first token ").Append(Milliseconds(ms));
                }
            }

            if (options.ShowDurations)
            {
                line.Append(Separator).Append(Milliseconds(span.DurationMs ?? span.Duration.TotalMilliseconds));
            }

            AppendAttributes(line, attributes);
            return line.ToString();
        }

        private static string Milliseconds(double ms) => Math.Round(ms).ToString("0", CultureInfo.InvariantCulture) + " ms";

        private static void AppendAttributes(StringBuilder line, IReadOnlyDictionary<string, string> attributes)
        {
            if (attributes.Count == 0)
            {
                return;
            }

            line.Append(" {");
            var first = true;
            foreach (var (key, value) in attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                line.Append(first ? "" : ", ").Append(key).Append('=').Append(value);
                first = false;
            }

            line.Append('}');
        }

        private static IReadOnlyDictionary<string, string> Difference(IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string> inherited)
        {
            if (inherited.Count == 0)
            {
                return own;
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in own)
            {
                if (!inherited.TryGetValue(key, out var shown) || shown != value)
                {
                    result[key] = value;
                }
            }

            return result;
        }

        public override string ToString() => _text.ToString();
    }
}
