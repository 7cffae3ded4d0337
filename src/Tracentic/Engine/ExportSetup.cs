using Tracentic.Export;
using Tracentic.Core;

namespace Tracentic.Engine;

/// <summary>
/// How an engine's export side is assembled, for the parts that are not user options: the outputs (the Tracentic
/// ingest by default), retry timing, wire bounds and the exit hooks. Tests and the ASP.NET Core integration pass one
/// to the internal <see cref="TracenticEngine"/> constructor; applications never see it.
/// </summary>
internal sealed class ExportSetup
{
    public static readonly ExportSetup Default = new();

    /// <summary>Replaces the Tracentic ingest output; spans are then exported even without an API key.</summary>
    public Func<TracenticSettings, TracenticLog, IExportOutput>? Output { get; init; }

    /// <summary>Replaces the standard OTLP output, which is then added even without <see cref="TracenticOptions.Otlp"/>.</summary>
    public Func<TracenticSettings, TracenticLog, IExportOutput>? SecondOutput { get; init; }

    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    public WireLimits WireLimits { get; init; } = WireLimits.Default;

    /// <summary>Whether process exit, SIGTERM/SIGINT and unhandled exceptions flush this engine.</summary>
    public bool HookExits { get; init; } = true;
}
