using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Tracentic.Local;

/// <summary>
/// A local stand-in for the Tracentic ingest API, on 127.0.0.1: it accepts <c>POST /v1/ingest</c> with the
/// <c>x-tracentic-api-key</c> header and an OTLP/HTTP JSON body, keeps the spans in memory, and renders them
/// as a tree of scopes and LLM calls with tokens and cost. Point <c>TracenticOptions.Endpoint</c> and
/// <c>ApiKey</c> at <see cref="Endpoint"/> and <see cref="ApiKey"/>.
/// </summary>
/// <example><code>
/// await using var receiver = await LocalReceiver.StartAsync();
/// var tracentic = TracenticSdk.Configure(new TracenticOptions { Endpoint = receiver.Endpoint, ApiKey = receiver.ApiKey });
/// // ... run traced code ...
/// await tracentic.FlushAsync();
/// Console.Write(receiver.RenderTree());
/// </code></example>
public sealed class LocalReceiver : IAsyncDisposable
{
    /// <summary>The path of the ingest API.</summary>
    public const string IngestPath = "/v1/ingest";

    /// <summary>The header carrying the API key.</summary>
    public const string ApiKeyHeader = "x-tracentic-api-key";

    /// <summary>The path of the standard OTLP/HTTP traces endpoint, counted (not stored) in counting mode.</summary>
    private const string OtlpTracesPath = "/v1/traces";
    private const int MaxCountedBody = 64 * 1024 * 1024;

    private static readonly ReadOnlyMemory<byte> EmptyJson = "{}"u8.ToArray();

    private readonly WebApplication _app;
    private readonly byte[] _apiKeyBytes;
    private readonly ReceiverSetup _setup;
    private readonly object _gate = new();
    private readonly List<ReceivedBatch> _batches = [];
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<RejectedRequest> _rejected = [];
    private readonly List<IngestRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _countedSpans;
    private long _countedRequests;
    private long _countedBytes;
    private int _disposed;

    private LocalReceiver(WebApplication app, string apiKey, ReceiverSetup setup)
    {
        _app = app;
        ApiKey = apiKey;
        _apiKeyBytes = Encoding.UTF8.GetBytes(apiKey);
        _setup = setup;
        Endpoint = "";
    }

    /// <summary>Base URL to use as <c>TracenticOptions.Endpoint</c>, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Endpoint { get; private set; }

    /// <summary>The API key the receiver accepts.</summary>
    public string ApiKey { get; }

    /// <summary>Every span accepted so far, in arrival order.</summary>
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

    /// <summary>Every request accepted so far.</summary>
    public IReadOnlyList<ReceivedBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Requests turned down (wrong key, bad body...), with the reason sent back.</summary>
    public IReadOnlyList<RejectedRequest> Rejected
    {
        get
        {
            lock (_gate)
            {
                return [.. _rejected];
            }
        }
    }

    /// <summary>Every request so far with its headers, body and answer, when <see cref="ReceiverSetup.KeepRequests"/>.</summary>
    internal IReadOnlyList<IngestRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Spans counted in counting mode (<see cref="ReceiverSetup.CountOnly"/>).</summary>
    internal long CountedSpans => Interlocked.Read(ref _countedSpans);

    /// <summary>Requests counted in counting mode.</summary>
    internal long CountedRequests => Interlocked.Read(ref _countedRequests);

    /// <summary>Body bytes counted in counting mode.</summary>
    internal long CountedBytes => Interlocked.Read(ref _countedBytes);

    /// <summary>Starts a receiver on 127.0.0.1.</summary>
    public static Task<LocalReceiver> StartAsync(LocalReceiverOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, new ReceiverSetup(), cancellationToken);

    /// <summary>Starts a receiver with behaviour only the repository's tests and benchmarks use.</summary>
    internal static async Task<LocalReceiver> StartAsync(LocalReceiverOptions? options, ReceiverSetup setup, CancellationToken cancellationToken = default)
    {
        options ??= new LocalReceiverOptions();
        if (setup.Responder is not null && !setup.KeepRequests)
        {
            throw new ArgumentException("ReceiverSetup.Responder decides from the logged request: set KeepRequests too.", nameof(setup));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "LocalReceiverOptions.Port must be 0 (any free port) or a port number.");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRequestBodyBytes, "LocalReceiverOptions.MaxRequestBodyBytes must be positive.");
        }

        var apiKey = string.IsNullOrWhiteSpace(options.ApiKey)
            ? "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))
            : options.ApiKey.Trim();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Tracentic.LocalReceiver" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var receiver = new LocalReceiver(app, apiKey, setup);
        app.Run(setup.CountOnly ? receiver.CountAsync : receiver.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The local receiver started but Kestrel reported no address.");
        receiver.Endpoint = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>The spans received so far arranged as a tree.</summary>
    public TraceTree BuildTree() => TraceTree.Build(Spans);

    /// <summary>The spans received so far as text: the tree of scopes and LLM calls, then the totals.</summary>
    public string RenderTree(TraceTreeRenderOptions? options = null) => BuildTree().Render(options);

    /// <summary>Waits until at least <paramref name="count"/> spans have been received.</summary>
    /// <exception cref="TimeoutException">They did not arrive in time; the message says how many did.</exception>
    public Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync<IReadOnlyList<ReceivedSpan>>(
            () => _spans.Count >= count ? [.. _spans] : null,
            timeout,
            () => $"Waited {timeout.TotalSeconds:0.#} s for {count} span(s); {_spans.Count} arrived ({_rejected.Count} request(s) rejected).",
            cancellationToken);

    /// <summary>
    /// Waits until <paramref name="check"/>, run under the receiver's lock after every change, returns a result; it may
    /// throw to stop waiting. Throws a <see cref="TimeoutException"/> with <paramref name="describeTimeout"/> otherwise.
    /// </summary>
    internal async Task<T> WaitAsync<T>(Func<T?> check, TimeSpan timeout, Func<string> describeTimeout, CancellationToken cancellationToken = default)
        where T : class
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
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
                await changed.WaitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    throw new TimeoutException(describeTimeout());
                }
            }
        }
    }

    /// <summary>Forgets everything received so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
            _batches.Clear();
            _rejected.Clear();
            _requests.Clear();
        }
    }

    /// <summary>Sets the counting mode's counters back to zero.</summary>
    internal void ResetCounts()
    {
        Interlocked.Exchange(ref _countedSpans, 0);
        Interlocked.Exchange(ref _countedRequests, 0);
        Interlocked.Exchange(ref _countedBytes, 0);
    }

    /// <summary>Releases requests held open and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var entry = _setup.KeepRequests
            ? new IngestRequest(
                request.Method,
                request.Path.Value ?? "",
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                DateTimeOffset.UtcNow)
            : null;

        if (!string.Equals(request.Path.Value, IngestPath, StringComparison.Ordinal))
        {
            await RejectAsync(context, entry, StatusCodes.Status404NotFound, $"not found: the ingest API is POST {IngestPath}").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await RejectAsync(context, entry, StatusCodes.Status405MethodNotAllowed, $"method {request.Method} not allowed: use POST").ConfigureAwait(false);
            return;
        }

        if (!_setup.AnyApiKey)
        {
            var key = request.Headers[ApiKeyHeader].ToString();
            if (key.Length == 0)
            {
                await RejectAsync(context, entry, StatusCodes.Status401Unauthorized, $"missing {ApiKeyHeader} header").ConfigureAwait(false);
                return;
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKeyBytes))
            {
                await RejectAsync(context, entry, StatusCodes.Status401Unauthorized, "invalid api key").ConfigureAwait(false);
                return;
            }
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, entry, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, got \"{request.ContentType}\"").ConfigureAwait(false);
            return;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            await RejectAsync(context, entry, StatusCodes.Status413PayloadTooLarge, $"request body larger than {limit} bytes").ConfigureAwait(false);
            return;
        }

        entry?.Body = body;
        IReadOnlyList<ReceivedSpan> spans;
        try
        {
            spans = OtlpIngestParser.Parse(body);
        }
        catch (OtlpFormatException ex)
        {
            entry?.ParseError = ex.Message;
            await RejectAsync(context, entry, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        entry?.Spans = spans;
        IngestResponse response;
        lock (_gate)
        {
            response = entry is not null && _setup.Responder is { } responder ? responder.Respond(entry) : IngestResponse.Ok;
            Record(entry, response.StatusCode);
        }

        await AnswerAsync(context, entry, response, spans).ConfigureAwait(false);
    }

    /// <summary>Waits, stores and answers as <paramref name="response"/> says.</summary>
    private async Task AnswerAsync(HttpContext context, IngestRequest? entry, IngestResponse response, IReadOnlyList<ReceivedSpan> spans)
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
                await Task.Delay(Timeout.Infinite, abort.Token).ConfigureAwait(false);
            }
            else if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, abort.Token).ConfigureAwait(false);
            }

            if (response.StatusCode is >= 200 and < 300)
            {
                // Stored before answering: once the exporter sees 200, a flush has really delivered its spans here.
                Store(entry, spans, context.Request.Headers.UserAgent.ToString());
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
            await context.Response.WriteAsync(response.Body ?? "{}", abort.Token).ConfigureAwait(false);
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the receiver is being disposed: the connection is cut, so that a released
            // request never looks answered.
            Abort(context, entry);
        }
    }

    private void Store(IngestRequest? entry, IReadOnlyList<ReceivedSpan> spans, string userAgent)
    {
        var batch = new ReceivedBatch(spans, DateTimeOffset.UtcNow, userAgent);
        lock (_gate)
        {
            _batches.Add(batch);
            _spans.AddRange(spans);
            entry?.Delivered = true;
            PulseLocked();
        }
    }

    private void Abort(HttpContext context, IngestRequest? entry)
    {
        lock (_gate)
        {
            entry?.Aborted = true;
            PulseLocked();
        }

        context.Abort();
    }

    private async Task RejectAsync(HttpContext context, IngestRequest? entry, int status, string reason)
    {
        lock (_gate)
        {
            _rejected.Add(new RejectedRequest(status, reason));
            Record(entry, status);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("error", reason);
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    private void Record(IngestRequest? entry, int status)
    {
        if (entry is not null)
        {
            entry.StatusCode = status;
            _requests.Add(entry);
        }

        PulseLocked();
    }

    /// <summary>Counting mode: counts the spans of the body without keeping anything and answers 200.</summary>
    private async Task CountAsync(HttpContext context)
    {
        int spans;
        long bytes;
        // OTLP/HTTP protobuf on /v1/traces (the OpenTelemetry SDK); JSON anywhere (the ingest, the engine's standard OTLP output).
        var json = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (!json && string.Equals(context.Request.Path.Value, OtlpTracesPath, StringComparison.Ordinal))
        {
            (spans, bytes) = await CountProtobufAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/x-protobuf";
        }
        else
        {
            (spans, bytes) = await OtlpSpanCounter.CountJsonAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(EmptyJson, context.RequestAborted).ConfigureAwait(false);
        }

        Interlocked.Add(ref _countedSpans, spans);
        Interlocked.Increment(ref _countedRequests);
        Interlocked.Add(ref _countedBytes, bytes);
    }

    /// <summary>Reads the whole body (a protobuf message is not countable in pieces) into a pooled buffer: the receiver must not allocate per request.</summary>
    private static async Task<(int Spans, long Bytes)> CountProtobufAsync(Stream body, long? length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length ?? 0, 64 * 1024, MaxCountedBody) + 1);
        try
        {
            var filled = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
                if (filled == buffer.Length)
                {
                    if (buffer.Length > MaxCountedBody)
                    {
                        throw new InvalidDataException($"a protobuf body over {MaxCountedBody} bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (OtlpSpanCounter.CountProtobuf(buffer.AsSpan(0, filled)), filled);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void PulseLocked()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
