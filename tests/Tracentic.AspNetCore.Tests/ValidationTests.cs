using Microsoft.Extensions.Options;
using Tracentic.AspNetCore.Tests.Infrastructure;
using Tracentic.Testing;

namespace Tracentic.AspNetCore.Tests;

public sealed class ValidationTests : ProcessWideTest
{
    public static TheoryData<string, Action<TracenticOptions>, string> InvalidSettings => new()
    {
        { "empty service name", o => o.ServiceName = "", "Tracentic setting ServiceName must not be empty" },
        { "blank service name", o => o.ServiceName = "   ", "TRACENTIC_SERVICE_NAME" },
        { "blank environment", o => o.Environment = "", "Tracentic setting Environment must not be empty" },
        { "relative endpoint", o => o.Endpoint = "tracentic.dev/ingest", "Tracentic setting Endpoint must be an absolute http:// or https:// URL" },
        { "non-http endpoint", o => o.Endpoint = "ftp://tracentic.dev", "got \"ftp://tracentic.dev\"" },
        { "negative timeout", o => o.ExportTimeout = TimeSpan.FromSeconds(-5), "Tracentic setting ExportTimeout must be a positive time span" },
        { "zero batch delay", o => o.BatchDelay = TimeSpan.Zero, "Tracentic setting BatchDelay" },
        { "zero queue capacity", o => o.QueueCapacity = 0, "Tracentic setting QueueCapacity must be at least 1" },
        { "api key with a newline", o => o.ApiKey = "key\n", "Tracentic setting ApiKey contains a line break" },
        { "standard OTLP output without an endpoint", o => o.Otlp = new OtlpOutputOptions(), "Tracentic setting Otlp needs an Endpoint" },
        { "relative OTLP endpoint", o => o.Otlp = new OtlpOutputOptions { Endpoint = "collector:4318" }, "Tracentic setting Otlp.Endpoint must be an absolute http:// or https:// URL" },
        { "OTLP header with a newline", o => o.Otlp = new OtlpOutputOptions { Endpoint = "http://localhost:4318", Headers = new() { ["api-key"] = "k\n" } }, "OTEL_EXPORTER_OTLP_* environment variables" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Invalid_settings_in_code_fail_startup_naming_the_setting(string because, Action<TracenticOptions> configure, string expected)
    {
        var error = await StartExpectingFailure(new TestAppSetup { Configure = configure });

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{because}: {error.Message}");
    }

    [Theory]
    [InlineData("ExportTimeout", "soon", "Tracentic:ExportTimeout must be a time span")]
    [InlineData("ExportTimeout", "-00:00:05", "Tracentic setting ExportTimeout must be a positive time span")]
    [InlineData("Endpoint", "not a url", "Tracentic setting Endpoint must be an absolute")]
    [InlineData("QueueCapacity", "lots", "Tracentic:QueueCapacity must be a whole number")]
    [InlineData("Debug", "yes please", "Tracentic:Debug must be true or false")]
    [InlineData("CaptureMessageContent", "maybe", "Tracentic:CaptureMessageContent must be true or false")]
    [InlineData("MaxMessageContentLength", "long", "Tracentic:MaxMessageContentLength must be a whole number")]
    [InlineData("CustomPricing:gpt-4o:CacheReadPerMillion", "free", "Tracentic:CustomPricing:gpt-4o:CacheReadPerMillion must be a number such as 2.5")]
    [InlineData("CustomPricing:gpt-4o:InputPerMillion", "2.5", "Tracentic:CustomPricing:gpt-4o needs both InputPerMillion and OutputPerMillion")]
    [InlineData("CustomPricing:gpt-4o:InputPerMillion", "cheap", "Tracentic:CustomPricing:gpt-4o:InputPerMillion must be a number such as 2.5")]
    [InlineData("AttributeLimits:MaxKeyLength", "1e3", "Tracentic:AttributeLimits:MaxKeyLength must be a whole number")]
    public async Task Invalid_configuration_values_fail_startup_naming_the_key(string key, string value, string expected)
    {
        var error = await StartExpectingFailure(new TestAppSetup { Configuration = new() { ["Tracentic:" + key] = value } });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_the_engine_refuses_fails_startup_naming_the_model_key()
    {
        var error = await StartExpectingFailure(new TestAppSetup
        {
            Configuration = new()
            {
                ["Tracentic:CustomPricing:gpt-4o:InputPerMillion"] = "-1",
                ["Tracentic:CustomPricing:gpt-4o:OutputPerMillion"] = "10",
            },
        });

        Assert.Contains("Tracentic:CustomPricing:gpt-4o: A model price must be a finite, non-negative number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_message_says_where_it_can_be_set()
    {
        var error = await StartExpectingFailure(new TestAppSetup { Configure = o => o.ServiceName = " " });

        Assert.Equal(
            "Tracentic setting ServiceName must not be empty; leave it unset for \"unknown-service\". It can be set as Tracentic:ServiceName " +
            "in configuration, the TRACENTIC_SERVICE_NAME environment variable, or options.ServiceName.",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task Every_invalid_setting_is_reported_at_once()
    {
        var error = await StartExpectingFailure(new TestAppSetup
        {
            Configure = o =>
            {
                o.ServiceName = "";
                o.Endpoint = "nope";
                o.ExportTimeout = TimeSpan.FromSeconds(-1);
            },
        });

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public async Task Every_problem_is_listed_with_where_it_can_be_set()
    {
        var error = await StartExpectingFailure(new TestAppSetup
        {
            Configuration = new() { ["Tracentic:CustomPricing:gpt-4o:InputPerMillion"] = "2.5" },
            Configure = o =>
            {
                o.ApiKey = "key\n";
                o.ServiceName = "";
                o.Environment = " ";
                o.Endpoint = "nope";
                o.ExportTimeout = TimeSpan.FromSeconds(-1);
                o.BatchDelay = TimeSpan.Zero;
                o.QueueCapacity = 0;
                o.MaxBatchSize = 0;
                o.MaxMessageContentLength = 0;
                o.Otlp = new OtlpOutputOptions { Endpoint = "collector:4318" };
            },
        });

        Assert.Equal(
            [
                "Tracentic:CustomPricing:gpt-4o needs both InputPerMillion and OutputPerMillion (US dollars per million tokens).",
                "ApiKey: It can be set as Tracentic:ApiKey in configuration, the TRACENTIC_API_KEY environment variable, or options.ApiKey.",
                "ServiceName: It can be set as Tracentic:ServiceName in configuration, the TRACENTIC_SERVICE_NAME environment variable, or options.ServiceName.",
                "Environment: It can be set as Tracentic:Environment in configuration, the TRACENTIC_ENVIRONMENT environment variable, or options.Environment.",
                "Endpoint: It can be set as Tracentic:Endpoint in configuration, the TRACENTIC_ENDPOINT environment variable, or options.Endpoint.",
                "ExportTimeout: It can be set as Tracentic:ExportTimeout in configuration or options.ExportTimeout.",
                "BatchDelay: It can be set as Tracentic:BatchDelay in configuration or options.BatchDelay.",
                "QueueCapacity: It can be set as Tracentic:QueueCapacity in configuration or options.QueueCapacity.",
                "MaxBatchSize: It can be set as Tracentic:MaxBatchSize in configuration or options.MaxBatchSize.",
                "MaxMessageContentLength: It can be set as Tracentic:MaxMessageContentLength in configuration or options.MaxMessageContentLength.",
                "Otlp.Endpoint: It can be set as Tracentic:Otlp:Endpoint in configuration, options.Otlp.Endpoint, or from the OTEL_EXPORTER_OTLP_* environment variables with OtlpOutputOptions.FromEnvironment().",
            ],
            error.Failures.Select(f => f.StartsWith("Tracentic setting ", StringComparison.Ordinal)
                ? $"{f.Split(' ')[2]}: {f[f.IndexOf(" It can be set as ", StringComparison.Ordinal)..].TrimStart()}"
                : f));
    }

    [Fact]
    public async Task A_web_setting_that_cannot_be_read_fails_startup_naming_the_key()
    {
        await using var app = TestApp.Build(
            new TestAppSetup { Configuration = new() { ["Tracentic:LinkIncomingScope"] = "maybe" } }, new InMemoryExporter(), new CapturingLoggerProvider());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal("Tracentic:LinkIncomingScope must be true or false; got \"maybe\".", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task A_failed_start_leaves_the_process_wide_instance_untouched()
    {
        var (owner, _) = InMemoryExporter.CreateClient();
        TracenticSdk.Install(owner);

        await StartExpectingFailure(new TestAppSetup { Configure = o => o.ServiceName = "" });

        Assert.Same(owner, TracenticSdk.Current);
        await owner.ShutdownAsync();
    }

    private static async Task<OptionsValidationException> StartExpectingFailure(TestAppSetup setup)
    {
        await using var app = TestApp.Build(setup, new InMemoryExporter(), new CapturingLoggerProvider());
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }
}
