using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tracentic.Core;

namespace Tracentic.Export;

/// <summary>
/// Posts one request body and reports how it went. Each attempt is bounded by the export timeout (on the engine's
/// <see cref="TimeProvider"/>). Redirects are never followed: the API key must not travel to another origin, so a
/// redirect is reported as a failure naming where it pointed. Everything a server sends back is redacted before it
/// reaches a log message.
/// </summary>
internal sealed class HttpSender : IDisposable
{
    private const int MaxLoggedBodyLength = 512;
    private const int MaxReadBodyBytes = 16 * 1024;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly Uri _uri;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _clock;
    private readonly SecretRedactor _redactor;
    private readonly HttpClient _client;
    private readonly string _credentialsHint; // what to check when the endpoint refuses the credentials (401, 403)

    public HttpSender(Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout, TimeProvider clock, SecretRedactor redactor, Func<HttpMessageHandler>? handlerFactory, string credentialsHint)
    {
        _credentialsHint = credentialsHint;
        _uri = uri;
        _headers = headers;
        _timeout = timeout;
        _clock = clock;
        _redactor = redactor;
        var handler = handlerFactory?.Invoke() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        DisableRedirects(handler);
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Uri => _uri;

    /// <summary>Sends <paramref name="body"/>; never throws except when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<SendResult> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _uri);
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.UserAgent.ParseAdd(SdkInfo.UserAgent);
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = JsonContentType;

        using var timeout = new CancellationTokenSource(_timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new SendResult(status, null, null);
            }

            var detail = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            var problem = new StringBuilder().Append(status).Append(' ').Append(_redactor.Redact(response.ReasonPhrase, 128));
            if (status is >= 300 and < 400)
            {
                problem.Append(" to ").Append(_redactor.Redact(response.Headers.Location?.ToString(), 256))
                    .Append(": redirects are not followed, so the API key never goes to another address; set Endpoint to the final URL");
            }
            else if (status is 401 or 403)
            {
                problem.Append(": ").Append(_credentialsHint);
            }

            if (detail.Length > 0)
            {
                problem.Append(" - ").Append(detail);
            }

            return new SendResult(status, RetryAfter(response), problem.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(0, null, $"no response within ExportTimeout ({_timeout.TotalSeconds:0.###} s)");
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(0, null, _redactor.Redact($"{ex.GetType().Name}: {ex.Message}", 512));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - _clock.GetUtcNow() : null);
    }

    /// <summary>The start of the response body, redacted then shortened; empty when it cannot be read in time.</summary>
    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxReadBodyBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            return _redactor.Redact(Encoding.UTF8.GetString(buffer, 0, read), MaxLoggedBodyLength);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            return "";
        }
    }

    /// <summary>Turns automatic redirects off on the handler that does the I/O, wherever it sits in a handler chain.</summary>
    private static void DisableRedirects(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            handler = inner;
        }

        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>How one request went: the status (0 when there was no response), the server's <c>Retry-After</c>, and a redacted description of any problem.</summary>
internal readonly record struct SendResult(int StatusCode, TimeSpan? RetryAfter, string? Problem);
