namespace Tracentic;

/// <summary>
/// Every call to this method runs inside a new scope, a child of the ambient scope when there is one.
/// The source generator wraps each call site at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TracenticScopeAttribute : Attribute
{
    /// <summary>Scope named <c>TypeName.MethodName</c>.</summary>
    public TracenticScopeAttribute()
    {
    }

    /// <summary>Scope with the given name.</summary>
    public TracenticScopeAttribute(string name) => Name = name;

    /// <summary>Scope name; <c>TypeName.MethodName</c> when null.</summary>
    public string? Name { get; }
}

/// <summary>
/// Every call to this method is recorded as one LLM span: timed, with provider, model, operation and the
/// token usage the generator finds on the return type at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TracenticLlmCallAttribute : Attribute
{
    /// <summary>Provider, e.g. <c>"openai"</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>Model id, when the method always calls the same model.</summary>
    public string? Model { get; set; }

    /// <summary>Kind of call. Default <c>"chat"</c>.</summary>
    public string OperationType { get; set; } = "chat";

    /// <summary>Member path to the input token count on the result, e.g. <c>"Usage.PromptTokens"</c>.</summary>
    public string? InputTokens { get; set; }

    /// <summary>Member path to the output token count on the result, e.g. <c>"Usage.CompletionTokens"</c>.</summary>
    public string? OutputTokens { get; set; }

    /// <summary>Member path to the model id on the result, e.g. <c>"ModelId"</c>.</summary>
    public string? ResponseModel { get; set; }
}

/// <summary>The argument becomes an attribute of the scope or span. Nothing else of the call is captured.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TracenticAttributeAttribute : Attribute
{
    /// <summary>Attribute keyed by the parameter name.</summary>
    public TracenticAttributeAttribute()
    {
    }

    /// <summary>Attribute with the given key.</summary>
    public TracenticAttributeAttribute(string key) => Key = key;

    /// <summary>Attribute key; the parameter name when null.</summary>
    public string? Key { get; }
}

/// <summary>The argument is the correlation id of the scope the call begins.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TracenticCorrelationIdAttribute : Attribute
{
}

/// <summary>
/// The argument is a parent scope id from another service (e.g. the <see cref="TracenticHeaders.Scope"/>
/// header); when not null, the scope the call begins becomes its child.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TracenticParentScopeIdAttribute : Attribute
{
}

/// <summary>The argument is the model id of the LLM call.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TracenticModelAttribute : Attribute
{
}
