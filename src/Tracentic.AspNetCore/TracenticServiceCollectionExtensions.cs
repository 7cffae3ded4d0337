using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tracentic;
using Tracentic.AspNetCore;
using Tracentic.AspNetCore.Configuration;
using Tracentic.AspNetCore.Hosting;
using Tracentic.AspNetCore.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tracentic in an application's services.</summary>
public static class TracenticServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Tracentic engine as the <see cref="ITracentic"/> singleton, which is also the process-wide
    /// instance generated <c>[TracenticScope]</c>/<c>[TracenticLlmCall]</c> wrappers record through; logs through
    /// the host's logger factory; flushes and shuts the engine down when the host stops; and adds the
    /// per-request middleware (see <see cref="TracenticAspNetCoreOptions.RequestAttributes"/>). Settings left
    /// unset are filled from <c>TRACENTIC_API_KEY</c>, <c>TRACENTIC_ENDPOINT</c>, <c>TRACENTIC_SERVICE_NAME</c> and
    /// <c>TRACENTIC_ENVIRONMENT</c>; invalid settings fail host startup with a message naming them.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options in code; runs after the environment variables are applied. A
    /// <see cref="TracenticAspNetCoreOptions.CustomPricing"/> dictionary it assigns is copied when this method is called:
    /// later changes to it do not count.</param>
    // The two overloads differ by a required parameter, as Microsoft.Extensions' AddX(services, configure = null)
    // pairs do, so no call is ambiguous; a new optional parameter later goes into a new overload.
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ by a required parameter.")]
    public static IServiceCollection AddTracentic(
        this IServiceCollection services,
        Action<TracenticAspNetCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        if (configure is not null)
        {
            services.Configure(PricingAtRegistration.Wrap(configure));
        }

        return services;
    }

    /// <summary>
    /// Registers Tracentic as <see cref="AddTracentic(IServiceCollection, Action{TracenticAspNetCoreOptions}?)"/>
    /// does, reading settings from a configuration section, typically <c>configuration.GetSection("Tracentic")</c>:
    /// <c>ApiKey</c>, <c>ServiceName</c>, <c>ServiceVersion</c>, <c>Endpoint</c>, <c>Environment</c>,
    /// <c>ExportTimeout</c>, <c>BatchDelay</c>, <c>QueueCapacity</c>, <c>MaxBatchSize</c>, <c>Debug</c>,
    /// <c>LinkIncomingScope</c>, <c>ProcessWide</c>, <c>CaptureMessageContent</c>, <c>MaxMessageContentLength</c>,
    /// <c>GlobalAttributes:{key}</c>, <c>CustomPricing:{model}:InputPerMillion</c>/<c>OutputPerMillion</c> (optionally
    /// <c>CacheReadPerMillion</c>, <c>CacheWritePerMillion</c>, <c>ReasoningPerMillion</c>) and <c>AttributeLimits:*</c>.
    /// Empty values count as unset, so environment variables fill them.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The section holding Tracentic's settings.</param>
    /// <param name="configure">Sets further options in code (e.g. <see cref="TracenticAspNetCoreOptions.RequestAttributes"/>); runs after the section is read.</param>
    // The two overloads differ by a required parameter, as Microsoft.Extensions' AddX(services, configure = null)
    // pairs do, so no call is ambiguous; a new optional parameter later goes into a new overload.
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ by a required parameter.")]
    public static IServiceCollection AddTracentic(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<TracenticAspNetCoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services);
        services.Configure<TracenticAspNetCoreOptions>(options => TracenticSectionBinder.Apply(configuration, options));
        if (configure is not null)
        {
            services.Configure(PricingAtRegistration.Wrap(configure));
        }

        return services;
    }

    private static void AddCore(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(TracenticServicesMarker)))
        {
            return;
        }

        services.AddSingleton<TracenticServicesMarker>();
        services.AddOptions<TracenticAspNetCoreOptions>().ValidateOnStart();
        services.TryAddSingleton(TracenticEnvironment.Process);

        // Registered before any Configure call of the application, so configuration and code override it.
        services.AddSingleton<IConfigureOptions<TracenticAspNetCoreOptions>, TracenticEnvironmentDefaults>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TracenticAspNetCoreOptions>, TracenticOptionsValidator>());

        services.AddSingleton(TracenticEngineFactory.Create);
        services.AddSingleton<IHostedService, TracenticHostedService>();
        services.AddSingleton<IStartupFilter, TracenticStartupFilter>();
    }
}
