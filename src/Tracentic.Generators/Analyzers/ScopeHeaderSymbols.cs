using Microsoft.CodeAnalysis;

namespace Tracentic.Generators.Analyzers;

/// <summary>
/// What the scope-header analyzers need from a compilation, resolved once in a compilation-start action.
/// <see cref="TryCreate"/> returns <see langword="null"/> when the compilation does not reference Tracentic,
/// and the analyzers then register nothing.
/// </summary>
internal sealed class ScopeHeaderSymbols
{
    /// <summary>Metadata name of the type that owns the header constant.</summary>
    public const string TracenticHeadersMetadataName = "Tracentic.TracenticHeaders";

    /// <summary>The header value, used when the referenced runtime does not expose it as a constant.</summary>
    public const string DefaultScopeHeader = "x-tracentic-scope-id";

    private ScopeHeaderSymbols(INamedTypeSymbol headersType, ScopeHeaderMatcher matcher)
    {
        HeadersType = headersType;
        Matcher = matcher;
    }

    /// <summary><c>Tracentic.TracenticHeaders</c>.</summary>
    public INamedTypeSymbol HeadersType { get; }

    /// <summary>Decides whether a string is the header (TRC001) or a near miss of it (TRC002).</summary>
    public ScopeHeaderMatcher Matcher { get; }

    public static ScopeHeaderSymbols? TryCreate(Compilation compilation)
    {
        var headersType = compilation.GetTypeByMetadataName(TracenticHeadersMetadataName);
        if (headersType is null)
        {
            return null;
        }

        // The runtime is the source of truth for the header value; fall back to the documented one.
        var header = DefaultScopeHeader;
        foreach (var member in headersType.GetMembers("Scope"))
        {
            if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: string value } && value.Length > 0)
            {
                header = value;
                break;
            }
        }

        return new ScopeHeaderSymbols(headersType, new ScopeHeaderMatcher(header));
    }

    /// <summary>True when <paramref name="symbol"/> is <c>TracenticHeaders</c> or is declared inside it.</summary>
    public bool IsInsideHeadersType(ISymbol? symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is INamedTypeSymbol type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, HeadersType))
            {
                return true;
            }

            if (current is INamespaceSymbol)
            {
                return false;
            }
        }

        return false;
    }
}
