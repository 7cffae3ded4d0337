using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Tracentic.OpenTelemetry.Tests.Aspire;

/// <summary>
/// The real Aspire dashboard (from the <c>Aspire.Dashboard.Sdk.linux-x64</c> package) running standalone on
/// 127.0.0.1 without Docker: an OTLP/HTTP receiver plus its telemetry HTTP API to read traces back. Started and
/// stopped by the test, bounded in time.
/// </summary>
internal sealed class AspireDashboard : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _api;

    private AspireDashboard(Process process, string frontendUrl, string otlpUrl)
    {
        _process = process;
        FrontendUrl = frontendUrl;
        OtlpUrl = otlpUrl;
        _api = new HttpClient { BaseAddress = new Uri(frontendUrl), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Dashboard UI and API, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string FrontendUrl { get; }

    /// <summary>OTLP/HTTP base URL (spans go to <c>{OtlpUrl}/v1/traces</c>).</summary>
    public string OtlpUrl { get; }

    /// <summary>Where the package put the executable; null on a platform it does not support.</summary>
    public static string? ExecutablePath =>
        OperatingSystem.IsLinux() && RuntimeInformationIsX64()
            ? typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AspireDashboardPath").Value
            : null;

    public static async Task<AspireDashboard> StartAsync()
    {
        if (!OperatingSystem.IsLinux() || ExecutablePath is not { } path)
        {
            throw new PlatformNotSupportedException("The Aspire dashboard package used here is for linux-x64.");
        }

        Assert.True(File.Exists(path), $"The Aspire dashboard is missing at {path}; restore the test project.");
        if (!File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        var frontend = $"http://127.0.0.1:{FreePort()}";
        var otlp = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = frontend;
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = otlp;
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The Aspire dashboard did not start.");
        var dashboard = new AspireDashboard(process, frontend, otlp);
        process.OutputDataReceived += (_, e) => dashboard.Append(e.Data);
        process.ErrorDataReceived += (_, e) => dashboard.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await dashboard.WaitUntilReadyAsync();
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }

        return dashboard;
    }

    /// <summary>Every span of every trace the dashboard holds, as OTLP JSON spans with their service name.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> SpansAsync()
    {
        using var response = await _api.GetAsync("/api/telemetry/spans?limit=1000");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/telemetry/spans answered {(int)response.StatusCode}: {body}");
        return DashboardSpan.Parse(body);
    }

    /// <summary>Waits (bounded) until the dashboard holds at least <paramref name="count"/> spans.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> WaitForSpansAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = await SpansAsync();
            if (spans.Count >= count || deadline.Elapsed > timeout)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Aspire dashboard exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await _api.GetAsync("/api/telemetry/spans");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The Aspire dashboard did not answer within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool RuntimeInformationIsX64() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(exit.Token);
        }

        _process.Dispose();
    }
}

/// <summary>One span read back from the dashboard's API (OTLP JSON: hex ids; the dashboard returns values as strings).</summary>
internal sealed record DashboardSpan(
    string Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, int Kind,
    int StatusCode, string? StatusMessage, IReadOnlyDictionary<string, string?> Attributes)
{
    public string? this[string key] => Attributes.TryGetValue(key, out var value) ? value : null;

    public static IReadOnlyList<DashboardSpan> Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var spans = new List<DashboardSpan>();
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = ParseAttributes(resource.GetProperty("resource").GetProperty("attributes"))["service.name"] ?? "";
            foreach (var scopeSpans in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.GetProperty("scope").GetProperty("name").GetString() ?? "";
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    var status = span.TryGetProperty("status", out var s) ? s : default;
                    spans.Add(new DashboardSpan(
                        service,
                        scope,
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } p ? p : null,
                        span.GetProperty("name").GetString()!,
                        span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0,
                        status.ValueKind == JsonValueKind.Object && status.TryGetProperty("code", out var code) ? code.GetInt32() : 0,
                        status.ValueKind == JsonValueKind.Object && status.TryGetProperty("message", out var message) ? message.GetString() : null,
                        ParseAttributes(span.GetProperty("attributes"))));
                }
            }
        }

        return spans;
    }

    private static Dictionary<string, string?> ParseAttributes(JsonElement attributes)
    {
        var result = new Dictionary<string, string?>();
        foreach (var attribute in attributes.EnumerateArray())
        {
            var value = attribute.GetProperty("value");
            result[attribute.GetProperty("key").GetString()!] = value.EnumerateObject().FirstOrDefault() is { Value.ValueKind: not JsonValueKind.Undefined } v
                ? v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString() : v.Value.GetRawText()
                : null;
        }

        return result;
    }
}
