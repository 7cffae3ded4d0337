using System;
using System.Collections.Generic;
using System.Linq;
using Tracentic.Generators.Common;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Providers;

/// <summary>
/// The members that more than one read of a response goes through (<c>Usage</c> for the input and the output
/// count, <c>Value</c> of a <c>ClientResult</c> for everything), each read once into a local. Reads then start from
/// the longest shared member they go through, so every getter of the response runs at most once per recording.
/// </summary>
internal sealed class SharedReads
{
    private readonly string _base;
    private readonly List<Local> _locals = [];
    private readonly List<string> _declarations = [];

    /// <param name="paths">Every read made unconditionally (each alternative of each field).</param>
    /// <param name="root">The response expression.</param>
    /// <param name="rootMember">The member every read starts with (<c>Value</c> of <c>ClientResult&lt;T&gt;</c>), or null.</param>
    public SharedReads(IReadOnlyList<ReadPath> paths, string root, string? rootMember)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal) { Unescaped(root) };
        _base = rootMember is null ? root : $"{root}.{rootMember}";
        if (rootMember is not null && paths.Count > 1)
        {
            _base = Declare(taken, rootMember, _base);
        }

        // How many reads go through each chain of plain member reads (Member and Method steps from the start).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var length = 1; length <= PlainSteps(path); length++)
            {
                var key = Key(path, length);
                counts[key] = counts.TryGetValue(key, out var count) ? count + 1 : 1;
            }
        }

        // Shortest first, so a longer shared chain starts from the shorter one's local. A chain whose every read goes on
        // through the same next member needs no local of its own: that longer chain has one.
        foreach (var path in paths)
        {
            for (var length = 1; length <= PlainSteps(path); length++)
            {
                var key = Key(path, length);
                var count = counts[key];
                var longer = length < PlainSteps(path) ? counts[Key(path, length + 1)] : 0;
                if (count < 2 || longer == count || _locals.Any(l => l.Key == key))
                {
                    continue;
                }

                var (start, from, nullable) = Start(path, length - 1);
                var expression = start;
                for (var i = from; i < length; i++)
                {
                    var step = path.Steps[i];
                    nullable |= step.NullConditional;
                    var access = step.NullConditional || (i == from && nullable) ? "?." : ".";
                    expression += access + step.Name + (step.Kind == ReadStepKind.Method ? "()" : "");
                }

                _locals.Add(new Local(key, length, Declare(taken, path.Steps[length - 1].Name, expression), nullable));
            }
        }
    }

    /// <summary>No shared reads: every read starts from <paramref name="root"/>.</summary>
    public static SharedReads None(string root) => new([], root, null);

    /// <summary><c>var name = expression;</c> for each local, in the order they must be read.</summary>
    public EquatableArray<string> Declarations => _declarations.ToEquatableArray();

    /// <summary>Where a read starts: the longest shared local it goes through (and how many of its steps that covers), or the response.</summary>
    public (string Prefix, int From, bool Nullable) Start(ReadPath path) => Start(path, PlainSteps(path));

    private (string Prefix, int From, bool Nullable) Start(ReadPath path, int maxLength)
    {
        for (var length = maxLength; length > 0; length--)
        {
            var key = Key(path, length);
            if (_locals.FirstOrDefault(l => l.Key == key) is { } local)
            {
                return (local.Name, local.Length, local.Nullable);
            }
        }

        return (_base, 0, false);
    }

    private string Declare(HashSet<string> taken, string member, string expression)
    {
        var preferred = Unescaped(member);
        preferred = char.ToLowerInvariant(preferred[0]) + preferred.Substring(1);
        var name = preferred;
        for (var n = 2; !taken.Add(name) || IsLambdaName(name); n++)
        {
            name = preferred + n;
        }

        var identifier = CSharpText.Identifier(name);
        _declarations.Add($"var {identifier} = {expression};");
        return identifier;
    }

    // The renderer names pattern and lambda variables p1, v1, e1, ...
    private static bool IsLambdaName(string name) =>
        name.Length > 1 && name[0] is 'p' or 'v' or 'e' && name.Skip(1).All(char.IsDigit);

    private static string Unescaped(string name) => name.TrimStart('@');

    private static int PlainSteps(ReadPath path)
    {
        var count = 0;
        while (count < path.Steps.Count && path.Steps[count].Kind is ReadStepKind.Member or ReadStepKind.Method)
        {
            count++;
        }

        return count;
    }

    private static string Key(ReadPath path, int length) =>
        string.Join(".", path.Steps.Take(length).Select(s => s.Kind == ReadStepKind.Method ? s.Name + "()" : s.Name));

    private sealed record Local(string Key, int Length, string Name, bool Nullable);
}
