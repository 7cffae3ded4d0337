using Tracentic.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tracentic's scope propagation to clients from IHttpClientFactory.</summary>
public static class TracenticHttpClientBuilderExtensions
{
    /// <summary>
    /// Sends the ambient scope's id in the <see cref="Tracentic.TracenticHeaders.Scope"/> header of every request
    /// this client makes (see <see cref="TracenticScopePropagationHandler"/>), so a receiving service with
    /// <see cref="TracenticAspNetCoreOptions.LinkIncomingScope"/> on links its scopes to the caller's.
    /// Only add it to clients that call your own services: the header reveals a scope id.
    /// </summary>
    public static IHttpClientBuilder AddTracenticScopePropagation(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHttpMessageHandler(static () => new TracenticScopePropagationHandler());
    }
}
