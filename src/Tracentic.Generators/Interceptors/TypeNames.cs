namespace Tracentic.Generators.Interceptors;

/// <summary>Metadata names the generator looks up, in one place.</summary>
internal static class TypeNames
{
    public const string ScopeAttribute = "Tracentic.TracenticScopeAttribute";
    public const string LlmCallAttribute = "Tracentic.TracenticLlmCallAttribute";
    public const string AttributeAttribute = "Tracentic.TracenticAttributeAttribute";
    public const string CorrelationIdAttribute = "Tracentic.TracenticCorrelationIdAttribute";
    public const string ParentScopeIdAttribute = "Tracentic.TracenticParentScopeIdAttribute";
    public const string ModelAttribute = "Tracentic.TracenticModelAttribute";

    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string ExpressionOfT = "System.Linq.Expressions.Expression`1";
    public const string UnsafeAccessorAttribute = "System.Runtime.CompilerServices.UnsafeAccessorAttribute";

    /// <summary>A .NET 9 type: its presence means [UnsafeAccessor] supports generic types and methods.</summary>
    public const string Net9Marker = "System.Threading.Lock";

    public const string GeneratedNamespace = "Tracentic.Generated";
}

/// <summary>Names of the pipeline stages, for the caching tests.</summary>
internal static class TrackingNames
{
    public const string CallSites = nameof(CallSites);
    public const string Sites = nameof(Sites);
    public const string Faults = nameof(Faults);
    public const string Project = nameof(Project);

    /// <summary>Models plus project facts: what the source output is made from (must stay cached).</summary>
    public const string Emit = nameof(Emit);
}
