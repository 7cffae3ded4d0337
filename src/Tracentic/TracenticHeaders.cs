using System.ComponentModel;

namespace Tracentic;

/// <summary>Header and message-property names used to link scopes across services.</summary>
public static class TracenticHeaders
{
    /// <summary>
    /// Carries the sending scope's id; the receiving side passes it to <c>Begin(..., parentScopeId:)</c>.
    /// Use this constant on both ends: a typo in a literal silently breaks linking (analyzer TRC001).
    /// </summary>
    public const string Scope = "x-tracentic-scope-id";

    /// <summary>Same as <see cref="Scope"/>; kept for source compatibility with the Tracentic .NET SDK.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public const string ScopeId = Scope;
}
