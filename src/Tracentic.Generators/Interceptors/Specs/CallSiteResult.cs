using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// The parser's answer for one call: a call to wrap, or a fault in the generator itself (which becomes TRC109).
/// Calls that cannot be wrapped yield no result at all; the analyzer says why.
/// </summary>
internal sealed record CallSiteResult(CallSiteSpec? Site, DiagnosticInfo? Fault);
