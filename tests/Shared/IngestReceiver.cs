using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tracentic.Testing;

/// <summary>
/// A real Tracentic ingest endpoint on 127.0.0.1 (Kestrel, a free port) for tests: records every request,
/// checks the API key when given one, and answers as scripted (<see cref="Script"/>), else 200.
/// Spans of requests it answered with 2xx are "delivered" (<see cref="Spans"/>).
/// </summary>
public sealed class IngestReceiver : IAsyncDisposable
{
    public const string IngestPath = "/v1/ingest";

    private readonly object _gate = new();
    private readonly List<IngestRequest> _requests = [];
    private readonly List<ExportedSpan> _delivered = [];
    private readonly Queue<IngestResponse> _script = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string? _expectedApiKey;
    private WebApplication? _app;
    private TaskCompletionSource _changed = NewSignal();

    private IngestReceiver(string? expectedApiKey) => _expectedApiKey = expectedApiKey;

    /// <summary>Base URL to use as <c>TracenticOptions.Endpoint</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Full ingest URL (<see cref="BaseUrl"/> + <c>/v1/ingest</c>).</summary>
    public string IngestUrl => BaseUrl + IngestPath;

    /// <summary>What to answer once the script is used up. Default 200 with <c>{}</c>.</summary>
    public IngestResponse DefaultResponse { get; set; } = IngestResponse.Ok;

    /// <summary>Answers 400 to a body holding any span this returns true for, as the ingest does for a span it cannot store.</summary>
    public Func<ExportedSpan, bool>? RejectSpan { get; set; }

    /// <summary>Answers 413 to a larger body.</summary>
    public long MaxBodyBytes { get; set; } = long.MaxValue;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<IngestRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Spans of every request answered with a 2xx status, in arrival order.</summary>
    public IReadOnlyList<ExportedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>
    /// Starts a receiver, on <paramref name="port"/> when given (else a free one). With <paramref name="expectedApiKey"/>,
    /// requests without that key get 401.
    /// </summary>
    public static async Task<IngestReceiver> StartAsync(string? expectedApiKey = null, int port = 0)
    {
        var receiver = new IngestReceiver(expectedApiKey);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
            // No file watchers: tests start many receivers.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        receiver._app = app;
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    /// <summary>Answers the next requests in this order (after any responses scripted before).</summary>
    public IngestReceiver Script(params IngestResponse[] responses)
    {
        lock (_gate)
        {
            foreach (var response in responses)
            {
                _script.Enqueue(response);
            }
        }

        return this;
    }

    /// <summary>Scripts the next responses by status code only, e.g. <c>Script(503, 503, 200)</c>.</summary>
    public IngestReceiver Script(params int[] statusCodes) => Script([.. statusCodes.Select(code => new IngestResponse(code))]);

    /// <summary>Waits until at least <paramref name="count"/> spans were delivered; throws <see cref="TimeoutException"/> otherwise.</summary>
    public Task<IReadOnlyList<ExportedSpan>> WaitForSpansAsync(int count, TimeSpan timeout) =>
        WaitForAsync<IReadOnlyList<ExportedSpan>>(() => _delivered.Count >= count ? [.. _delivered] : null, timeout,
            () => $"expected {count} delivered span(s), got {_delivered.Count} in {_requests.Count} request(s)");

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (whatever they were answered).</summary>
    public Task<IReadOnlyList<IngestRequest>> WaitForRequestsAsync(int count, TimeSpan timeout) =>
        WaitForAsync<IReadOnlyList<IngestRequest>>(() => _requests.Count >= count ? [.. _requests] : null, timeout,
            () => $"expected {count} request(s), got {_requests.Count}");

    private async Task<T> WaitForAsync<T>(Func<T?> check, TimeSpan timeout, Func<string> describe)
        where T : class
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_requests.FirstOrDefault(r => r.ParseError is not null) is { } bad) // fail fast, with the body
                {
                    throw new InvalidOperationException($"the receiver got a body that is not valid OTLP JSON: {bad.ParseError}\n{bad.BodyText}");
                }

                if (check() is { } result)
                {
                    return result;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested)
            {
                lock (_gate)
                {
                    throw new TimeoutException($"{describe()} within {timeout.TotalSeconds:0.###} s.");
                }
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var request = new IngestRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(),
            _clock.Elapsed);

        IngestResponse response;
        lock (_gate)
        {
            if (request.Path != IngestPath || !HttpMethods.IsPost(request.Method))
            {
                response = new IngestResponse(404, """{"error":"not found"}""");
            }
            else if (_expectedApiKey is not null && request.Header("x-tracentic-api-key") != _expectedApiKey)
            {
                response = new IngestResponse(401, """{"error":"invalid api key"}""");
            }
            else if (request.ParseError is not null)
            {
                response = new IngestResponse(400, """{"error":"invalid OTLP JSON"}""");
            }
            else if (request.Body.Length > MaxBodyBytes)
            {
                response = new IngestResponse(413, """{"error":"request body too large"}""");
            }
            else if (RejectSpan is { } reject && request.Spans.Any(reject))
            {
                response = new IngestResponse(400, """{"error":"a span could not be stored"}""");
            }
            else
            {
                response = _script.Count > 0 ? _script.Dequeue() : DefaultResponse;
            }

            request.StatusCode = response.StatusCode;
            _requests.Add(request);
            PulseLocked();
        }

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _disposed.Token);
        try
        {
            if (response.Abort)
            {
                request.Aborted = true;
                context.Abort();
                return;
            }

            if (response.Hang)
            {
                await Task.Delay(Timeout.Infinite, abort.Token).ConfigureAwait(false);
            }
            else if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, abort.Token).ConfigureAwait(false);
            }

            context.Response.StatusCode = response.StatusCode;
            if (response.ReasonPhrase is { } reason)
            {
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = reason;
            }

            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (response.EchoRequestHeaders)
            {
                foreach (var (name, value) in request.Headers)
                {
                    context.Response.Headers["x-echo-" + name] = value;
                }
            }

            if (response.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body ?? "{}", abort.Token).ConfigureAwait(false);
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the receiver is being disposed: then the connection is cut, so that a
            // released request never looks answered.
            request.Aborted = true;
            context.Abort();
            return;
        }

        if (response.StatusCode is >= 200 and < 300)
        {
            lock (_gate)
            {
                request.Delivered = true;
                _delivered.AddRange(request.Spans);
                PulseLocked();
            }
        }
    }

    private void PulseLocked()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Releases hung requests and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _disposed.Dispose();
    }
}

/// <summary>How the receiver answers one request.</summary>
/// <param name="StatusCode">HTTP status to answer.</param>
/// <param name="Body">Response body (JSON); <c>{}</c> when null.</param>
/// <param name="RetryAfter">Sent as a <c>Retry-After</c> header in whole seconds (rounded up).</param>
/// <param name="Delay">Waits this long before answering.</param>
/// <param name="Hang">Never answers: holds the request until the client gives up or the receiver is disposed.</param>
/// <param name="Abort">Cuts the connection without an answer (what the client sees of a crashed or restarting server).</param>
/// <param name="ReasonPhrase">Reason phrase of the status line (HTTP/1.1).</param>
/// <param name="Headers">Extra response headers, e.g. <c>Location</c>.</param>
/// <param name="EchoRequestHeaders">Sends every request header back as <c>x-echo-{name}</c>.</param>
public sealed record IngestResponse(
    int StatusCode = 200,
    string? Body = null,
    TimeSpan? RetryAfter = null,
    TimeSpan Delay = default,
    bool Hang = false,
    bool Abort = false,
    string? ReasonPhrase = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    bool EchoRequestHeaders = false)
{
    public static readonly IngestResponse Ok = new(200);

    public static readonly IngestResponse HangUntilDisposed = new(200, Hang: true);

    public static readonly IngestResponse Refuse = new(0, Abort: true);
}

/// <summary>One request as the receiver got it.</summary>
public sealed class IngestRequest
{
    public IngestRequest(string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body, TimeSpan receivedAt)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
        if (path == IngestReceiver.IngestPath)
        {
            (Spans, ParseError) = Parse(body);
        }
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Request headers (case-insensitive names; repeated headers joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Time since the receiver started.</summary>
    public TimeSpan ReceivedAt { get; }

    /// <summary>The status the receiver answered (or was about to, for a hung or aborted request).</summary>
    public int StatusCode { get; internal set; }

    /// <summary>Answered with 2xx: its spans count as delivered.</summary>
    public bool Delivered { get; internal set; }

    /// <summary>The client disconnected (or the receiver was disposed) before an answer was sent.</summary>
    public bool Aborted { get; internal set; }

    /// <summary>The spans of the body; empty when it is not valid OTLP JSON (see <see cref="ParseError"/>).</summary>
    public IReadOnlyList<ExportedSpan> Spans { get; } = [];

    /// <summary>Why the body of a request to the ingest path is not valid OTLP JSON, or null.</summary>
    public string? ParseError { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    private static (IReadOnlyList<ExportedSpan>, string?) Parse(byte[] body)
    {
        try
        {
            return (OtlpPayload.ParseSpans(body), null);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            return ([], $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
