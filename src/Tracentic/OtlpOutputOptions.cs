namespace Tracentic;

/// <summary>
/// The standard OTLP output: spans sent as OTLP/HTTP JSON by the OpenTelemetry specification (hex ids,
/// <c>/v1/traces</c>) to any OpenTelemetry endpoint — a Collector, the Aspire dashboard, Jaeger. Scopes are
/// INTERNAL spans and LLM calls CLIENT spans under them, with the GenAI semantic-convention attributes beside the
/// Tracentic ones. Set <see cref="TracenticOptions.Otlp"/> to enable it, alongside the Tracentic ingest (with an
/// <see cref="TracenticOptions.ApiKey"/>) or instead of it (without one).
/// </summary>
public sealed class OtlpOutputOptions
{
    /// <summary>Base URL of the endpoint, e.g. <c>http://localhost:4318</c>; spans go to <c>{Endpoint}/v1/traces</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Full URL for traces, used as is; wins over <see cref="Endpoint"/>.</summary>
    public string? TracesEndpoint { get; set; }

    /// <summary>Headers sent with every request, e.g. an authorization header for a hosted backend.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>
    /// Reads the OpenTelemetry exporter environment variables: <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> (used as
    /// is), else <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>/v1/traces</c> appended), and
    /// <c>OTEL_EXPORTER_OTLP_HEADERS</c> / <c>OTEL_EXPORTER_OTLP_TRACES_HEADERS</c> (<c>key=value,key2=value2</c>,
    /// values URL-encoded). Returns null when neither endpoint variable is set. Reading them is explicit, so an
    /// application whose own OpenTelemetry SDK uses the same variables does not get every span twice.
    /// </summary>
    public static OtlpOutputOptions? FromEnvironment() =>
        FromVariables(static name => System.Environment.GetEnvironmentVariable(name));

    internal static OtlpOutputOptions? FromVariables(Func<string, string?> variable)
    {
        var traces = NonEmpty(variable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        var endpoint = NonEmpty(variable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (traces is null && endpoint is null)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ParseHeaders(variable("OTEL_EXPORTER_OTLP_HEADERS"), headers);
        ParseHeaders(variable("OTEL_EXPORTER_OTLP_TRACES_HEADERS"), headers); // the signal-specific list wins
        return new OtlpOutputOptions { Endpoint = endpoint, TracesEndpoint = traces, Headers = headers };
    }

    private static void ParseHeaders(string? list, Dictionary<string, string> headers)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return;
        }

        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException(
                    $"OTEL_EXPORTER_OTLP_HEADERS has an entry without a name and '=' (\"{item}\"); use key=value pairs separated by commas, e.g. \"api-key=abc,tenant=blue\".");
            }

            headers[Uri.UnescapeDataString(item[..equals].Trim())] = Uri.UnescapeDataString(item[(equals + 1)..].Trim());
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
