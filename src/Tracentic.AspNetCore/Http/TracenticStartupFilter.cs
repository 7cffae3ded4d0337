using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Tracentic.AspNetCore.Http;

/// <summary>
/// Places the request middleware first in the pipeline, unless the application placed it itself with
/// <c>app.UseTracentic()</c> (e.g. after authentication): then the automatic one steps aside.
/// </summary>
internal sealed class TracenticStartupFilter : IStartupFilter
{
    /// <summary>Set in <see cref="IApplicationBuilder.Properties"/> by <c>UseTracentic</c>.</summary>
    internal const string PlacedExplicitlyKey = "Tracentic.AspNetCore.UseTracentic";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var placedExplicitly = false;

        // Components are composed when the pipeline is built, after the application has configured it, so by
        // then we know whether UseTracentic was called. WebApplication copies its properties to this builder.
        app.Use(inner => placedExplicitly ? inner : TracenticRequestMiddleware.Create(app.ApplicationServices, inner, placedExplicitly: false));
        next(app);
        placedExplicitly = app.Properties.ContainsKey(PlacedExplicitlyKey);
    };
}
