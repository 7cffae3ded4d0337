namespace Tracentic.Engine;

/// <summary>A validated copy of <see cref="OtlpOutputOptions"/>: where standard OTLP goes and with which headers.</summary>
internal sealed class OtlpOutputSettings
{
    private OtlpOutputSettings(Uri tracesUri, KeyValuePair<string, string>[] headers)
    {
        TracesUri = tracesUri;
        Headers = headers;
    }

    public Uri TracesUri { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Null when the output is off; throws <see cref="ArgumentException"/> saying what to fix.</summary>
    public static OtlpOutputSettings? From(OtlpOutputOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        Uri uri;
        if (!string.IsNullOrWhiteSpace(options.TracesEndpoint))
        {
            uri = Absolute(options.TracesEndpoint, nameof(options.TracesEndpoint));
        }
        else if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            var baseUri = Absolute(options.Endpoint, nameof(options.Endpoint));
            uri = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1/traces", UriKind.Absolute);
        }
        else
        {
            throw new ArgumentException(
                "TracenticOptions.Otlp needs an Endpoint (e.g. \"http://localhost:4318\") or a TracesEndpoint; set one, or leave Otlp null to turn the standard OTLP output off.",
                nameof(TracenticOptions.Otlp));
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in options.Headers ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c > '~' || c == ':'))
            {
                throw new ArgumentException($"TracenticOptions.Otlp.Headers has an invalid header name \"{name}\"; use printable ASCII without spaces or ':'.", nameof(TracenticOptions.Otlp));
            }

            if (value is null || value.Any(c => c is '\r' or '\n'))
            {
                throw new ArgumentException($"TracenticOptions.Otlp.Headers[\"{name}\"] is null or contains a line break; check for a trailing newline copied from a secret.", nameof(TracenticOptions.Otlp));
            }

            headers.Add(new(name, value.Trim()));
        }

        return new OtlpOutputSettings(uri, [.. headers]);
    }

    private static Uri Absolute(string text, string name) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException(
                $"TracenticOptions.Otlp.{name} must be an absolute http:// or https:// URL such as \"http://localhost:4318\"; got \"{text}\".",
                nameof(TracenticOptions.Otlp));
}
