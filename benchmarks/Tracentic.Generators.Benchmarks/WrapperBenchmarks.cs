using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Tracentic;
using Tracentic.Core;
using Tracentic.Engine;
using Tracentic.Export;

namespace Tracentic.Generators.Benchmarks;

public sealed class Usage
{
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
}

public sealed class Reply
{
    public Usage Usage { get; init; } = new();
    public string Model { get; init; } = "gpt-4o";
}

/// <summary>Methods whose calls the generator wraps; bodies are trivial so the wrapper cost shows.</summary>
public class Client
{
    private static readonly Reply s_reply = new() { Usage = new() { InputTokens = 100, OutputTokens = 20 } };
    private static readonly Task<Reply> s_completed = Task.FromResult(s_reply);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Plain(int n) => n + 1;

    [TracenticScope("bench")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Scoped(int n) => n + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Reply PlainAsk() => s_reply;

    [TracenticLlmCall(Provider = "openai")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Reply Ask() => s_reply;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<Reply> PlainAskAsync() => s_completed;

    [TracenticLlmCall(Provider = "openai")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<Reply> AskAsync() => s_completed;
}

/// <summary>Discards batches: measures recording, not the network.</summary>
internal sealed class DiscardExporter : IExportOutput
{
    public Task<ExportResult> ExportAsync(IReadOnlyList<ResolvedSpan> batch, CancellationToken cancellationToken) =>
        Task.FromResult(new ExportResult(ExportStatus.Delivered, batch.Count));

    public void Dispose()
    {
    }
}

/// <summary>Wrapper cost over a completed call, with a configured engine. Compare each pair's means.</summary>
[MemoryDiagnoser]
public class ConfiguredWrapperBenchmarks
{
    private readonly Client _client = new();
    private ITracentic? _tracentic;

    [GlobalSetup]
    public void Setup()
    {
        var client = new TracenticEngine(
            new TracenticOptions { ServiceName = "bench" },
            new ExportSetup { Output = static (_, _) => new DiscardExporter(), HookExits = false });
        TracenticSdk.Install(client);
        _tracentic = client;
    }

    [GlobalCleanup]
    public Task Cleanup() => _tracentic!.ShutdownAsync();

    [Benchmark(Baseline = true)]
    public int DirectCall() => _client.Plain(1);

    [Benchmark]
    public int ScopeWrapper() => _client.Scoped(1);

    [Benchmark]
    public Reply DirectLlmCall() => _client.PlainAsk();

    [Benchmark]
    public Reply LlmWrapper() => _client.Ask();

    [Benchmark]
    public Task<Reply> DirectLlmCallAsync() => _client.PlainAskAsync();

    [Benchmark]
    public Task<Reply> LlmWrapperAsyncCompleted() => _client.AskAsync();
}

/// <summary>Nothing configured: a wrapper must cost a static read and call straight through.</summary>
[MemoryDiagnoser]
public class UnconfiguredWrapperBenchmarks
{
    private readonly Client _client = new();

    [GlobalSetup]
    public void Setup()
    {
        if (TracenticSdk.IsConfigured)
        {
            throw new InvalidOperationException("this benchmark needs a process with nothing configured");
        }
    }

    [Benchmark(Baseline = true)]
    public int DirectCall() => _client.Plain(1);

    [Benchmark]
    public int ScopeWrapper() => _client.Scoped(1);

    [Benchmark]
    public Reply LlmWrapper() => _client.Ask();
}
