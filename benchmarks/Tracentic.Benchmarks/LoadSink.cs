using Tracentic.Testing;

namespace Tracentic.Benchmarks;

/// <summary>
/// The load test's loopback endpoint: the repository's <see cref="CountingSink"/> (tests/Tracentic.Testing), which counts
/// the spans of Tracentic JSON on <c>/v1/ingest</c> and of OTLP http/protobuf on <c>/v1/traces</c> without parsing or
/// keeping them, and answers 200.
/// </summary>
internal sealed class LoadSink : ILoadSink
{
    private readonly CountingSink _receiver;

    private LoadSink(CountingSink receiver) => _receiver = receiver;

    public string BaseUrl => _receiver.Endpoint;

    public long Spans => _receiver.CountedSpans;

    public long Requests => _receiver.CountedRequests;

    public long Bytes => _receiver.CountedBytes;

    public static async Task<LoadSink> StartAsync() =>
        new(await CountingSink.StartAsync());

    public void Reset() => _receiver.ResetCounts();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
