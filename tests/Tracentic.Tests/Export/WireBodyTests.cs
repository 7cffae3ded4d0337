using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Tracentic.Core;
using Tracentic.Export;
using Tracentic.Export.Wire;

namespace Tracentic.Tests.Export;

/// <summary>
/// Pins the exact request bodies of both wire flavours over a broad set of resolved spans: every built-in set and
/// unset, scopes and scope spans, errors, call details, user attributes that collide with the keys a flavour writes
/// itself, escaping and unicode, numbers at their edges, spans over the span bound, batches over the request bound,
/// and a seeded random corpus. The bodies are compared with <c>WireBodies/&lt;flavour&gt;.verified.txt</c>: each
/// handcrafted span alone verbatim (up to 16 KiB), then every body of the whole batch and of the random corpus by
/// SHA-256. A mismatch writes <c>.received.txt</c> and fails; set TRACENTIC_ACCEPT_SNAPSHOTS=1 to accept a deliberate
/// change of the wire.
/// </summary>
public class WireBodyTests
{
    private const string VersionMark = "<sdk-version>";
    private const int VerbatimBytes = 16 * 1024;

    private static readonly WireLimits Small = new(MaxSpanBytes: 2048, MaxRequestBytes: 8192);

    [Fact]
    public void Tracentic_ingest_bodies_are_byte_for_byte_as_pinned() =>
        Match("ingest", static (settings, log, limits) => new OtlpJsonWriter(settings, log, limits, WireFlavour.TracenticIngest));

    [Fact]
    public void Standard_otlp_bodies_are_byte_for_byte_as_pinned() =>
        Match("otlp", static (settings, log, limits) => new OtlpJsonWriter(settings, log, limits, WireFlavour.StandardOtlp));

    private static void Match(string flavour, Func<TracenticSettings, TracenticLog, WireLimits, ISpanBodyWriter> newWriter, [CallerFilePath] string testFile = "")
    {
        var actual = new StringBuilder();
        foreach (var (name, options, limits, batch) in Cases())
        {
            var writer = newWriter(new TracenticSettings(options), new TracenticLog(null, debug: false), limits);
            actual.Append("# ").Append(name).Append('\n');
            var random = name.StartsWith("random", StringComparison.Ordinal);
            if (!random)
            {
                // Each span alone, readable in a diff; then the whole batch, which pins how spans are joined and split.
                foreach (var span in batch)
                {
                    Append(actual, Bodies(writer, [span]), verbatim: true);
                }
            }

            Append(actual, Bodies(writer, batch), verbatim: false);
        }

        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "WireBodies");
        var verifiedPath = Path.Combine(folder, $"{flavour}.verified.txt");
        var receivedPath = Path.Combine(folder, $"{flavour}.received.txt");
        var text = actual.ToString();
        if (Environment.GetEnvironmentVariable("TRACENTIC_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verifiedPath, text);
            File.Delete(receivedPath);
            return;
        }

        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == text)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, text);
        Assert.Fail($"The {flavour} wire changed: compare {receivedPath} with {verifiedPath}; rerun with TRACENTIC_ACCEPT_SNAPSHOTS=1 to accept a deliberate change.");
    }

    private static void Append(StringBuilder text, List<byte[]> bodies, bool verbatim)
    {
        foreach (var body in bodies)
        {
            text.Append(verbatim && body.Length <= VerbatimBytes
                ? Encoding.UTF8.GetString(body).Replace($"\"{SdkInfo.Version}\"", $"\"{VersionMark}\"", StringComparison.Ordinal)
                : $"sha256:{Convert.ToHexStringLower(SHA256.HashData(body))} bytes:{body.Length}");
            text.Append('\n');
        }
    }

    /// <summary>Every body the writer makes of <paramref name="batch"/>, as the export loop asks for them (the rest after each request).</summary>
    private static List<byte[]> Bodies(ISpanBodyWriter writer, List<ResolvedSpan> batch)
    {
        var bodies = new List<byte[]>();
        for (var done = 0; done < batch.Count;)
        {
            var count = writer.Write(batch.GetRange(done, batch.Count - done), out var body);
            Assert.InRange(count, 1, batch.Count - done);
            bodies.Add(body.ToArray());
            done += count;
        }

        return bodies;
    }

    private static TracenticOptions Options(string serviceName = "rag-api", string version = "1.2.3", string environment = "production") =>
        new() { ServiceName = serviceName, ServiceVersion = version, Environment = environment };

    private static IEnumerable<(string Name, TracenticOptions Options, WireLimits Limits, List<ResolvedSpan> Batch)> Cases()
    {
        var options = Options();
        yield return ("minimal", options, WireLimits.Default, [Span(0, _ => { })]);
        yield return ("every built-in", options, WireLimits.Default, [Span(1, Full)]);
        yield return ("each built-in alone", options, WireLimits.Default, [.. EachBuiltInAlone()]);
        yield return ("errors", options, WireLimits.Default, [.. Errors()]);
        yield return ("operations and names", options, WireLimits.Default, [.. Operations()]);
        yield return ("scope spans", options, WireLimits.Default, [.. ScopeSpans()]);
        yield return ("colliding user attributes", options, WireLimits.Default, [.. Collisions()]);
        yield return ("call details", options, WireLimits.Default, [.. DetailVariants()]);
        yield return ("numbers", options, WireLimits.Default, [.. Numbers()]);
        yield return ("escaping and unicode", options, WireLimits.Default, [.. Escaping()]);
        yield return ("ids and times", options, WireLimits.Default, [.. IdsAndTimes()]);
        yield return ("user attribute values", options, WireLimits.Default, [Span(70, s => AddUserAttributes(s, UserValues()))]);
        yield return ("over the span bound", options, Small, [.. OverSpanBound()]);
        yield return ("over the request bound", options, Small, [.. Enumerable.Range(0, 12).Select(i => Span(200 + i, s => { Full(s); AddUserAttributes(s, [("i", i), ("pad", new string('p', i * 80))]); }))]);
        yield return ("over the default bounds", options, WireLimits.Default, [.. OverDefaultBounds()]);
        yield return ("escaped resource", Options("svc \"quoted\" caf\u00e9 \U0001F600 <&> \u0001", "2.0.0-beta+\"x\"", "st\u00e4ging\n"), WireLimits.Default, [Span(300, Full)]);
        yield return ("long resource", Options(new string('s', 5000) + "\uD800", "v" + new string('9', 5000), "e\uDC00"), WireLimits.Default, [Span(301, _ => { })]);
        yield return ("random, small bounds", options, Small, RandomSpans(seed: 18, count: 300));
        yield return ("random, default bounds", options, WireLimits.Default, RandomSpans(seed: 2026, count: 600));
    }

    /// <summary>
    /// A span as the resolver makes them: among others, an error type always comes with a status message (empty when
    /// the exception had none), and only an error type does.
    /// </summary>
    private static ResolvedSpan Span(int n, Action<ResolvedSpan> fill)
    {
        var span = new ResolvedSpan
        {
            TraceIdHigh = 0x0123456789abcdefUL ^ (ulong)n,
            TraceIdLow = 0xfedcba9876543210UL + (ulong)n,
            SpanId = 0x1000000000000000UL + (ulong)n,
            Name = "llm.call",
            StartUnixNanos = 1_740_830_400_000_000_000L + (n * 1_000_000L),
            EndUnixNanos = 1_740_830_400_250_000_000L + (n * 1_000_000L),
            DurationMs = 250,
        };
        fill(span);
        return span;
    }

    private static readonly ResolvedScope FullScope = new("0af7651916cd43dd8448eb211c80319c", "rag-pipeline", "2025-03-01T12:00:00.123456+00:00", "b7ad6b7169203331b7ad6b7169203331", "order-42");

    private static readonly RecordedCallDetails FullDetails = new()
    {
        CodeFunction = "MyApp.RagPipeline.AnswerAsync",
        CodeFilePath = "src/RagPipeline.cs",
        CodeLine = 42,
        Temperature = 0.7,
        MaxTokens = 1024,
        TopP = 0.95,
        TopK = 40,
        Seed = 7,
        StopSequences = ["\n\n", "END", "\"q\""],
        FrequencyPenalty = 0.5,
        PresencePenalty = -0.25,
        ChoiceCount = 2,
        ConversationId = "conv-1",
        EmbeddingDimensions = 1536,
        OutputType = "json",
        Streaming = true,
        TimeToFirstChunk = 0.125,
        SystemInstructions = "[{\"type\":\"text\",\"content\":\"Be brief.\"}]",
        ToolDefinitions = "[{\"type\":\"function\",\"name\":\"search\"}]",
    };

    private static void Full(ResolvedSpan s)
    {
        s.ParentSpanId = 0x00000000000000a1;
        s.TreeParentSpanId = 0x00000000000000b2;
        s.Name = "llm.openai.chat";
        s.Provider = "openai";
        s.Model = "gpt-4o";
        s.ResponseModel = "gpt-4o-2024-08-06";
        s.FinishReason = "stop";
        s.ResponseId = "chatcmpl-123";
        s.InputMessages = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]";
        s.OutputMessages = "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello\"}]}]";
        s.OperationType = "chat";
        s.InputTokens = 1000;
        s.OutputTokens = 200;
        s.TotalTokens = 1200;
        s.CacheReadInputTokens = 300;
        s.CacheCreationInputTokens = 50;
        s.ReasoningOutputTokens = 80;
        s.TokenDetails = new RecordedTokenDetails { CacheRead = 300, CacheWrite = 50, Reasoning = 80, InputAudio = 12, OutputAudio = 34 };
        s.DurationMs = 850;
        s.CostUsd = 0.0045;
        s.Scope = FullScope;
        s.Details = FullDetails;
        AddUserAttributes(s, [("user_id", "u-1"), ("attempt", 2), ("ratio", 0.5), ("flag", true)]);
    }

    private static IEnumerable<ResolvedSpan> EachBuiltInAlone()
    {
        Action<ResolvedSpan>[] setters =
        [
            s => s.ParentSpanId = 5, s => s.TreeParentSpanId = 6, s => s.Provider = "anthropic", s => s.Model = "claude-sonnet-4-20250514",
            s => s.ResponseModel = "claude-sonnet-4-20250514", s => s.FinishReason = "end_turn", s => s.ResponseId = "msg_01",
            s => s.InputMessages = "[]", s => s.OutputMessages = "[]", s => s.OperationType = "chat", s => s.InputTokens = 0,
            s => s.OutputTokens = 0, s => s.TotalTokens = 0, s => s.CacheReadInputTokens = 1, s => s.CacheCreationInputTokens = 2,
            s => s.ReasoningOutputTokens = 3, s => s.TokenDetails = new RecordedTokenDetails { InputAudio = 4 },
            s => s.TokenDetails = new RecordedTokenDetails { OutputAudio = 5 }, s => s.TokenDetails = new RecordedTokenDetails { CacheRead = 9 },
            s => s.CostUsd = 0, s => s.CostUsd = 12.5, s => { s.ErrorType = "TimeoutException"; s.ErrorMessage = ""; }, s => s.ErrorFullType = "System.TimeoutException",
            s => s.Scope = FullScope, s => s.Scope = new ResolvedScope("a", "b", "c", null, null),
            s => s.Details = new RecordedCallDetails(), s => s.Details = new RecordedCallDetails { CodeFunction = "F" },
            s => s.Details = new RecordedCallDetails { CodeFilePath = "f.cs" }, s => s.Details = new RecordedCallDetails { Temperature = 1 },
            s => s.Details = new RecordedCallDetails { MaxTokens = 1 }, s => s.Details = new RecordedCallDetails { TopP = 1 },
            s => s.Details = new RecordedCallDetails { TopK = 1 }, s => s.Details = new RecordedCallDetails { Seed = 1 },
            s => s.Details = new RecordedCallDetails { StopSequences = [] }, s => s.Details = new RecordedCallDetails { FrequencyPenalty = 1 },
            s => s.Details = new RecordedCallDetails { PresencePenalty = 1 }, s => s.Details = new RecordedCallDetails { ChoiceCount = 1 },
            s => s.Details = new RecordedCallDetails { ConversationId = "c" }, s => s.Details = new RecordedCallDetails { EmbeddingDimensions = 1 },
            s => s.Details = new RecordedCallDetails { OutputType = "text" }, s => s.Details = new RecordedCallDetails { Streaming = true },
            s => s.Details = new RecordedCallDetails { TimeToFirstChunk = 0.001 }, s => s.Details = new RecordedCallDetails { SystemInstructions = "[]" },
            s => s.Details = new RecordedCallDetails { ToolDefinitions = "[]" }, s => AddUserAttributes(s, [("only", "user")]),
        ];
        return setters.Select((set, i) => Span(10 + i, set));
    }

    private static IEnumerable<ResolvedSpan> Errors()
    {
        yield return Span(100, s => { Full(s); s.ErrorType = "HttpRequestException"; s.ErrorFullType = "System.Net.Http.HttpRequestException"; s.ErrorMessage = "Response status code does not indicate success: 429 (Too Many Requests)."; });
        yield return Span(101, s => { s.ErrorType = "Boom"; s.ErrorMessage = ""; });
        yield return Span(102, s => { s.ErrorType = "Quote\"d"; s.ErrorFullType = "Ns.Quote\"d"; s.ErrorMessage = "line1\nline2\t\"q\" \\ caf\u00e9 \U0001F600 \u0000"; });
        yield return Span(103, s => { s.Provider = "openai"; s.ErrorType = "E"; s.ErrorMessage = new string('m', 4096); s.CostUsd = null; });
    }

    private static IEnumerable<ResolvedSpan> Operations()
    {
        string?[] operations = [null, "", "chat", "embedding", "completion", "text_completion", "custom op", "caf\u00e9"];
        string?[] models = [null, "", "gpt-4o", "m\"odel"];
        var n = 110;
        foreach (var operation in operations)
        {
            foreach (var model in models)
            {
                yield return Span(n++, s =>
                {
                    s.OperationType = operation;
                    s.Model = model;
                    s.Provider = "openai";
                    s.Name = SpanResolver.SpanName(s.Provider, operation);
                });
            }
        }
    }

    private static IEnumerable<ResolvedSpan> ScopeSpans()
    {
        yield return Span(150, s => { s.IsScope = true; s.Name = "rag-pipeline"; s.Scope = FullScope; s.TreeParentSpanId = 9; s.ParentSpanId = 8; });
        yield return Span(151, s =>
        {
            s.IsScope = true;
            s.Name = "sc\u00f6pe \"x\"";
            s.Scope = new ResolvedScope("id", "sc\u00f6pe \"x\"", "2025-03-01T12:00:00+00:00", null, "c");
            AddUserAttributes(s, [("tier", "gold"), (GenAiConventions.ProviderName, "user"), ("n", 1)]);
        });
        yield return Span(152, s => { s.IsScope = true; s.Name = "no scope attributes"; });
        yield return Span(153, s => { s.IsScope = true; s.Name = "users only"; AddUserAttributes(s, [("a", 1), ("b", 2)]); });
        yield return Span(154, s => { s.IsScope = true; s.Name = "error"; s.Scope = FullScope; s.ErrorType = "E"; s.ErrorFullType = "N.E"; s.ErrorMessage = "failed"; });
        yield return Span(155, s => { Full(s); s.IsScope = true; s.Name = "scope with built-ins"; });
    }

    private static IEnumerable<ResolvedSpan> Collisions()
    {
        (string, object?)[] genAi =
        [
            (GenAiConventions.OperationName, "u"), (GenAiConventions.ProviderName, "u"), (GenAiConventions.RequestModel, "u"),
            (GenAiConventions.ResponseModel, "u"), (GenAiConventions.ResponseId, "u"), (GenAiConventions.FinishReasons, "u"),
            (GenAiConventions.InputTokens, 1), (GenAiConventions.OutputTokens, 1), (GenAiConventions.CacheReadInputTokens, 1),
            (GenAiConventions.CacheCreationInputTokens, 1), (GenAiConventions.ReasoningOutputTokens, 1), (GenAiConventions.InputAudioTokens, 1),
            (GenAiConventions.OutputAudioTokens, 1), (GenAiConventions.ErrorType, "u"),
            (GenAiConventions.CodeFunctionName, "u"), (GenAiConventions.CodeFilePath, "u"), (GenAiConventions.CodeLineNumber, 1),
            (GenAiConventions.LegacyCodeFunction, "u"), (GenAiConventions.LegacyCodeFilePath, "u"), (GenAiConventions.LegacyCodeLineNumber, 1),
            (GenAiConventions.RequestTemperature, 0.1), (GenAiConventions.RequestMaxTokens, 1), (GenAiConventions.RequestTopP, 0.1),
            (GenAiConventions.RequestTopK, 1), (GenAiConventions.RequestSeed, 1), (GenAiConventions.RequestStopSequences, new[] { "u" }),
            (GenAiConventions.RequestFrequencyPenalty, 0.1), (GenAiConventions.RequestPresencePenalty, 0.1), (GenAiConventions.RequestChoiceCount, 1),
            (GenAiConventions.ConversationId, "u"), (GenAiConventions.OutputType, "u"), (GenAiConventions.EmbeddingDimensionCount, 1),
            (GenAiConventions.RequestStream, true), (GenAiConventions.ResponseTimeToFirstChunk, 0.1), (GenAiConventions.SystemInstructions, "u"),
            (GenAiConventions.ToolDefinitions, "u"), ("gen_ai.something.else", "kept"), ("plain", "kept"),
        ];
        yield return Span(160, s => AddUserAttributes(s, genAi)); // no details: only the keys written for every call are left out
        yield return Span(161, s => { Full(s); s.Attributes.Clear(); AddUserAttributes(s, genAi); });
        yield return Span(162, s => { s.Details = new RecordedCallDetails { CodeFunction = "", Streaming = false, CodeLine = 3 }; AddUserAttributes(s, genAi); });
        yield return Span(163, s => { s.Details = new RecordedCallDetails { CodeFunction = "F", CodeFilePath = null }; AddUserAttributes(s, genAi); });
    }

    private static IEnumerable<ResolvedSpan> DetailVariants()
    {
        yield return Span(170, s => s.Details = FullDetails);
        yield return Span(171, s => s.Details = new RecordedCallDetails { CodeFunction = "", CodeFilePath = "p.cs", CodeLine = 0 });
        yield return Span(172, s => s.Details = new RecordedCallDetails { CodeFilePath = "p\\a\u00e9th.cs", CodeLine = int.MaxValue });
        yield return Span(173, s => s.Details = new RecordedCallDetails { StopSequences = ["", "\u0001", "caf\u00e9", "\U0001F600", "<tag>&amp;"] });
        yield return Span(174, s => s.Details = FullDetails with { SystemInstructions = null, ToolDefinitions = null, Streaming = false });
        yield return Span(175, s => { s.FinishReason = "stop \"now\"\n"; s.Details = FullDetails with { CodeFunction = null, CodeFilePath = null }; });
    }

    private static IEnumerable<ResolvedSpan> Numbers()
    {
        double[] doubles = [0.0, -0.0, 1e-7, 1e21, 1e16, 0.1 + 0.2, double.MaxValue, double.MinValue, double.Epsilon, 123456789.125, -1.5, 100, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var n = 180;
        foreach (var d in doubles)
        {
            yield return Span(n++, s =>
            {
                s.CostUsd = d;
                s.Details = new RecordedCallDetails { Temperature = d, TopP = d, FrequencyPenalty = d, PresencePenalty = d, TimeToFirstChunk = d };
                AddUserAttributes(s, [("d", d)]);
            });
        }

        long[] longs = [0, 1, -1, long.MaxValue, long.MinValue, 1_000_000_000_000];
        foreach (var l in longs)
        {
            yield return Span(n++, s =>
            {
                s.InputTokens = s.OutputTokens = s.TotalTokens = s.CacheReadInputTokens = s.CacheCreationInputTokens = s.ReasoningOutputTokens = l;
                s.DurationMs = l;
                s.TokenDetails = new RecordedTokenDetails { InputAudio = l, OutputAudio = l };
                s.Details = new RecordedCallDetails { MaxTokens = l, TopK = l, Seed = l, ChoiceCount = l, EmbeddingDimensions = l, CodeFilePath = "x", CodeLine = (int)Math.Clamp(l, int.MinValue, int.MaxValue) };
                AddUserAttributes(s, [("l", l)]);
            });
        }
    }

    private static readonly string[] Texts =
    [
        "plain", "quote \" back\\slash", "tab\tnew\nline\r\u0001\u001f", "caf\u00e9 \u65e5\u672c \U0001F600", "<html>&'`+", "\u2028\u2029\u007f\u0080",
        "\uFFFD replaced", "slash / and \u00a0nbsp", "",
    ];

    private static IEnumerable<ResolvedSpan> Escaping()
    {
        var n = 250;
        foreach (var text in Texts)
        {
            yield return Span(n++, s =>
            {
                s.Name = text;
                s.Provider = s.Model = s.ResponseModel = s.FinishReason = s.ResponseId = s.InputMessages = s.OutputMessages = s.OperationType = text;
                s.ErrorType = s.ErrorFullType = s.ErrorMessage = text;
                s.Scope = new ResolvedScope(text, text, text, text, text);
                s.Details = new RecordedCallDetails
                {
                    CodeFunction = text, CodeFilePath = text, ConversationId = text, OutputType = text, StopSequences = [text, text],
                    SystemInstructions = text, ToolDefinitions = text,
                };
                AddUserAttributes(s, [(text.Length == 0 ? "empty" : text, text), ("list", new object?[] { text, 1, null }), ("map", new Dictionary<string, object?> { [text.Length == 0 ? "k" : text] = text })]);
            });
        }
    }

    private static IEnumerable<ResolvedSpan> IdsAndTimes()
    {
        yield return Span(260, s => { s.TraceIdHigh = 0; s.TraceIdLow = 1; s.SpanId = 1; s.StartUnixNanos = 0; s.EndUnixNanos = 0; s.DurationMs = 0; });
        yield return Span(261, s => { s.TraceIdHigh = ulong.MaxValue; s.TraceIdLow = ulong.MaxValue; s.SpanId = ulong.MaxValue; s.ParentSpanId = ulong.MaxValue; s.TreeParentSpanId = ulong.MaxValue; s.StartUnixNanos = long.MaxValue; s.EndUnixNanos = long.MaxValue; });
        yield return Span(262, s => { s.TraceIdHigh = 0xfbff_fffe_0000_3e3f; s.TraceIdLow = 0x00ff_ff00_f0f0_0f0f; s.SpanId = 0x3e3f_fbff_fffe_0000; s.ParentSpanId = 0x1; s.TreeParentSpanId = 0; });
        yield return Span(263, s => { s.ParentSpanId = 0; s.TreeParentSpanId = 0x7; });
    }

    private static (string, object?)[] UserValues() =>
    [
        ("s", "text"), ("i", 42), ("l", -7L), ("d", 2.5), ("b", true), ("f", false), ("arr", new object?[] { 1, "two", 3.0, false, null }),
        ("map", new Dictionary<string, object?> { ["a"] = 1, ["b"] = new[] { "x", "y" }, ["c"] = new Dictionary<string, object?> { ["deep"] = 0.1 } }),
        ("empty-arr", Array.Empty<int>()), ("empty-map", new Dictionary<string, object?>()), ("ulong", ulong.MaxValue),
        ("when", new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2))), ("span", TimeSpan.FromSeconds(1.5)), ("dec", 1.25m),
    ];

    private static IEnumerable<ResolvedSpan> OverSpanBound()
    {
        // Attributes of about 300 bytes each: a 2,048-byte span keeps the first few, in priority order.
        yield return Span(270, s => AddUserAttributes(s, [.. Enumerable.Range(0, 20).Select(i => ($"k{i}", (object?)new string((char)('a' + i), 280)))]));
        yield return Span(271, s => { Full(s); AddUserAttributes(s, [.. Enumerable.Range(0, 20).Select(i => ($"k{i}", (object?)new string('x', 100 + (i * 10))))]); });
        yield return Span(272, s =>
        {
            s.Details = FullDetails;
            AddUserAttributes(s, [(GenAiConventions.RequestTemperature, 0.2), ("big", new string('b', 600)), (GenAiConventions.ProviderName, "x"), ("after", new string('c', 900)), ("last", new string('d', 900))]);
        });
        yield return Span(273, s => { s.IsScope = true; s.Name = "big scope"; s.Scope = FullScope; AddUserAttributes(s, [.. Enumerable.Range(0, 12).Select(i => ($"s{i}", (object?)new string('s', 250)))]); });
        yield return Span(274, s => { Full(s); s.InputMessages = new string('i', 3000); }); // the built-ins alone are over the bound
        yield return Span(275, s => { s.ErrorType = "E"; s.ErrorMessage = new string('e', 1500); AddUserAttributes(s, [("a", new string('a', 400)), ("b", new string('b', 400))]); });
    }

    private static IEnumerable<ResolvedSpan> OverDefaultBounds()
    {
        var limits = new AttributeLimits();
        var big = Enumerable.Range(0, 128).Select(i => ($"attr.{i}", (object?)new string((char)('A' + (i % 26)), 4096)) ).ToArray();
        for (var i = 0; i < 3; i++)
        {
            yield return Span(280 + i, s => { Full(s); s.InputMessages = new string('m', 400_000); s.OutputMessages = new string('o', 400_000); AddUserAttributes(s, big, limits); });
        }

        yield return Span(283, s => { s.IsScope = true; s.Name = "scope"; s.Scope = FullScope; AddUserAttributes(s, big, limits); AddUserAttributes(s, [.. big.Select(b => (b.Item1 + "x", b.Item2))], limits); });
    }

    private static void AddUserAttributes(ResolvedSpan span, (string Key, object? Value)[] attributes, AttributeLimits? limits = null)
    {
        limits ??= new AttributeLimits { MaxStringValueLength = 65_536 };
        foreach (var (key, value) in attributes)
        {
            if (AttributeValue.TryCreate(value, limits, out var attribute) && !span.Attributes.Exists(a => a.Key == key))
            {
                span.Attributes.Add(new ResolvedAttribute(key, attribute));
            }
        }
    }

    /// <summary>
    /// Spans drawn from pools of values with a fixed seed: built-ins set or not, shared scopes and details, scope
    /// spans, user attributes of every kind (some colliding with GenAI keys), and more distinct models and providers
    /// than the writers keep encoded, so their caches are emptied and refilled on the way.
    /// </summary>
    private static List<ResolvedSpan> RandomSpans(int seed, int count)
    {
        var random = new Random(seed);
        string? Pick(string?[] pool) => pool[random.Next(pool.Length)];
        string? Maybe(string value) => random.Next(3) == 0 ? null : value;
        long? MaybeLong() => random.Next(3) == 0 ? null : random.Next(4) == 0 ? random.NextInt64() : random.Next(100_000);
        double? MaybeDouble() => random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 2, random.Next(8));
        string Text() => random.Next(4) == 0 ? Texts[random.Next(Texts.Length)] : random.Next(6) switch
        {
            0 => new string((char)random.Next(0x20, 0x7f), random.Next(1, 40)),
            1 => new string((char)random.Next(0xa0, 0x3000), random.Next(1, 10)),
            2 => $"v{random.Next(10_000)}",
            3 => string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => Texts[random.Next(Texts.Length)])),
            _ => new string('w', random.Next(0, 700)),
        };

        var scopes = Enumerable.Range(0, 10).Select(i => new ResolvedScope($"{i:x32}", Text(), $"2025-03-01T12:00:0{i}.5+00:00", Maybe($"{i + 100:x32}"), Maybe(Text()))).ToArray();
        var details = Enumerable.Range(0, 6).Select(i => new RecordedCallDetails
        {
            CodeFunction = Maybe($"App.Type{i}.Call"), CodeFilePath = Maybe($"src/F{i}.cs"), CodeLine = i * 10,
            Temperature = MaybeDouble(), MaxTokens = MaybeLong(), TopP = MaybeDouble(), TopK = MaybeLong(), Seed = MaybeLong(),
            StopSequences = random.Next(3) == 0 ? [Text(), Text()] : null, FrequencyPenalty = MaybeDouble(), PresencePenalty = MaybeDouble(),
            ChoiceCount = MaybeLong(), ConversationId = Maybe(Text()), EmbeddingDimensions = MaybeLong(), OutputType = Maybe("json"),
            Streaming = random.Next(2) == 0, TimeToFirstChunk = MaybeDouble(), SystemInstructions = Maybe(Text()), ToolDefinitions = Maybe(Text()),
        }).ToArray();
        string?[] providers = [null, "openai", "anthropic", "azure.ai.openai", "g\u00e9mini", ""];
        string?[] operations = [null, "chat", "embedding", "completion", "", "rerank"];
        string?[] finish = [null, "stop", "length", "tool_calls", "end_turn"];
        string[] userKeys = ["user_id", "tier", "step", "attempt", GenAiConventions.ProviderName, GenAiConventions.RequestTemperature, GenAiConventions.LegacyCodeFunction, GenAiConventions.CodeFilePath, "caf\u00e9", "k\"q"];

        var spans = new List<ResolvedSpan>(count);
        for (var n = 0; n < count; n++)
        {
            var span = new ResolvedSpan
            {
                TraceIdHigh = (ulong)random.NextInt64(),
                TraceIdLow = (ulong)random.NextInt64(),
                SpanId = (ulong)random.NextInt64(),
                ParentSpanId = random.Next(2) == 0 ? 0 : (ulong)random.NextInt64(),
                TreeParentSpanId = random.Next(2) == 0 ? 0 : (ulong)random.NextInt64(),
                IsScope = random.Next(8) == 0,
                StartUnixNanos = 1_740_830_400_000_000_000L + random.NextInt64(1_000_000_000_000),
            };
            span.EndUnixNanos = span.StartUnixNanos + random.NextInt64(10_000_000_000);
            span.DurationMs = (span.EndUnixNanos - span.StartUnixNanos) / 1_000_000;
            span.Provider = random.Next(5) == 0 ? $"provider-{random.Next(1500)}" : Pick(providers);
            span.OperationType = Pick(operations);
            span.Model = random.Next(5) == 0 ? null : $"model-{random.Next(random.Next(2) == 0 ? 3 : 1500)}";
            span.ResponseModel = random.Next(2) == 0 ? null : span.Model + "-2025";
            span.FinishReason = Pick(finish);
            span.ResponseId = Maybe($"resp-{n}");
            span.InputMessages = random.Next(4) == 0 ? Text() : null;
            span.OutputMessages = random.Next(4) == 0 ? Text() : null;
            span.InputTokens = MaybeLong();
            span.OutputTokens = MaybeLong();
            span.TotalTokens = span.InputTokens + span.OutputTokens;
            span.CacheReadInputTokens = random.Next(4) == 0 ? MaybeLong() : null;
            span.CacheCreationInputTokens = random.Next(4) == 0 ? MaybeLong() : null;
            span.ReasoningOutputTokens = random.Next(4) == 0 ? MaybeLong() : null;
            span.TokenDetails = random.Next(4) == 0 ? new RecordedTokenDetails { InputAudio = MaybeLong(), OutputAudio = MaybeLong() } : null;
            span.CostUsd = MaybeDouble();
            if (random.Next(6) == 0)
            {
                span.ErrorType = Text();
                span.ErrorFullType = Maybe("Ns." + span.ErrorType);
                span.ErrorMessage = Text();
            }

            span.Scope = random.Next(4) == 0 ? null : scopes[random.Next(scopes.Length)];
            span.Details = random.Next(3) == 0 ? null : details[random.Next(details.Length)];
            span.Name = span.IsScope ? span.Scope?.Name ?? "scope" : SpanResolver.SpanName(span.Provider, span.OperationType);
            var attributes = Enumerable.Range(0, random.Next(0, 12)).Select(i => (random.Next(3) == 0 ? userKeys[random.Next(userKeys.Length)] : $"attr{i}", random.Next(5) switch
            {
                0 => (object?)Text(),
                1 => random.NextInt64(),
                2 => random.NextDouble(),
                3 => random.Next(2) == 0,
                _ => new object?[] { Text(), random.Next(), new Dictionary<string, object?> { [Text() is { Length: > 0 } k ? k : "k"] = Text() } },
            })).ToArray();
            AddUserAttributes(span, attributes);
            spans.Add(span);
        }

        return spans;
    }
}
