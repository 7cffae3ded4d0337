namespace Tracentic.Core;

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

        if (Check(options) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(TracenticOptions.Otlp));
        }

        var uri = !string.IsNullOrWhiteSpace(options.TracesEndpoint)
            ? Absolute(options.TracesEndpoint)!
            : new Uri(Absolute(options.Endpoint!)!.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1/traces", UriKind.Absolute);
        return new OtlpOutputSettings(uri, [.. (options.Headers ?? []).Select(header => new KeyValuePair<string, string>(header.Key, header.Value.Trim()))]);
    }

    /// <summary>The first invalid setting of the standard OTLP output, or null: part of <see cref="TracenticSettings.Check"/>.</summary>
    public static OptionsProblem? Check(OtlpOutputOptions options)
    {
        const string Example = "such as \"http://localhost:4318\"";
        if (!string.IsNullOrWhiteSpace(options.TracesEndpoint))
        {
            if (Absolute(options.TracesEndpoint) is null)
            {
                return new OptionsProblem("Otlp.TracesEndpoint", $"must be an absolute http:// or https:// URL {Example}; got \"{options.TracesEndpoint}\"");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return new OptionsProblem(
                "Otlp",
                "needs an Endpoint (e.g. \"http://localhost:4318\") or a TracesEndpoint",
                "set one, or leave Otlp null to turn the standard OTLP output off");
        }
        else if (Absolute(options.Endpoint) is null)
        {
            return new OptionsProblem("Otlp.Endpoint", $"must be an absolute http:// or https:// URL {Example}; got \"{options.Endpoint}\"");
        }

        foreach (var (name, value) in options.Headers ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c > '~' || c == ':'))
            {
                return new OptionsProblem("Otlp.Headers", $"has an invalid header name \"{name}\"", "use printable ASCII without spaces or ':'");
            }

            if (value is null || value.Any(c => c is '\r' or '\n'))
            {
                return new OptionsProblem($"Otlp.Headers[\"{name}\"]", "is null or contains a line break", "check for a trailing newline copied from a secret");
            }
        }

        return null;
    }

    private static Uri? Absolute(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
