using Tracentic;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reads Tracentic's cross-service linking header from an incoming request.</summary>
public static class TracenticHttpContextExtensions
{
    /// <summary>Longest scope id accepted from a header; Tracentic ids are 32 characters.</summary>
    internal const int MaxScopeIdLength = 128;

    /// <summary>
    /// The scope id the caller sent in the <see cref="TracenticHeaders.Scope"/> header, to pass as
    /// <c>parentScopeId</c> to <see cref="ITracentic.Begin"/>; null when the header is absent, empty, longer than
    /// 128 characters or not printable ASCII without spaces. With
    /// <see cref="Tracentic.AspNetCore.TracenticAspNetCoreOptions.LinkIncomingScope"/> on, root scopes begun
    /// during the request are linked to it without calling this.
    /// </summary>
    public static string? GetTracenticScopeId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var value in context.Request.Headers[TracenticHeaders.Scope])
        {
            var id = value?.Trim();
            if (!string.IsNullOrEmpty(id))
            {
                return IsPlausibleScopeId(id) ? id : null;
            }
        }

        return null;
    }

    private static bool IsPlausibleScopeId(string id)
    {
        if (id.Length > MaxScopeIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
