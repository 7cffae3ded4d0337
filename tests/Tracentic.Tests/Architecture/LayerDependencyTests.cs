using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Tracentic.Tests.Architecture;

/// <summary>
/// The engine's folders depend one way, toward the recording core (docs/architecture.md, "Layers"): read from the
/// compiled assembly, so every use counts (signatures, fields, locals, and the types and members each method body
/// touches), not only what the source spells out.
/// </summary>
public class LayerDependencyTests
{
    /// <summary>What each layer may use besides itself. The public types at the root are the API every layer may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Tracentic.Core"] = ["Tracentic"],
        ["Tracentic.Telemetry"] = ["Tracentic", "Tracentic.Core"],
        ["Tracentic.Export"] = ["Tracentic", "Tracentic.Core"],
        ["Tracentic.Engine"] = ["Tracentic", "Tracentic.Core", "Tracentic.Telemetry", "Tracentic.Export"],
        ["Tracentic.Instrumentation"] = ["Tracentic", "Tracentic.Core", "Tracentic.Telemetry", "Tracentic.Export", "Tracentic.Engine"],
        ["Tracentic"] = ["Tracentic.Core", "Tracentic.Telemetry", "Tracentic.Export", "Tracentic.Engine"],
    };

    [Fact]
    public void Every_layer_uses_only_the_layers_below_it()
    {
        var uses = LayerUses.Of(typeof(ITracentic).Assembly.Location);

        var violations = uses
            .Where(use => !Allowed[use.From].Contains(use.To))
            .Select(use => $"{use.FromType} ({use.From}) uses {use.ToType} ({use.To})")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, "dependencies against the direction:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_check_sees_uses_in_signatures_and_in_method_bodies()
    {
        var uses = LayerUses.Of(typeof(ITracentic).Assembly.Location);

        // The engine queues spans (a method body) and holds its pipeline (a field); telemetry reads recorded calls (a parameter).
        Assert.Contains(uses, use => use.FromType == "Tracentic.Engine.TracenticEngine" && use.ToType == "Tracentic.Export.ExportPipeline");
        Assert.Contains(uses, use => use.FromType == "Tracentic.Telemetry.LlmCallTelemetry" && use.ToType == "Tracentic.Core.RecordedCall");
        Assert.All(uses, use => Assert.True(Allowed.ContainsKey(use.From), $"{use.FromType} is in no layer"));
    }
}
