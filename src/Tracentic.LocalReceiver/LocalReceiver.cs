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

    private static readonly ReadOnlyMemory<byte> EmptyJson = "{}"u8.ToArray();

    private readonly WebApplication _app;
    private readonly byte[] _apiKeyBytes;
    private readonly object _gate = new();
    private readonly List<ReceivedBatch> _batches = [];
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<RejectedRequest> _rejected = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _disposed;

    private LocalReceiver(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
        _apiKeyBytes = Encoding.UTF8.GetBytes(apiKey);
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

    /// <summary>Starts a receiver on 127.0.0.1.</summary>
    public static async Task<LocalReceiver> StartAsync(LocalReceiverOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalReceiverOptions();

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
        var receiver = new LocalReceiver(app, apiKey);
        app.Run(receiver.HandleAsync);
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
    /// Waits until <paramref name="check"/>, run under the receiver's lock after every change, returns a result.
    /// Throws a <see cref="TimeoutException"/> with <paramref name="describeTimeout"/> otherwise.
    /// </summary>
    private async Task<T> WaitAsync<T>(Func<T?> check, TimeSpan timeout, Func<string> describeTimeout, CancellationToken cancellationToken = default)
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
        }
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!string.Equals(request.Path.Value, IngestPath, StringComparison.Ordinal))
        {
            await RejectAsync(context, StatusCodes.Status404NotFound, $"not found: the ingest API is POST {IngestPath}").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await RejectAsync(context, StatusCodes.Status405MethodNotAllowed, $"method {request.Method} not allowed: use POST").ConfigureAwait(false);
            return;
        }

        var key = request.Headers[ApiKeyHeader].ToString();
        if (key.Length == 0)
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, $"missing {ApiKeyHeader} header").ConfigureAwait(false);
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKeyBytes))
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "invalid api key").ConfigureAwait(false);
            return;
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, got \"{request.ContentType}\"").ConfigureAwait(false);
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
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, $"request body larger than {limit} bytes").ConfigureAwait(false);
            return;
        }

        IReadOnlyList<ReceivedSpan> spans;
        try
        {
            spans = OtlpIngestParser.Parse(body);
        }
        catch (OtlpFormatException ex)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        // Stored before answering: once the exporter sees 200, a flush has really delivered its spans here.
        Store(spans, request.Headers.UserAgent.ToString());
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(EmptyJson, context.RequestAborted).ConfigureAwait(false);
    }

    private void Store(IReadOnlyList<ReceivedSpan> spans, string userAgent)
    {
        var batch = new ReceivedBatch(spans, DateTimeOffset.UtcNow, userAgent);
        lock (_gate)
        {
            _batches.Add(batch);
            _spans.AddRange(spans);
            PulseLocked();
        }
    }

    private async Task RejectAsync(HttpContext context, int status, string reason)
    {
        lock (_gate)
        {
            _rejected.Add(new RejectedRequest(status, reason));
            PulseLocked();
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

    private void PulseLocked()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
