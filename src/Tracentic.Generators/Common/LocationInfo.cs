using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Tracentic.Generators.Common;

/// <summary>A source location as plain data (a <see cref="Location"/> would pin the syntax tree in the cache).</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource)
        {
            return null;
        }

        var lines = location.GetLineSpan();
        return new LocationInfo(
            lines.Path ?? "", location.SourceSpan.Start, location.SourceSpan.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character,
            lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    /// <summary>A location in the matching syntax tree when there is one (so #pragma applies), else by path.</summary>
    public Location ToLocation(IReadOnlyDictionary<string, SyntaxTree>? trees = null) =>
        trees is not null && trees.TryGetValue(FilePath, out var tree) && Start + Length <= tree.Length
            ? Location.Create(tree, new TextSpan(Start, Length))
            : Location.Create(
                FilePath,
                new TextSpan(Start, Length),
                new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}

/// <summary>A diagnostic to report, as plain data: the descriptor id, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic(IReadOnlyDictionary<string, SyntaxTree>? trees = null) => Diagnostic.Create(
        Diagnostics.DiagnosticDescriptors.ById(Id),
        Location?.ToLocation(trees) ?? Microsoft.CodeAnalysis.Location.None,
        Arguments.ToArray<object>());
}

internal static class EquatableArrayExtensions
{
    public static TOut[] ToArray<TOut>(this EquatableArray<string> items)
    {
        var result = new TOut[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = (TOut)(object)items[i];
        }

        return result;
    }
}
