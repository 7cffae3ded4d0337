using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Tracentic.Generators.Interceptors;

/// <summary>
/// The semantic model the generator binds calls with, with nullable analysis off. With it on, binding one call runs
/// the flow analysis of its whole member, which cost the generator more than everything else together; off, only the
/// call's statement is bound. Nothing the generator reads depends on
/// nullable state: a wrapper's signature comes from the method's definition, never from the bound call.
/// </summary>
internal static class BindingModel
{
    /// <summary>The model for <paramref name="tree"/>; the parser makes one per file it binds calls in.</summary>
    public static SemanticModel For(Compilation compilation, SyntaxTree tree) =>
        Create(compilation, tree) ?? compilation.GetSemanticModel(tree);

    /// <summary>Null when the host compiler lacks the option (experimental in Roslyn 4.14; a later one may drop it).</summary>
    private static SemanticModel? Create(Compilation compilation, SyntaxTree tree)
    {
        try
        {
            return CreateWithoutNullableAnalysis(compilation, tree);
        }
        catch (Exception ex) when (ex is MissingMemberException or ArgumentException)
        {
            return null;
        }
    }

    // Its own method: a host without the API fails when this one is compiled, inside Create's try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SemanticModel CreateWithoutNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RSEXPERIMENTAL001 // the API is experimental in Roslyn 4.14, which the generator is built against
        return compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }
}
