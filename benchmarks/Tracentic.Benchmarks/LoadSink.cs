using Tracentic.Local;

namespace Tracentic.Benchmarks;

/// <summary>
/// The load test's loopback endpoint: the shipped <see cref="LocalReceiver"/> in counting mode, which counts the spans
/// of Tracentic JSON on <c>/v1/ingest</c> and of OTLP http/protobuf on <c>/v1/traces</c> without parsing or keeping
/// them, and answers 200.
/// </summary>
internal sealed class LoadSink : ILoadSink
{
    private readonly LocalReceiver _receiver;

    private LoadSink(LocalReceiver receiver) => _receiver = receiver;

    public string BaseUrl => _receiver.Endpoint;

    public long Spans => _receiver.CountedSpans;

    public long Requests => _receiver.CountedRequests;

    public long Bytes => _receiver.CountedBytes;

    public static async Task<LoadSink> StartAsync() =>
        new(await LocalReceiver.StartAsync(new LocalReceiverOptions { MaxRequestBodyBytes = long.MaxValue }, new ReceiverSetup { CountOnly = true }));

    public void Reset() => _receiver.ResetCounts();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
