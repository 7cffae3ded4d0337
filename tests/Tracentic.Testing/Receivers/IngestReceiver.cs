using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Tracentic.Local;

namespace Tracentic.Testing;

/// <summary>
/// The exporter's fault-scripting endpoint: the ingest API on 127.0.0.1 (Kestrel, a free port) that keeps every
/// request, accepts any API key unless given one, validates the body with the shipped receiver's parser
/// (<see cref="OtlpIngestParser"/>), and answers accepted requests as scripted (<see cref="Script(IngestResponse[])"/>),
/// else with <see cref="DefaultResponse"/>. Spans of requests it answered with 2xx are "delivered" (<see cref="Spans"/>).
/// It answers what <c>Tracentic.LocalReceiver</c> answers (same paths, statuses and error texts); the scripting is what
/// the shipped receiver does not have.
/// </summary>
internal sealed class IngestReceiver : IAsyncDisposable
{
    public const string IngestPath = LocalReceiver.IngestPath;

    private readonly WebApplication _app;
    private readonly string? _expectedApiKey;
    private readonly object _gate = new();
    private readonly Queue<IngestResponse> _script = new();
    private readonly List<IngestRequest> _requests = [];
    private readonly List<ReceivedSpan> _spans = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _disposed;

    private IngestReceiver(WebApplication app, string? expectedApiKey)
    {
        _app = app;
        _expectedApiKey = expectedApiKey;
    }

    /// <summary>Base URL to use as <c>TracenticOptions.Endpoint</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Full ingest URL (<see cref="BaseUrl"/> + <c>/v1/ingest</c>).</summary>
    public string IngestUrl => BaseUrl + IngestPath;

    /// <summary>What to answer once the script is used up. Default 200 with <c>{}</c>.</summary>
    public IngestResponse DefaultResponse { get; set; } = IngestResponse.Ok;

    /// <summary>Answers 400 to a body holding any span this returns true for, as the ingest does for a span it cannot store.</summary>
    public Func<ReceivedSpan, bool>? RejectSpan { get; set; }

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
    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>
    /// Starts a receiver, on <paramref name="port"/> when given (else a free one). With <paramref name="expectedApiKey"/>,
    /// requests without that key get 401.
    /// </summary>
    public static async Task<IngestReceiver> StartAsync(string? expectedApiKey = null, int port = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Tracentic.Testing.IngestReceiver" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // MaxBodyBytes answers 413 itself, after reading
            kestrel.Listen(IPAddress.Loopback, port);
        });

        var app = builder.Build();
        var receiver = new IngestReceiver(app, expectedApiKey);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the test receiver started but Kestrel reported no address.");
        receiver.BaseUrl = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>Answers the next accepted requests in this order (after any responses scripted before).</summary>
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

    /// <summary>
    /// Waits until at least <paramref name="count"/> spans were delivered; throws <see cref="TimeoutException"/> otherwise,
    /// and at once when a body was not valid OTLP JSON (an exporter bug, whatever the test waits for).
    /// </summary>
    public Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(int count, TimeSpan timeout) =>
        WaitAsync<IReadOnlyList<ReceivedSpan>>(
            () => ThrowOnInvalidBody(_requests) && _spans.Count >= count ? [.. _spans] : null,
            timeout,
            () => $"expected {count} delivered span(s), got {_spans.Count} in {_requests.Count} request(s) within {timeout.TotalSeconds:0.###} s.");

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (whatever they were answered).</summary>
    public Task<IReadOnlyList<IngestRequest>> WaitForRequestsAsync(int count, TimeSpan timeout) =>
        WaitAsync<IReadOnlyList<IngestRequest>>(
            () => _requests.Count >= count ? [.. _requests] : null,
            timeout,
            () => $"expected {count} request(s), got {_requests.Count} within {timeout.TotalSeconds:0.###} s.");

    /// <summary>Releases hung requests and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _stopping.Dispose();
        }
    }

    private static bool ThrowOnInvalidBody(IReadOnlyList<IngestRequest> requests) =>
        requests.FirstOrDefault(r => r.ParseError is not null) is not { } bad
            ? true
            : throw new InvalidOperationException($"the receiver got a body that is not valid OTLP JSON: {bad.ParseError}\n{bad.BodyText}");

    /// <summary>Waits until <paramref name="check"/>, run under the lock after every change, returns a result.</summary>
    private async Task<T> WaitAsync<T>(Func<T?> check, TimeSpan timeout, Func<string> describeTimeout)
        where T : class
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (check() is { } result)
                {
                    return result;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    throw new TimeoutException(describeTimeout());
                }
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var entry = new IngestRequest(
            request.Method,
            request.Path.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            DateTimeOffset.UtcNow);

        if (!string.Equals(request.Path.Value, IngestPath, StringComparison.Ordinal))
        {
            await RejectAsync(context, entry, StatusCodes.Status404NotFound, $"not found: the ingest API is POST {IngestPath}");
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await RejectAsync(context, entry, StatusCodes.Status405MethodNotAllowed, $"method {request.Method} not allowed: use POST");
            return;
        }

        if (_expectedApiKey is not null)
        {
            var key = request.Headers[LocalReceiver.ApiKeyHeader].ToString();
            if (key.Length == 0)
            {
                await RejectAsync(context, entry, StatusCodes.Status401Unauthorized, $"missing {LocalReceiver.ApiKeyHeader} header");
                return;
            }

            if (!string.Equals(key, _expectedApiKey, StringComparison.Ordinal))
            {
                await RejectAsync(context, entry, StatusCodes.Status401Unauthorized, "invalid api key");
                return;
            }
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, entry, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, got \"{request.ContentType}\"");
            return;
        }

        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            entry.Body = buffer.ToArray();
        }

        try
        {
            entry.Spans = OtlpIngestParser.Parse(entry.Body);
        }
        catch (OtlpFormatException ex)
        {
            entry.ParseError = ex.Message;
            await RejectAsync(context, entry, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }

        IngestResponse response;
        lock (_gate)
        {
            response = Respond(entry);
            Record(entry, response.StatusCode);
        }

        await AnswerAsync(context, entry, response);
    }

    /// <summary>The scripted answer: the size and span checks first, then the script, then the default.</summary>
    private IngestResponse Respond(IngestRequest request)
    {
        if (request.Body.Length > MaxBodyBytes)
        {
            return new IngestResponse(413, """{"error":"request body too large"}""");
        }

        if (RejectSpan is { } reject && request.Spans.Any(reject))
        {
            return new IngestResponse(400, """{"error":"a span could not be stored"}""");
        }

        return _script.Count > 0 ? _script.Dequeue() : DefaultResponse;
    }

    /// <summary>Waits, stores and answers as <paramref name="response"/> says.</summary>
    private async Task AnswerAsync(HttpContext context, IngestRequest entry, IngestResponse response)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (response.Abort)
            {
                Abort(context, entry);
                return;
            }

            if (response.Hang)
            {
                await Task.Delay(Timeout.Infinite, abort.Token);
            }
            else if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, abort.Token);
            }

            if (response.StatusCode is >= 200 and < 300)
            {
                // Stored before answering: once the exporter sees 200, a flush has really delivered its spans here.
                lock (_gate)
                {
                    _spans.AddRange(entry.Spans);
                    entry.Delivered = true;
                    PulseLocked();
                }
            }

            context.Response.StatusCode = response.StatusCode;
            if (response.ReasonPhrase is { } reason)
            {
                context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reason;
            }

            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (response.EchoRequestHeaders)
            {
                foreach (var (name, value) in context.Request.Headers)
                {
                    context.Response.Headers["x-echo-" + name] = value;
                }
            }

            if (response.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body ?? "{}", abort.Token);
            await context.Response.CompleteAsync();
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the receiver is being disposed: the connection is cut, so that a released
            // request never looks answered.
            Abort(context, entry);
        }
    }

    private void Abort(HttpContext context, IngestRequest entry)
    {
        lock (_gate)
        {
            entry.Aborted = true;
            PulseLocked();
        }

        context.Abort();
    }

    private async Task RejectAsync(HttpContext context, IngestRequest entry, int status, string reason)
    {
        lock (_gate)
        {
            Record(entry, status);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = reason }), context.RequestAborted);
    }

    private void Record(IngestRequest entry, int status)
    {
        entry.StatusCode = status;
        _requests.Add(entry);
        PulseLocked();
    }

    private void PulseLocked()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
