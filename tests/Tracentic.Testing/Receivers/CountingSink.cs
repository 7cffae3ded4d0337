using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tracentic.Testing;

/// <summary>
/// The load benchmark's endpoint on 127.0.0.1: counts spans, requests and bytes, keeping nothing and checking no key,
/// so a load test measures the exporter rather than the receiver. Tracentic JSON on any path (occurrences of
/// <c>"spanId":</c>, streamed) and OTLP http/protobuf on <c>/v1/traces</c> (the OpenTelemetry SDK as a peer). Answers 200.
/// </summary>
internal sealed class CountingSink : IAsyncDisposable
{
    private const string OtlpTracesPath = "/v1/traces";
    private const int MaxCountedBody = 64 * 1024 * 1024;

    private static readonly ReadOnlyMemory<byte> EmptyJson = "{}"u8.ToArray();

    private readonly WebApplication _app;
    private long _countedSpans;
    private long _countedRequests;
    private long _countedBytes;

    private CountingSink(WebApplication app) => _app = app;

    /// <summary>Base URL to use as an endpoint, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Spans counted so far.</summary>
    public long CountedSpans => Interlocked.Read(ref _countedSpans);

    /// <summary>Requests counted so far.</summary>
    public long CountedRequests => Interlocked.Read(ref _countedRequests);

    /// <summary>Body bytes counted so far.</summary>
    public long CountedBytes => Interlocked.Read(ref _countedBytes);

    /// <summary>Starts a sink on a free port of 127.0.0.1.</summary>
    public static async Task<CountingSink> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Tracentic.Testing.CountingSink" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        var sink = new CountingSink(app);
        app.Run(sink.CountAsync);
        await app.StartAsync();
        sink.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return sink;
    }

    /// <summary>Sets the counters back to zero.</summary>
    public void ResetCounts()
    {
        Interlocked.Exchange(ref _countedSpans, 0);
        Interlocked.Exchange(ref _countedRequests, 0);
        Interlocked.Exchange(ref _countedBytes, 0);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private async Task CountAsync(HttpContext context)
    {
        int spans;
        long bytes;
        // OTLP/HTTP protobuf on /v1/traces (the OpenTelemetry SDK); JSON anywhere (the ingest, the engine's standard OTLP output).
        var json = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (!json && string.Equals(context.Request.Path.Value, OtlpTracesPath, StringComparison.Ordinal))
        {
            (spans, bytes) = await CountProtobufAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
            context.Response.ContentType = "application/x-protobuf";
        }
        else
        {
            (spans, bytes) = await OtlpSpanCounter.CountJsonAsync(context.Request.Body, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(EmptyJson, context.RequestAborted);
        }

        Interlocked.Add(ref _countedSpans, spans);
        Interlocked.Increment(ref _countedRequests);
        Interlocked.Add(ref _countedBytes, bytes);
    }

    /// <summary>Reads the whole body (a protobuf message is not countable in pieces) into a pooled buffer: the sink must not allocate per request.</summary>
    private static async Task<(int Spans, long Bytes)> CountProtobufAsync(Stream body, long? length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length ?? 0, 64 * 1024, MaxCountedBody) + 1);
        try
        {
            var filled = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
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
}
