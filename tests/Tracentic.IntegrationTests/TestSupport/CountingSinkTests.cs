using System.Net;
using System.Net.Http.Headers;
using Tracentic.Testing;

namespace Tracentic.IntegrationTests.TestSupport;

/// <summary>The load benchmark's counting sink (tests/Tracentic.Testing) counts exactly the spans sent, in both wire formats; it has no store.</summary>
public sealed class CountingSinkTests
{
    [Fact]
    public async Task Counts_every_span_the_SDK_exports_without_keeping_them()
    {
        await using var receiver = await CountingSink.StartAsync();
        await using (var sdk = new Tracentic.Engine.TracenticEngine(
            new TracenticOptions { Endpoint = receiver.Endpoint, ApiKey = "any", MaxBatchSize = 100, BatchDelay = TimeSpan.FromMilliseconds(10) },
            new Tracentic.Engine.ExportSetup { HookExits = false }))
        {
            for (var i = 0; i < 1_000; i++)
            {
                // Attribute values holding the counted token must not be counted: the writer escapes the quotes.
                sdk.RecordSpan(null, new TracenticSpan { Provider = "openai", Model = "gpt-4o", Attributes = new() { ["note"] = "\"spanId\":" } });
            }

            await sdk.FlushAsync();
        }

        Assert.Equal(1_000, receiver.CountedSpans);
        Assert.InRange(receiver.CountedRequests, 10, 1_000);
        Assert.True(receiver.CountedBytes > 1_000 * 100);

        receiver.ResetCounts();
        Assert.Equal(0, receiver.CountedSpans);
    }

    [Fact]
    public async Task Counts_the_spans_of_an_OTLP_protobuf_request_on_v1_traces()
    {
        await using var receiver = await CountingSink.StartAsync();
        using var http = new HttpClient();
        // Two ResourceSpans (field 1): the first with scopes of 2 and 1 spans, the second with 3; other fields in between.
        var body = Message(
            Field(1, Message(Field(1, [0x0A, 0x00]), Field(2, Spans(2)), Field(2, Spans(1)), Varint(3, 300))),
            Field(1, Message(Field(2, Spans(3)))));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");

        using var response = await http.PostAsync(receiver.Endpoint + "/v1/traces", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, receiver.CountedSpans);
        Assert.Equal(body.Length, receiver.CountedBytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // streamed: no Content-Length to size the buffer by
    public async Task Counts_a_protobuf_body_larger_than_the_first_buffer(bool withLength)
    {
        await using var receiver = await CountingSink.StartAsync();
        using var http = new HttpClient();
        var body = Message(Field(1, Message([.. Enumerable.Range(0, 100).Select(_ => Field(2, Spans(200)))])));
        Assert.True(body.Length > 256 * 1024);
        using var content = withLength ? new ByteArrayContent(body) : (HttpContent)new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (!withLength)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Endpoint + "/v1/traces") { Content = content };
        request.Headers.TransferEncodingChunked = !withLength;
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20_000, receiver.CountedSpans);
        Assert.Equal(body.Length, receiver.CountedBytes);
    }

    /// <summary>A ScopeSpans message: a scope (field 1), then <paramref name="count"/> spans (field 2) of a few bytes each.</summary>
    private static byte[] Spans(int count) =>
        Message([Field(1, [0x0A, 0x01, (byte)'s']), .. Enumerable.Range(0, count).Select(i => Field(2, [.. Varint(5, (ulong)i + 1), 0x09, 1, 2, 3, 4, 5, 6, 7, 8]))]);

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    private static byte[] Field(int number, byte[] payload) => [.. Key(number, 2), .. Encode((ulong)payload.Length), .. payload];

    private static byte[] Varint(int number, ulong value) => [.. Key(number, 0), .. Encode(value)];

    private static byte[] Key(int number, int wire) => Encode((ulong)((number << 3) | wire));

    private static byte[] Encode(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);

        return [.. bytes];
    }
}
