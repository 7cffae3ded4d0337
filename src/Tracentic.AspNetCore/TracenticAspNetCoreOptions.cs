using Microsoft.AspNetCore.Http;

namespace Tracentic.AspNetCore;

/// <summary>
/// What only a web host has: per-request attributes, incoming scope linking and whether the host's engine is the
/// process-wide one. The engine's own settings are <see cref="TracenticOptions"/>, configured by
/// <c>services.AddTracentic(...)</c>; these are configured with <c>services.Configure&lt;TracenticAspNetCoreOptions&gt;(...)</c>
/// and read from the same configuration section (<c>LinkIncomingScope</c>, <c>ProcessWide</c>).
/// </summary>
public sealed class TracenticAspNetCoreOptions
{
    /// <summary>
    /// Computes the attributes of one request (user id, tenant, route...). Called once per request, after the
    /// middleware placed by <c>app.UseTracentic()</c> is reached (or first in the pipeline when it is not
    /// used). The values apply to spans recorded while that request runs, and only to them; a null value
    /// hides a global attribute of the same key for that request. Returning null adds nothing. If the
    /// function throws, the request proceeds without request attributes and a warning is logged.
    /// </summary>
    /// <example><code>
    /// options.RequestAttributes = context => new()
    /// {
    ///     ["user_id"] = context.User.FindFirst("sub")?.Value,
    ///     ["tenant"] = context.Request.Headers["x-tenant"].ToString(),
    /// };
    /// </code></example>
    public Func<HttpContext, Dictionary<string, object?>?>? RequestAttributes { get; set; }

    /// <summary>
    /// When true, a <see cref="TracenticHeaders.Scope"/> header on an incoming request becomes the parent of the
    /// root scopes begun during that request (<c>[TracenticScope]</c> methods and <c>Begin</c> without an ambient
    /// scope), linking them to the calling service's scope. Off by default: turn it on for services called by
    /// your own services, since any client can send the header (configuration key <c>LinkIncomingScope</c>).
    /// </summary>
    public bool LinkIncomingScope { get; set; }

    /// <summary>
    /// Whether this host's engine becomes the process-wide instance (<see cref="TracenticSdk.Current"/>) that
    /// <c>[TracenticScope]</c> and <c>[TracenticLlmCall]</c> wrappers record through. Default true. Turn it off
    /// only for an additional host in the same process (integration tests), so it does not replace, and shut
    /// down, the engine of the host that owns the process-wide instance (configuration key <c>ProcessWide</c>).
    /// </summary>
    public bool ProcessWide { get; set; } = true;
}
