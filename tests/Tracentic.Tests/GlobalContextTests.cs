using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;

namespace Tracentic.Tests;

[Collection(ProcessWideState.Name)]
public sealed class GlobalContextTests : IDisposable
{
    // Unique per test instance, so nothing another test does can collide with these keys.
    private readonly string _prefix = "gctest-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private static TracenticGlobalContext Context => TracenticGlobalContext.Current;

    public void Dispose()
    {
        foreach (var key in Context.GetAll().Keys.Where(k => k.StartsWith(_prefix, StringComparison.Ordinal)).ToList())
        {
            Context.Remove(key);
        }
    }

    private string Key(string name) => _prefix + name;

    [Fact]
    public void Current_is_one_process_wide_instance()
    {
        Assert.Same(TracenticGlobalContext.Current, TracenticGlobalContext.Current);
    }

    [Fact]
    public void Set_get_and_remove()
    {
        Context.Set(Key("deploy_id"), "deploy-abc");
        Assert.Equal("deploy-abc", Context.GetAll()[Key("deploy_id")]);

        Context.Set(Key("deploy_id"), "deploy-def");
        Assert.Equal("deploy-def", Context.GetAll()[Key("deploy_id")]);

        Assert.True(Context.Remove(Key("deploy_id")));
        Assert.False(Context.GetAll().ContainsKey(Key("deploy_id")));
        Assert.False(Context.Remove(Key("deploy_id")));
        Assert.False(Context.Remove(Key("never-set")));
    }

    [Fact]
    public void GetAll_returns_a_snapshot_that_later_changes_do_not_affect()
    {
        Context.Set(Key("a"), 1);
        var before = Context.GetAll();

        Context.Set(Key("b"), 2);
        Context.Set(Key("a"), 99);
        Context.Remove(Key("a"));

        Assert.Equal(1, before[Key("a")]);
        Assert.False(before.ContainsKey(Key("b")));
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, object?>)before)[Key("c")] = 3);
    }

    [Fact]
    public void A_key_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => Context.Set(null!, 1));
        Assert.Throws<ArgumentException>(() => Context.Set("", 1));
        Assert.Throws<ArgumentNullException>(() => Context.Remove(null!));
    }

    [Fact]
    [Trait("Category", "Slow")] // about 10,000 copy-on-write updates against a spinning reader (about 3 s of CPU): left out of the fast loop (README, "Running the tests")
    public async Task Concurrent_sets_and_removes_from_many_threads_lose_nothing()
    {
        const int Threads = 8, PerThread = 400;
        using var start = new Barrier(Threads + 1);
        var readerErrors = 0;
        var writers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                Context.Set(Key($"{t}-{i}"), i);
                Context.Set(Key($"{t}-{i}-temp"), i);
                Context.Remove(Key($"{t}-{i}-temp"));
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        var reader = Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            while (!writers.All(w => w.IsCompleted))
            {
                // Every snapshot is internally consistent: enumerating it never throws.
                try
                {
                    _ = Context.GetAll().Count(kv => kv.Key.StartsWith(_prefix, StringComparison.Ordinal));
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref readerErrors);
                }
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll([.. writers, reader]).WaitAsync(TimeSpan.FromSeconds(20));
        var mine = Context.GetAll().Where(kv => kv.Key.StartsWith(_prefix, StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(Threads * PerThread, mine.Count);
        Assert.All(Enumerable.Range(0, Threads), t => Assert.Equal(PerThread - 1, mine[Key($"{t}-{PerThread - 1}")]));
        Assert.DoesNotContain(mine.Keys, k => k.EndsWith("-temp", StringComparison.Ordinal));
        Assert.Equal(0, readerErrors);
    }

    [Fact]
    public async Task Spans_carry_the_global_context_as_it_was_when_they_were_recorded()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.BatchDelay = TimeSpan.FromMinutes(1));
        await using var _c = client;

        Context.Set(Key("deploy_id"), "deploy-1");
        client.RecordSpan(null, TestClients.Span(model: "first"));
        Context.Set(Key("deploy_id"), "deploy-2");
        Context.Set(Key("maintenance"), true);
        client.RecordSpan(null, TestClients.Span(model: "second"));
        Context.Remove(Key("deploy_id"));
        client.RecordSpan(null, TestClients.Span(model: "third"));
        await client.FlushAsync(); // everything is written only now, after the last change

        var spans = exporter.Spans;
        Assert.Equal("deploy-1", spans[0][Key("deploy_id")]);
        Assert.Null(spans[0][Key("maintenance")]);
        Assert.Equal("deploy-2", spans[1][Key("deploy_id")]);
        Assert.Equal(true, spans[1][Key("maintenance")]);
        Assert.Null(spans[2][Key("deploy_id")]);
        Assert.Equal(true, spans[2][Key("maintenance")]);
    }

    [Fact]
    public async Task Attribute_priority_is_span_then_scope_then_request_then_global_context_then_options()
    {
        var key = Key("layer");
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { [key] = "options", [Key("only-options")] = 1 });
        await using var _c = client;
        var scope = client.Begin("s", new() { [key] = "scope" });
        var bareScope = client.Begin("bare");

        Context.Set(key, "context");
        using (TracenticRequestContext.Enter(new Dictionary<string, object?> { [key] = "request" }))
        {
            client.RecordSpan(scope, TestClients.Span(attributes: new() { [key] = "span" }));
            client.RecordSpan(scope, TestClients.Span());
            client.RecordSpan(bareScope, TestClients.Span());
        }

        client.RecordSpan(bareScope, TestClients.Span());
        Context.Remove(key);
        client.RecordSpan(bareScope, TestClients.Span());
        await client.FlushAsync();

        Assert.Equal(["span", "scope", "request", "context", "options"], exporter.Spans.Select(s => s[key]));
        Assert.All(exporter.Spans, s => Assert.Equal(1L, s[Key("only-options")]));
    }

    [Fact]
    public async Task A_null_in_the_global_context_hides_the_options_attribute_and_a_null_in_a_request_hides_the_context()
    {
        var (client, exporter) = InMemoryExporter.CreateClient(o => o.GlobalAttributes = new() { [Key("region")] = "us-east-1" });
        await using var _c = client;

        Context.Set(Key("region"), null);
        client.RecordSpan(null, TestClients.Span());
        Context.Set(Key("region"), "eu-west-1");
        using (TracenticRequestContext.Enter(new Dictionary<string, object?> { [Key("region")] = null }))
        {
            client.RecordSpan(null, TestClients.Span());
        }

        await client.FlushAsync();

        Assert.All(exporter.Spans, s => Assert.False(s.Attributes.ContainsKey(Key("region"))));
    }
}
