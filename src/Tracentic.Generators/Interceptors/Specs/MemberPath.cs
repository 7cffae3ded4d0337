using System.Linq;
using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// A chain of property or field reads from a root value (the response, or a usage item), and how its end value is
/// converted. Structured, so the emitter alone writes C#.
/// </summary>
internal sealed record MemberPath(EquatableArray<MemberStep> Steps, ValueConversion Conversion);

internal static class MemberPathExtensions
{
    /// <summary>The path with one more member read at its end (its conversion reset).</summary>
    public static MemberPath Then(this MemberPath path, string name, bool nullConditional) =>
        new(new EquatableArray<MemberStep>(path.Steps.Concat(new[] { new MemberStep(name, nullConditional) }).ToArray()), ValueConversion.None);
}
