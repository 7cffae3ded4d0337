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
    /// the host's logger factory (unless <see cref="TracenticOptions.LoggerFactory"/> is set); flushes and shuts the
    /// engine down when the host stops; and adds the per-request middleware. The engine's settings are the options
    /// pattern's <see cref="TracenticOptions"/> (<c>IOptions&lt;TracenticOptions&gt;</c>, so
    /// <c>services.Configure&lt;TracenticOptions&gt;(...)</c> works too); what only a web host has is
    /// <see cref="TracenticAspNetCoreOptions"/> (<c>services.Configure&lt;TracenticAspNetCoreOptions&gt;(...)</c>).
    /// <see cref="TracenticOptions.ApiKey"/>, <see cref="TracenticOptions.Endpoint"/>,
    /// <see cref="TracenticOptions.ServiceName"/> and <see cref="TracenticOptions.Environment"/> left unset are filled
    /// from <c>TRACENTIC_API_KEY</c>, <c>TRACENTIC_ENDPOINT</c>, <c>TRACENTIC_SERVICE_NAME</c> and
    /// <c>TRACENTIC_ENVIRONMENT</c>; invalid settings fail host startup with a message naming each of them and where
    /// it can be set.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options in code; runs after the environment variables are applied. A
    /// <see cref="TracenticOptions.CustomPricing"/> dictionary it assigns is copied when this method is called:
    /// later changes to it do not count.</param>
    // The two overloads differ by a required parameter, as Microsoft.Extensions' AddX(services, configure = null)
    // pairs do, so no call is ambiguous; a new optional parameter later goes into a new overload.
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ by a required parameter.")]
    public static IServiceCollection AddTracentic(
        this IServiceCollection services,
        Action<TracenticOptions>? configure = null)
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
    /// Registers Tracentic as <see cref="AddTracentic(IServiceCollection, Action{TracenticOptions}?)"/> does, reading
    /// settings from a configuration section, typically <c>configuration.GetSection("Tracentic")</c>: every property of
    /// <see cref="TracenticOptions"/> under its own name (<c>ApiKey</c>, <c>ServiceName</c>, <c>ExportTimeout</c>,
    /// <c>Otlp:Endpoint</c>, <c>GlobalAttributes:{key}</c>, <c>CustomPricing:{model}:InputPerMillion</c>,
    /// <c>AttributeLimits:MaxKeyLength</c>...) except those only code can set (<c>LoggerFactory</c>,
    /// <c>TimeProvider</c>, <c>HttpMessageHandlerFactory</c>, <c>RedactMessageContent</c>), and the
    /// <see cref="TracenticAspNetCoreOptions"/> keys <c>LinkIncomingScope</c> and <c>ProcessWide</c>. Empty values count
    /// as unset, so environment variables fill them. The section is bound by the configuration binding source
    /// generator: no reflection, trimming- and AOT-safe.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The section holding Tracentic's settings.</param>
    /// <param name="configure">Sets further options in code; runs after the section is read.</param>
    // The two overloads differ by a required parameter, as Microsoft.Extensions' AddX(services, configure = null)
    // pairs do, so no call is ambiguous; a new optional parameter later goes into a new overload.
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ by a required parameter.")]
    public static IServiceCollection AddTracentic(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<TracenticOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services);
        services.AddOptions<TracenticOptions>()
            .Configure<ConfigurationErrors>((options, errors) => TracenticConfiguration.Bind(configuration, options, errors.Of(options)));
        services.AddOptions<TracenticAspNetCoreOptions>()
            .Configure<ConfigurationErrors>((options, errors) => TracenticConfiguration.Bind(configuration, options, errors.Of(options)));
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
        services.AddOptions<TracenticOptions>().ValidateOnStart();
        services.AddOptions<TracenticAspNetCoreOptions>().ValidateOnStart();
        services.TryAddSingleton(TracenticEnvironment.Process);
        services.TryAddSingleton<ConfigurationErrors>();

        // Registered before any Configure call of the application, so configuration and code override it.
        services.AddSingleton<IConfigureOptions<TracenticOptions>, TracenticEnvironmentDefaults>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TracenticOptions>, TracenticOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TracenticAspNetCoreOptions>, TracenticOptionsValidator>());

        services.AddSingleton(TracenticEngineFactory.Create);
        services.AddSingleton<IHostedService, TracenticHostedService>();
        services.AddSingleton<IStartupFilter, TracenticStartupFilter>();
    }
}
