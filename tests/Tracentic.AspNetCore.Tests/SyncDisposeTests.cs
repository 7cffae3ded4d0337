using Microsoft.Extensions.DependencyInjection;
using Tracentic.AspNetCore.Tests.Infrastructure;
using Tracentic.Testing;

namespace Tracentic.AspNetCore.Tests;

public class SyncDisposeTests : ProcessWideTest
{
    [Fact]
    public async Task A_provider_disposed_synchronously_shuts_the_engine_down_and_still_delivers_what_was_queued()
    {
        var exporter = new InMemoryExporter();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(exporter.Setup);
        services.AddTracentic(o =>
        {
            o.ServiceName = "sync-dispose";
            o.BatchDelay = TimeSpan.FromMinutes(1); // only shutdown can send it
        });

        ITracentic tracentic;
        using (var provider = services.BuildServiceProvider())
        {
            tracentic = provider.GetRequiredService<ITracentic>();
            var now = DateTimeOffset.UtcNow;
            tracentic.RecordSpan(new TracenticSpan { StartedAt = now, EndedAt = now, Provider = "openai" });
        } // a synchronous Dispose: must not throw, must start the shutdown

        Assert.False(TracenticSdk.IsConfigured);
        await tracentic.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10)); // the shutdown Dispose started
        Assert.Single(exporter.Spans);
    }
}
