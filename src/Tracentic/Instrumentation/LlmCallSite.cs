using System.ComponentModel;

namespace Tracentic.Instrumentation;

/// <summary>
/// What the generator knows at compile time about one call of an annotated LLM method: the method's provider,
/// operation and model, and the line that made the call (<c>code.function</c>, <c>code.filepath</c>, <c>code.lineno</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LlmCallSite
{
    /// <summary>
    /// Creates the site. <paramref name="function"/> is the member that makes the call; <paramref name="filePath"/>
    /// (relative to the project) and <paramref name="line"/> (1-based) locate the call.
    /// </summary>
    public LlmCallSite(string? provider, string? operationType, string? model, string function, string? filePath = null, int line = 0)
    {
        Provider = provider;
        OperationType = operationType;
        Model = model;
        var code = new List<KeyValuePair<string, object?>> { new("code.function", function) };
        if (filePath is not null)
        {
            code.Add(new("code.filepath", filePath));
            code.Add(new("code.lineno", line));
        }

        CodeAttributes = [.. code];
    }

    internal string? Provider { get; }
    internal string? OperationType { get; }
    internal string? Model { get; }
    internal KeyValuePair<string, object?>[] CodeAttributes { get; }
}
