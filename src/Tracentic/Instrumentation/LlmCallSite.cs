using System.ComponentModel;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Telemetry;

namespace Tracentic.Instrumentation;

/// <summary>
/// What the generator knows at compile time about one call of an annotated LLM method: the method's provider,
/// operation and model, and the line that made the call. The Tracentic ingest gets the line as <c>code.function</c>
/// (<c>Type.Member</c>), <c>code.filepath</c> and <c>code.lineno</c>, as it always has; activities and standard OTLP
/// get the semantic conventions' current names, <c>code.function.name</c> (fully qualified), <c>code.file.path</c> and
/// <c>code.line.number</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LlmCallSite
{
    /// <summary>
    /// Creates the site. <paramref name="function"/> is the member that makes the call (<c>Type.Member</c>), and
    /// <paramref name="qualifiedFunction"/> the same with its namespace (<c>Namespace.Type.Member</c>);
    /// <paramref name="filePath"/> (relative to the project) and <paramref name="line"/> (1-based) locate the call.
    /// </summary>
    public LlmCallSite(string? provider, string? operationType, string? model, string function, string? filePath = null, int line = 0, string? qualifiedFunction = null)
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
        var max = AttributeLimits.PlatformMaxStringValueLength;
        Details = new RecordedCallDetails
        {
            CodeFunction = JsonText.Clean(qualifiedFunction ?? function ?? "", max),
            CodeFilePath = filePath is null ? null : JsonText.Clean(filePath, max),
            CodeLine = filePath is null ? 0 : line,
        };
        ActivityTags = LlmCallStartTags.For(provider, operationType, Details);
    }

    internal string? Provider { get; }
    internal string? OperationType { get; }
    internal string? Model { get; }

    /// <summary>The ingest's <c>code.*</c> attributes, the first of the span's own.</summary>
    internal KeyValuePair<string, object?>[] CodeAttributes { get; }

    /// <summary>The call's details when it adds none of its own: the site's code location, shared by its calls.</summary>
    internal RecordedCallDetails Details { get; }

    /// <summary>The tags its calls' activities start with (operation, provider, code location), shared by its calls.</summary>
    internal KeyValuePair<string, object?>[] ActivityTags { get; }
}
