using Tracentic.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracentic.AspNetCore.Configuration;
using Tracentic.AspNetCore.Tests.Infrastructure;
using Tracentic.Instrumentation;
using Tracentic.Testing;

namespace Tracentic.AspNetCore.Tests;

public sealed class RegistrationTests : ProcessWideTest
{
    [Fact]
    public async Task The_injected_engine_is_a_singleton_and_the_process_wide_instance()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup());

        var injected = app.App.Services.GetRequiredService<ITracentic>();
        Assert.Same(injected, app.App.Services.GetRequiredService<ITracentic>());
        Assert.Same(injected, TracenticSdk.Current);
        using (var scope = app.App.Services.CreateScope())
        {
            Assert.Same(injected, scope.ServiceProvider.GetRequiredService<ITracentic>());
        }

        // Injected code and generated wrappers record through the same engine, so both reach the same exporter.
        injected.RecordSpan(Spans.Call(new() { ["via"] = "injected" }));
        using (TracenticInstrumentation.EnterScope("generated-scope"))
        {
            TracenticSdk.Current.RecordSpan(Spans.Call(new() { ["via"] = "process-wide" }));
        }

        var spans = await app.FlushAsync();
        Assert.Equal(["injected", "process-wide"], spans.Select(s => (string)s["via"]!).Order());
        Assert.Equal("generated-scope", spans.Single(s => (string)s["via"]! == "process-wide").ScopeName);
    }

    [Fact]
    public async Task The_engine_logs_through_the_hosts_logger_factory()
    {
        // No API key and no test exporter: the engine says once that it records without exporting.
        await using var app = await TestApp.StartAsync(new TestAppSetup { ExportInMemory = false });

        var entry = Assert.Single(app.Logs.Entries, e => e.Category == "Tracentic" && e.Message.Contains("no ApiKey configured", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, entry.Level);
    }

    [Fact]
    public async Task Stopping_the_host_flushes_and_shuts_the_engine_down()
    {
        var app = await TestApp.StartAsync(new TestAppSetup
        {
            // Only a flush can deliver the span before the batch delay elapses.
            Configure = o => o.BatchDelay = TimeSpan.FromHours(1),
        });
        var engine = app.Engine;
        engine.RecordSpan(Spans.Call(new() { ["at"] = "before-stop" }));
        Assert.Empty(app.Exporter.Spans);

        await app.App.StopAsync();

        Assert.Equal("before-stop", Assert.Single(app.Exporter.Spans)["at"]);
        Assert.False(TracenticSdk.IsConfigured);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task With_ProcessWide_off_the_host_leaves_the_process_wide_instance_alone()
    {
        var (owner, ownerExporter) = InMemoryExporter.CreateClient();
        TracenticSdk.Install(owner);

        await using (var app = await TestApp.StartAsync(new TestAppSetup { Web = o => o.ProcessWide = false }))
        {
            Assert.NotSame(owner, app.Engine);
            Assert.Same(owner, TracenticSdk.Current);
        }

        // The other host stopped its own engine only.
        Assert.Same(owner, TracenticSdk.Current);
        owner.RecordSpan(Spans.Call());
        await owner.FlushAsync();
        Assert.Single(ownerExporter.Spans);
        await owner.ShutdownAsync();
    }

    [Fact]
    public void Calling_AddTracentic_twice_registers_once_and_keeps_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTracentic(o => o.ServiceName = "first");
        services.AddTracentic(o => o.Environment = "staging");

        Assert.Single(services, d => d.ServiceType == typeof(ITracentic));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.AspNetCore.Hosting.IStartupFilter));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TracenticOptions>>().Value;
        Assert.Equal("first", options.ServiceName);
        Assert.Equal("staging", options.Environment);
    }

    [Fact]
    public async Task A_configuration_section_is_read_key_by_key()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Configuration = new()
            {
                ["Tracentic:ApiKey"] = "key-from-config",
                ["Tracentic:ServiceName"] = "rag-api",
                ["Tracentic:ServiceVersion"] = "1.2.3",
                ["Tracentic:Endpoint"] = "http://127.0.0.1:9/",
                ["Tracentic:Environment"] = "staging",
                ["Tracentic:ExportTimeout"] = "00:00:07",
                ["Tracentic:BatchDelay"] = "00:00:00.050",
                ["Tracentic:QueueCapacity"] = "4096",
                ["Tracentic:MaxBatchSize"] = "64",
                ["Tracentic:Debug"] = "true",
                ["Tracentic:LinkIncomingScope"] = "true",
                ["Tracentic:GlobalAttributes:region"] = "eu-west-1",
                ["Tracentic:GlobalAttributes:team"] = "search",
                ["Tracentic:CustomPricing:gpt-4o:InputPerMillion"] = "2.5",
                ["Tracentic:CustomPricing:gpt-4o:OutputPerMillion"] = "10",
                ["Tracentic:CustomPricing:claude-sonnet-4:InputPerMillion"] = "3",
                ["Tracentic:CustomPricing:claude-sonnet-4:OutputPerMillion"] = "15",
                ["Tracentic:CustomPricing:claude-sonnet-4:CacheReadPerMillion"] = "0.3",
                ["Tracentic:CustomPricing:claude-sonnet-4:CacheWritePerMillion"] = "3.75",
                ["Tracentic:CustomPricing:claude-sonnet-4:ReasoningPerMillion"] = "20",
                ["Tracentic:CaptureMessageContent"] = "true",
                ["Tracentic:MaxMessageContentLength"] = "500",
                ["Tracentic:AttributeLimits:MaxAttributeCount"] = "64",
                ["Tracentic:AttributeLimits:MaxStringValueLength"] = "1000",
            },
        });

        var options = app.App.Services.GetRequiredService<IOptions<TracenticOptions>>().Value;
        Assert.Equal("key-from-config", options.ApiKey);
        Assert.Equal("rag-api", options.ServiceName);
        Assert.Equal("1.2.3", options.ServiceVersion);
        Assert.Equal("http://127.0.0.1:9/", options.Endpoint);
        Assert.Equal("staging", options.Environment);
        Assert.Equal(TimeSpan.FromSeconds(7), options.ExportTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.BatchDelay);
        Assert.Equal(4096, options.QueueCapacity);
        Assert.Equal(64, options.MaxBatchSize);
        Assert.True(options.Debug);
        Assert.True(app.App.Services.GetRequiredService<IOptions<TracenticAspNetCoreOptions>>().Value.LinkIncomingScope);
        Assert.Equal(new ModelPricing(2.5, 10), options.CustomPricing!["gpt-4o"]);
        Assert.Equal(new ModelPricing(3, 15) { CacheReadPerMillion = 0.3, CacheWritePerMillion = 3.75, ReasoningPerMillion = 20 }, options.CustomPricing!["claude-sonnet-4"]);
        Assert.True(options.CaptureMessageContent);
        Assert.Equal(500, options.MaxMessageContentLength);
        Assert.Equal(64, options.AttributeLimits.MaxAttributeCount);
        Assert.Equal(1000, options.AttributeLimits.MaxStringValueLength);

        // What the engine exports reflects it: resource, global attributes, cost.
        app.Engine.RecordSpan(Spans.Call());
        var span = Assert.Single(await app.FlushAsync());
        Assert.Equal("eu-west-1", span["region"]);
        Assert.Equal("search", span["team"]);
        Assert.Equal(10 / 1e6 * 2.5 + 5 / 1e6 * 10, (double)span["llm.cost.total_usd"]!, 12);
        var resource = OtlpIngestParser.Parse(app.Exporter.Bodies[0])[0].Resource.Attributes;
        Assert.Equal("rag-api", resource["service.name"]);
        Assert.Equal("1.2.3", resource["service.version"]);
        Assert.Equal("staging", resource["deployment.environment"]);
    }

    [Fact]
    public async Task Environment_variables_fill_what_configuration_leaves_empty()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Configuration = new()
            {
                ["Tracentic:ServiceName"] = "from-config",
                ["Tracentic:ApiKey"] = "",
                ["Tracentic:Environment"] = "  ",
                ["Tracentic:ExportTimeout"] = "",
                ["Tracentic:QueueCapacity"] = "",
                ["Tracentic:Debug"] = "",
            },
            Environment = new()
            {
                ["TRACENTIC_API_KEY"] = "key-from-env",
                ["TRACENTIC_SERVICE_NAME"] = "from-env",
                ["TRACENTIC_ENVIRONMENT"] = "staging",
                ["TRACENTIC_ENDPOINT"] = "http://127.0.0.1:9",
            },
        });

        var options = app.App.Services.GetRequiredService<IOptions<TracenticOptions>>().Value;
        Assert.Equal("from-config", options.ServiceName);
        Assert.Equal("key-from-env", options.ApiKey);
        Assert.Equal("staging", options.Environment);
        Assert.Equal("http://127.0.0.1:9", options.Endpoint);
        Assert.Equal(new TracenticOptions().ExportTimeout, options.ExportTimeout); // empty values of any type count as unset
        Assert.Equal(100_000, options.QueueCapacity); // as the test app sets it before the section is read
        Assert.False(options.Debug);
    }

    [Fact]
    public async Task Settings_made_in_code_win_over_environment_variables()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Environment = new() { ["TRACENTIC_SERVICE_NAME"] = "from-env", ["TRACENTIC_ENVIRONMENT"] = "staging" },
            Configure = o => o.ServiceName = "from-code",
        });

        var options = app.App.Services.GetRequiredService<IOptions<TracenticOptions>>().Value;
        Assert.Equal("from-code", options.ServiceName);
        Assert.Equal("staging", options.Environment);
    }

    public static TheoryData<string> EnvironmentVariables => [.. TracenticEnvironment.Variables.Select(v => v.Variable)];

    [Theory]
    [MemberData(nameof(EnvironmentVariables))]
    public async Task An_environment_variable_fills_its_setting_and_configuration_and_code_override_it(string variable)
    {
        var (_, setting, apply) = TracenticEnvironment.Variables.Single(v => v.Variable == variable);
        var environment = new Dictionary<string, string> { [variable] = "http://env.example/" };
        var read = typeof(TracenticOptions).GetProperty(setting)!;

        Assert.Equal("http://env.example/", read.GetValue(await Options(new TestAppSetup { Environment = environment })));
        Assert.Equal("http://config.example/", read.GetValue(await Options(new TestAppSetup
        {
            Environment = environment,
            Configuration = new() { ["Tracentic:" + setting] = "http://config.example/" },
        })));
        Assert.Equal("http://code.example/", read.GetValue(await Options(new TestAppSetup
        {
            Environment = environment,
            Configuration = new() { ["Tracentic:" + setting] = "http://config.example/" },
            Configure = o => apply(o, "http://code.example/"),
        })));

        static async Task<TracenticOptions> Options(TestAppSetup setup)
        {
            await using var app = await TestApp.StartAsync(setup);
            return app.App.Services.GetRequiredService<IOptions<TracenticOptions>>().Value;
        }
    }

    [Fact]
    public async Task The_standard_OTLP_output_can_be_set_in_configuration()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup
        {
            Configuration = new()
            {
                ["Tracentic:Otlp:Endpoint"] = "http://127.0.0.1:4318",
                ["Tracentic:Otlp:Headers:api-key"] = "secret",
            },
        });

        var otlp = app.App.Services.GetRequiredService<IOptions<TracenticOptions>>().Value.Otlp;
        Assert.NotNull(otlp);
        Assert.Equal("http://127.0.0.1:4318", otlp.Endpoint);
        Assert.Equal("secret", otlp.Headers!["api-key"]);
    }

    [Fact]
    public void The_options_pattern_configures_TracenticOptions_as_AddTracentic_does()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new TracenticEnvironment(_ => null));
        services.AddTracentic();
        services.Configure<TracenticOptions>(o => o.ServiceName = "configured");
        services.PostConfigure<TracenticOptions>(o => o.Environment = "post-configured");

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TracenticOptions>>().Value;
        Assert.Equal("configured", options.ServiceName);
        Assert.Equal("post-configured", options.Environment);
    }

    [Fact]
    public async Task The_hosts_logger_factory_is_not_left_on_the_users_options()
    {
        await using var app = await TestApp.StartAsync(new TestAppSetup());

        var options = app.App.Services.GetRequiredService<IOptions<TracenticOptions>>().Value;
        Assert.Null(options.LoggerFactory);
    }
}
