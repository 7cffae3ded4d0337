using System.Net;
using System.Text;
using Tracentic.Testing;
using Tracentic.Local;

namespace Tracentic.Tests;

/// <summary>The shared test receiver itself: other test projects rely on it answering and recording as documented.</summary>
public class IngestReceiverTests
{
    private const string OneSpan = """
        {"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"Tracentic"},"spans":[
        {"traceId":"AAAAAAAAAAAAAAAAAAAAAQ==","spanId":"AAAAAAAAAAE=","name":"llm.call","kind":3,"startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[{"key":"a","value":{"intValue":"7"}}],"status":{"code":1}}]}]}]}
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task It_binds_to_loopback_records_requests_and_parses_spans()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(receiver.IngestUrl, Json(OneSpan));

        Assert.StartsWith("http://127.0.0.1:", receiver.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.Delivered);
        Assert.Equal("application/json; charset=utf-8", request.Header("content-type"));
        Assert.Equal(7L, Assert.Single(await receiver.WaitForSpansAsync(1, TimeSpan.FromSeconds(5)))["a"]);
    }

    [Fact]
    public async Task It_answers_as_scripted_then_200()
    {
        await using var receiver = await IngestReceiver.StartAsync();
        receiver.Script(503).Script(new IngestResponse(429, """{"error":"slow down"}""", RetryAfter: TimeSpan.FromSeconds(1.2)));
        using var http = new HttpClient();

        var first = await http.PostAsync(receiver.IngestUrl, Json(OneSpan));
        var second = await http.PostAsync(receiver.IngestUrl, Json(OneSpan));
        var third = await http.PostAsync(receiver.IngestUrl, Json(OneSpan));

        Assert.Equal([503, 429, 200], new[] { first, second, third }.Select(r => (int)r.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"error":"slow down"}""", await second.Content.ReadAsStringAsync());
        Assert.Single(receiver.Spans); // only the 200 counts as delivered
    }

    [Fact]
    public async Task It_rejects_a_wrong_API_key_a_wrong_path_and_an_invalid_body()
    {
        await using var receiver = await IngestReceiver.StartAsync(expectedApiKey: "right");
        using var http = new HttpClient();

        var noKey = await http.PostAsync(receiver.IngestUrl, Json(OneSpan));
        var wrongPath = await http.PostAsync(receiver.BaseUrl + "/v1/traces", Json(OneSpan));
        using var invalid = new HttpRequestMessage(HttpMethod.Post, receiver.IngestUrl) { Content = Json("{\"resourceSpans\":[") };
        invalid.Headers.Add("x-tracentic-api-key", "right");
        var invalidResponse = await http.SendAsync(invalid);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalidResponse.StatusCode);
        Assert.NotNull(receiver.Requests[2].ParseError);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.WaitForSpansAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Contains("not valid OTLP JSON", ex.Message);
    }

    [Fact]
    public async Task WaitForSpansAsync_times_out_with_what_it_got()
    {
        await using var receiver = await IngestReceiver.StartAsync();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => receiver.WaitForSpansAsync(1, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("expected 1 delivered span(s), got 0 in 0 request(s)", ex.Message);
    }

    [Fact]
    public async Task Disposing_releases_a_hung_request_and_stops_the_server()
    {
        var receiver = await IngestReceiver.StartAsync();
        receiver.DefaultResponse = IngestResponse.HangUntilDisposed;
        using var http = new HttpClient();
        var pending = http.PostAsync(receiver.IngestUrl, Json(OneSpan));
        await receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(5));

        await receiver.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<Exception>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(receiver.Requests[0].Aborted);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(receiver.IngestUrl, Json(OneSpan)));
    }
}
