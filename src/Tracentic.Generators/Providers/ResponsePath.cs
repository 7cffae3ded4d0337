using System.Collections.Generic;

namespace Tracentic.Generators.Providers;

/// <summary>
/// The path syntax of <see cref="ProviderTable"/> and of the attribute's <c>InputTokens</c>/<c>OutputTokens</c>/
/// <c>ResponseModel</c> properties: members separated by dots (<c>Usage.InputTokenCount</c>), <c>Name()</c> for a
/// parameterless method, <c>~TryPickText</c> for a union variant, <c>[*]</c> for every item of a collection, and
/// <c>[Namespace.Type]</c> for a derived type.
/// </summary>
internal static class ResponsePath
{
    internal enum SegmentKind { Member, Method, Pick, Each, As }

    internal readonly record struct Segment(SegmentKind Kind, string Name);

    public static List<Segment> Parse(string path)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '.' || char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                var inside = path.Substring(i + 1, end - i - 1).Trim();
                segments.Add(inside == "*" ? new Segment(SegmentKind.Each, "") : new Segment(SegmentKind.As, inside));
                i = end + 1;
                continue;
            }

            var pick = c == '~';
            var start = pick ? i + 1 : i;
            var stop = start;
            while (stop < path.Length && path[stop] is not ('.' or '[' or '~') && !char.IsWhiteSpace(path[stop]))
            {
                stop++;
            }

            var name = path.Substring(start, stop - start);
            if (pick)
            {
                segments.Add(new Segment(SegmentKind.Pick, name));
            }
            else if (name.EndsWith("()", System.StringComparison.Ordinal))
            {
                segments.Add(new Segment(SegmentKind.Method, name.Substring(0, name.Length - 2)));
            }
            else
            {
                segments.Add(new Segment(SegmentKind.Member, name));
            }

            i = stop;
        }

        return segments;
    }
}
