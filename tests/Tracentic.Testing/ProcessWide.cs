namespace Tracentic.Testing;

/// <summary>
/// The name of the test collection for tests that touch process-wide state (the configured instance,
/// <see cref="TracenticGlobalContext.Current"/>): they run one at a time, after the parallel ones. xunit 2 reads a
/// collection definition only from the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(ProcessWide.Collection, DisableParallelization = true)]</c> once, with this name.
/// </summary>
internal static class ProcessWide
{
    public const string Collection = "Tracentic process-wide state";
}
