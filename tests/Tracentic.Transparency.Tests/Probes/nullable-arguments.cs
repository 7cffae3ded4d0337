// Nullable-annotated captured arguments passed null, and non-nullable ones passed null! .
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask([TracenticModel] object model, [TracenticAttribute("k")] object? value, [TracenticCorrelationId] object id) => new();

    [TracenticScope]
    public Task<Reply?>? Maybe([TracenticParentScopeId] string? parent) => null;

    public void Use() { Ask(null!, null, null!); Maybe(null); }
}
