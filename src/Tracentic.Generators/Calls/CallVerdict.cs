using Tracentic.Generators.Common;

namespace Tracentic.Generators.Calls;

/// <summary>Whether a call to a traced method can be wrapped, and if not, the diagnostic that says why.</summary>
internal readonly record struct CallVerdict(string? SkipId, EquatableArray<string> Arguments)
{
    public static readonly CallVerdict Wrap = new(null, EquatableArray<string>.Empty);

    public bool CanWrap => SkipId is null;

    public static CallVerdict Skip(string id, params string[] arguments) => new(id, new EquatableArray<string>(arguments));
}
