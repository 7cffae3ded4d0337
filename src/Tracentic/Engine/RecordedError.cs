namespace Tracentic.Engine;

/// <summary>The error of a recorded span: allocated only for errors, so a successful span carries one null reference.</summary>
internal sealed class RecordedError
{
    /// <summary>The exception's short type name (<c>llm.error.type</c>).</summary>
    public string? Type;

    /// <summary>The exception's full type name (<c>error.type</c> of the GenAI conventions).</summary>
    public string? FullType;

    public string? Message;
}
