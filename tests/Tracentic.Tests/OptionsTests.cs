using Tracentic.Local;
using Tracentic.Engine;
using Tracentic.Testing;
using Tracentic.Tests.Infrastructure;
using Tracentic.Core;

namespace Tracentic.Tests;

public class OptionsTests
{
    [Fact]
    public void Defaults_match_the_other_Tracentic_SDKs()
    {
        var options = new TracenticOptions();

        Assert.Null(options.ApiKey);
        Assert.Equal("unknown-service", options.ServiceName);
        Assert.Equal("https://tracentic.dev", options.Endpoint);
        Assert.Equal(TracenticOptions.DefaultEndpoint, options.Endpoint);
        Assert.Equal("production", options.Environment);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ExportTimeout);
        Assert.Equal(2048, options.QueueCapacity);
        Assert.Equal(512, options.MaxBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BatchDelay);
        Assert.False(options.Debug);
        Assert.Null(options.CustomPricing);
        Assert.Null(options.GlobalAttributes);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void Default_settings_post_to_the_hosted_ingest_endpoint()
    {
        var settings = new TracenticSettings(new TracenticOptions());

        Assert.Equal(new Uri("https://tracentic.dev/v1/ingest"), settings.IngestUri);
        Assert.Null(settings.ApiKey);
    }

    [Theory]
    [InlineData("https://tracentic.dev", "https://tracentic.dev/v1/ingest")]
    [InlineData("https://tracentic.dev/", "https://tracentic.dev/v1/ingest")]
    [InlineData("  http://127.0.0.1:4318  ", "http://127.0.0.1:4318/v1/ingest")]
    [InlineData("https://example.internal/tracentic/", "https://example.internal/tracentic/v1/ingest")]
    public void The_ingest_url_is_the_endpoint_plus_v1_ingest(string endpoint, string expected)
    {
        Assert.Equal(new Uri(expected), new TracenticSettings(new TracenticOptions { Endpoint = endpoint }).IngestUri);
    }

    [Fact]
    public void Attribute_limits_default_to_the_platform_maximums()
    {
        var limits = new AttributeLimits();

        Assert.Equal(128, AttributeLimits.PlatformMaxAttributeCount);
        Assert.Equal(4096, AttributeLimits.PlatformMaxStringValueLength);
        Assert.Equal(256, AttributeLimits.PlatformMaxKeyLength);
        Assert.Equal(128, limits.MaxAttributeCount);
        Assert.Equal(4096, limits.MaxStringValueLength);
        Assert.Equal(256, limits.MaxKeyLength);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(int.MinValue, 1)]
    [InlineData(1, 1)]
    [InlineData(64, 64)]
    [InlineData(100_000, int.MaxValue)] // int.MaxValue stands for "the platform maximum"
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Attribute_limits_are_clamped_to_between_1_and_the_platform_maximum(int requested, int expected)
    {
        var limits = new AttributeLimits { MaxAttributeCount = requested, MaxStringValueLength = requested, MaxKeyLength = requested };

        Assert.Equal(Math.Min(expected, 128), limits.MaxAttributeCount);
        Assert.Equal(Math.Min(expected, 4096), limits.MaxStringValueLength);
        Assert.Equal(Math.Min(expected, 256), limits.MaxKeyLength);
    }

    [Fact]
    public async Task Options_are_copied_at_creation_so_later_changes_change_nothing()
    {
        TracenticOptions? options = null;
        var (client, exporter) = InMemoryExporter.CreateClient(o =>
        {
            o.ServiceName = "original";
            o.GlobalAttributes = new() { ["region"] = "eu" };
            o.CustomPricing = new() { ["gpt-4o"] = new ModelPricing(2.5, 10.0) };
            o.AttributeLimits = new AttributeLimits { MaxStringValueLength = 100 };
            options = o;
        });
        await using var _c = client;

        options!.ServiceName = "changed";
        options.GlobalAttributes!["region"] = "us";
        options.GlobalAttributes["added"] = true;
        options.CustomPricing!["gpt-4o"] = new ModelPricing(1000, 1000);
        options.CustomPricing["gpt-4o-mini"] = new ModelPricing(1, 1);
        options.AttributeLimits.MaxStringValueLength = 2;
        options.AttributeLimits = new AttributeLimits { MaxAttributeCount = 1 };
        options.Environment = "changed";

        client.RecordSpan(null, TestClients.Span(model: "gpt-4o", inputTokens: 1_000_000, outputTokens: 0, attributes: new() { ["long"] = "abcdef" }));
        client.RecordSpan(null, TestClients.Span(model: "gpt-4o-mini"));
        await client.FlushAsync();

        Assert.Equal("original", client.Settings.ServiceName);
        Assert.Equal("production", client.Settings.Environment);
        var resource = OtlpIngestParser.Parse(exporter.Bodies[0])[0].Resource.Attributes;
        Assert.Equal("original", resource["service.name"]);
        Assert.Equal("production", resource["deployment.environment"]);
        var spans = exporter.Spans;
        Assert.Equal(2.5, (double)spans[0]["llm.cost.total_usd"]!, 12);
        Assert.Equal("eu", spans[0]["region"]);
        Assert.Null(spans[0]["added"]);
        Assert.Equal("abcdef", spans[0]["long"]);
        Assert.Null(spans[1]["llm.cost.total_usd"]);
    }

    public static TheoryData<Action<TracenticOptions>, string> InvalidOptions => new()
    {
        { o => o.ServiceName = "", "ServiceName" },
        { o => o.ServiceName = "   ", "ServiceName" },
        { o => o.ServiceName = null!, "ServiceName" },
        { o => o.Environment = "", "Environment" },
        { o => o.Environment = null!, "Environment" },
        { o => o.Endpoint = "", "Endpoint" },
        { o => o.Endpoint = null!, "Endpoint" },
        { o => o.Endpoint = "tracentic.dev", "Endpoint" },
        { o => o.Endpoint = "ftp://tracentic.dev", "Endpoint" },
        { o => o.Endpoint = "/v1/ingest", "Endpoint" },
        { o => o.ExportTimeout = TimeSpan.Zero, "ExportTimeout" },
        { o => o.ExportTimeout = TimeSpan.FromSeconds(-1), "ExportTimeout" },
        { o => o.BatchDelay = TimeSpan.Zero, "BatchDelay" },
        { o => o.QueueCapacity = 0, "QueueCapacity" },
        { o => o.QueueCapacity = -1, "QueueCapacity" },
        { o => o.MaxBatchSize = 0, "MaxBatchSize" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void An_invalid_option_throws_an_ArgumentException_naming_it(Action<TracenticOptions> configure, string option)
    {
        var options = new TracenticOptions();
        configure(options);

        var ex = Assert.ThrowsAny<ArgumentException>(() => TracenticSdk.Create(options));

        Assert.Equal(option, ex.ParamName);
        Assert.Contains("TracenticOptions." + option, ex.Message);
    }

    [Fact]
    public void Null_options_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => TracenticSdk.Create(null!));
    }

    [Theory]
    [InlineData("trk_live_abc\n", "line break")]
    [InlineData("trk_live_abc\r\n", "line break")]
    [InlineData("trk_live\rabc", "line break")]
    [InlineData("trk_live_\u00e9abc", "non-ASCII")]
    [InlineData("trk_live_\u043a\u043b\u044e\u0447", "non-ASCII")]
    [InlineData("trk_live_\u0000abc", "non-printable")]
    [InlineData("trk_live_\tabc", "non-printable")]
    public void An_API_key_that_would_break_the_header_is_rejected_with_the_reason(string apiKey, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => TracenticSdk.Create(new TracenticOptions { ApiKey = apiKey }));

        Assert.Equal("ApiKey", ex.ParamName);
        Assert.Contains(reason, ex.Message);
        Assert.Contains("TracenticOptions.ApiKey", ex.Message);
        Assert.DoesNotContain("trk_live", ex.Message); // the key itself is never echoed
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_API_key_means_record_locally_without_exporting(string? apiKey)
    {
        var settings = new TracenticSettings(new TracenticOptions { ApiKey = apiKey });

        Assert.Null(settings.ApiKey);
    }

    [Fact]
    public void Surrounding_spaces_are_trimmed_from_the_API_key()
    {
        Assert.Equal("trk_live_abc", new TracenticSettings(new TracenticOptions { ApiKey = "  trk_live_abc " }).ApiKey);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(1, -0.01)]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.PositiveInfinity)]
    public void Model_prices_must_be_finite_and_not_negative(double input, double output)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelPricing(input, output));
    }

    [Fact]
    public void A_service_version_defaults_to_the_entry_assembly_version_and_can_be_set()
    {
        Assert.Equal("4.5.6", new TracenticSettings(new TracenticOptions { ServiceVersion = "4.5.6" }).ServiceVersion);
        Assert.False(string.IsNullOrEmpty(new TracenticSettings(new TracenticOptions()).ServiceVersion));
    }
}
