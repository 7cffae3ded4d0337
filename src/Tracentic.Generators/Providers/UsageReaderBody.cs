using Tracentic.Generators.Common;

namespace Tracentic.Generators.Providers;

/// <summary>A usage reader's body: locals that hold what several reads share (<c>var usage = response.Usage;</c>), then the result.</summary>
internal sealed record UsageReaderBody(EquatableArray<string> Locals, string Result);
