using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Tracentic.Engine;

namespace Tracentic.Export;

/// <summary>
/// Posts batches to <c>{Endpoint}/v1/ingest</c>. Retries network errors, timeouts and 408/429/502/503/504
/// with exponential backoff and jitter (honouring <c>Retry-After</c>), bounded in attempts and time;
/// other failures are logged with status and a truncated body and not retried.
/// </summary>
internal sealed class OtlpHttpExporter : ISpanExporter
{
    private const int MaxLoggedBodyLength = 512;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly TracenticSettings _settings;
    private readonly TracenticLog _log;
    private readonly HttpClient _client;
    private readonly ConcurrentBag<OtlpJsonWriter> _writers = []; // one per export in progress: a writer owns its buffer

    public OtlpHttpExporter(TracenticSettings settings, TracenticLog log)
    {
        _settings = settings;
        _log = log;
        var handler = settings.HttpMessageHandlerFactory?.Invoke()
            ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task ExportAsync(IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken)
    {
        if (!_writers.TryTake(out var writer))
        {
            writer = new OtlpJsonWriter(_settings, _log);
        }

        try
        {
            await ExportAsync(writer, batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writers.Add(writer);
        }
    }

    private async Task ExportAsync(OtlpJsonWriter writer, IReadOnlyList<RecordedSpan> batch, CancellationToken cancellationToken)
    {
        var body = writer.Write(batch);
        _log.Debug($"flushing {batch.Count} span(s) to {_settings.IngestUri}");

        var policy = _settings.RetryPolicy;
        var clock = _settings.Clock;
        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var (retryable, retryAfter, problem) = await SendOnceAsync(body, batch.Count, cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                return;
            }

            var delay = retryAfter ?? policy.Backoff(attempt);
            var elapsed = clock.GetElapsedTime(started);
            if (!retryable || attempt >= policy.MaxAttempts || elapsed + delay > policy.MaxElapsed)
            {
                var why = retryable ? $" (gave up after {attempt} attempt(s), {elapsed.TotalSeconds:0.#} s)" : "";
                _log.Warn($"export failed: {problem}{why}; {batch.Count} span(s) dropped.");
                return;
            }

            _log.Debug($"export attempt {attempt} failed: {problem}; retrying in {delay.TotalMilliseconds:0} ms");
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(bool Retryable, TimeSpan? RetryAfter, string? Problem)> SendOnceAsync(
        ReadOnlyMemory<byte> body, int count, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _settings.IngestUri);
        request.Headers.TryAddWithoutValidation("x-tracentic-api-key", _settings.ApiKey);
        request.Headers.UserAgent.ParseAdd(SdkInfo.UserAgent);
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = JsonContentType;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.ExportTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                _log.Debug($"export succeeded: {status} ({count} spans)");
                return (false, null, null);
            }

            var detail = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            var problem = $"{status} {response.ReasonPhrase}" + (detail.Length > 0 ? " - " + detail : "");
            return (RetryPolicy.IsRetryable(status), RetryAfter(response), problem);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (true, null, $"no response within ExportTimeout ({_settings.ExportTimeout.TotalSeconds:0.###} s)");
        }
        catch (HttpRequestException ex)
        {
            return (true, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - _settings.Clock.GetUtcNow() : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, _settings.RetryPolicy.MaxElapsed.Ticks)) : null;
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > MaxLoggedBodyLength)
            {
                text = text[..MaxLoggedBodyLength] + "…";
            }

            // A server that echoes the request must not put the key into our logs.
            return _settings.ApiKey is { } key ? text.Replace(key, "***", StringComparison.Ordinal) : text;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            return "";
        }
    }

    public void Dispose() => _client.Dispose();
}
