using Microsoft.CodeAnalysis;
using Tracentic.Generators.Interceptors;

namespace Tracentic.Generators.Calls;

/// <summary>The types that classifying and wrapping a traced call needs, resolved once per compilation.</summary>
internal sealed class TracenticSymbols
{
    private TracenticSymbols(Compilation compilation, INamedTypeSymbol scopeAttribute, INamedTypeSymbol llmAttribute)
    {
        Compilation = compilation;
        ScopeAttribute = scopeAttribute;
        LlmAttribute = llmAttribute;
        Task = compilation.GetTypeByMetadataName(TypeNames.Task);
        TaskOfT = compilation.GetTypeByMetadataName(TypeNames.TaskOfT);
        ValueTask = compilation.GetTypeByMetadataName(TypeNames.ValueTask);
        ValueTaskOfT = compilation.GetTypeByMetadataName(TypeNames.ValueTaskOfT);
        AsyncEnumerable = compilation.GetTypeByMetadataName(TypeNames.AsyncEnumerable);
        AsyncCollectionResult = compilation.GetTypeByMetadataName(Providers.ProviderTable.AsyncCollectionResult);
        CollectionResult = compilation.GetTypeByMetadataName(Providers.ProviderTable.CollectionResult);
        ExpressionOfT = compilation.GetTypeByMetadataName(TypeNames.ExpressionOfT);
        UnsafeAccessor = compilation.GetTypeByMetadataName(TypeNames.UnsafeAccessorAttribute);
        HasGenericUnsafeAccessor = compilation.GetTypeByMetadataName(TypeNames.Net9Marker) is not null;
    }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not reference Tracentic.</summary>
    public static TracenticSymbols? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName(TypeNames.ScopeAttribute) is { } scope
        && compilation.GetTypeByMetadataName(TypeNames.LlmCallAttribute) is { } llm
            ? new TracenticSymbols(compilation, scope, llm)
            : null;

    public Compilation Compilation { get; }
    public INamedTypeSymbol ScopeAttribute { get; }
    public INamedTypeSymbol LlmAttribute { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? AsyncEnumerable { get; }
    public INamedTypeSymbol? AsyncCollectionResult { get; }
    public INamedTypeSymbol? CollectionResult { get; }
    public INamedTypeSymbol? ExpressionOfT { get; }
    public INamedTypeSymbol? UnsafeAccessor { get; }
    public bool HasGenericUnsafeAccessor { get; }
}
