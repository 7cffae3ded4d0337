using Tracentic.Core;

namespace Tracentic.Telemetry;

/// <summary>
/// The tags a wrapped call's activity is created with, all known from its call site: the operation, the provider and
/// the line that made the call. Built once per site and given to <c>StartActivity</c>, so a sampler sees them (the GenAI
/// conventions ask for the operation and provider at creation) and a call adds them without a lock or a box each.
/// </summary>
internal static class LlmCallStartTags
{
    public static KeyValuePair<string, object?>[] For(string? provider, string? operationType, RecordedCallDetails site)
    {
        var tags = new List<KeyValuePair<string, object?>>(5) { new(GenAiConventions.OperationName, GenAiConventions.Operation(operationType)) };
        if (provider is not null)
        {
            tags.Add(new(GenAiConventions.ProviderName, provider));
        }

        if (site.CodeFunction is { Length: > 0 } function)
        {
            tags.Add(new(GenAiConventions.CodeFunctionName, function));
        }

        if (site.CodeFilePath is { } path)
        {
            tags.Add(new(GenAiConventions.CodeFilePath, path));
            tags.Add(new(GenAiConventions.CodeLineNumber, site.CodeLine));
        }

        return [.. tags];
    }
}
