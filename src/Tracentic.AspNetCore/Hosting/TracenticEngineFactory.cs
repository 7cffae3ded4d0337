using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic.AspNetCore.Hosting;

/// <summary>Creates the host's engine from validated options and, unless told otherwise, makes it the process-wide one.</summary>
internal static class TracenticEngineFactory
{
    public static ITracentic Create(IServiceProvider services)
    {
        // Reading Value runs the validators: invalid settings fail here too, with the same message as at startup.
        var sdk = services.GetRequiredService<IOptions<TracenticOptions>>().Value;
        var web = services.GetRequiredService<IOptions<TracenticAspNetCoreOptions>>().Value;

        // ExportSetup is internal: only tests register one (to export in memory). The engine copies its options at
        // creation; borrow the host's logger factory without keeping it on the options the application can read.
        var ownLoggerFactory = sdk.LoggerFactory;
        sdk.LoggerFactory ??= services.GetService<ILoggerFactory>();
        TracenticEngine client;
        try
        {
            client = new TracenticEngine(sdk, services.GetService<ExportSetup>() ?? ExportSetup.Default);
        }
        finally
        {
            sdk.LoggerFactory = ownLoggerFactory;
        }

        if (web.ProcessWide)
        {
            TracenticSdk.Install(client);
        }

        return client;
    }
}
