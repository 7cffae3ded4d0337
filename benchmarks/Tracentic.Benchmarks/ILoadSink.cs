namespace Tracentic.Benchmarks;

/// <summary>A loopback endpoint of the load test that counts what it receives.</summary>
internal interface ILoadSink : IAsyncDisposable
{
    string BaseUrl { get; }

    long Spans { get; }

    long Requests { get; }

    long Bytes { get; }

    void Reset();
}
