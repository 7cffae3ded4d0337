using Microsoft.Extensions.DependencyInjection;
using Tracentic.AspNetCore.Hosting;
using Tracentic.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Places Tracentic's per-request middleware in the pipeline.</summary>
public static class TracenticApplicationBuilderExtensions
{
    /// <summary>
    /// Places the middleware that computes <see cref="Tracentic.AspNetCore.TracenticAspNetCoreOptions.RequestAttributes"/>
    /// and links the incoming scope, at this point of the pipeline: after <c>UseAuthentication()</c>, so the
    /// function sees the request's user. Without this call, <c>AddTracentic</c> places it first in the pipeline;
    /// with it, that automatic placement steps aside. Call it on the main pipeline, not inside a branch
    /// (<c>Map</c>/<c>UseWhen</c>): a branch does not tell the main pipeline, so both would run there.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>services.AddTracentic(...)</c> was not called.</exception>
    public static IApplicationBuilder UseTracentic(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<TracenticServicesMarker>() is null)
        {
            throw new InvalidOperationException(
                "app.UseTracentic() needs the Tracentic services: call builder.Services.AddTracentic(...) when configuring services.");
        }

        app.Properties[TracenticStartupFilter.PlacedExplicitlyKey] = true;
        return app.Use(next => TracenticRequestMiddleware.Create(app.ApplicationServices, next, placedExplicitly: true));
    }
}
