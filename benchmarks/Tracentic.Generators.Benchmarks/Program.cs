using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tracentic.Generators.Benchmarks -- --filter '*'
// ... -- cpu [name] the generator benchmarks by CPU time, clock and allocations (for a machine shared with busy processes);
//                   a name part ("Realistic", "Library") runs only the matching ones
// ... -- analyzer  the traced-call analyzer's own execution time on the library of LibraryCompileBenchmarks
// ... -- alloc none|otel|scope  time (fastest of alternating rounds), bytes and allocated types of the ChatClientBenchmarks
//                   calls, or of the scope wrapper beside an activity alone, with the OpenTelemetry SDK listening
if (args is ["profile"])
{
    Tracentic.Generators.Benchmarks.ProfileMode.Run();
    return;
}

if (args is ["alloc", ..])
{
    Tracentic.Generators.Benchmarks.AllocMode.Run(args.Length > 1 ? args[1] : "none");
    return;
}

if (args is ["cpu", ..])
{
    Tracentic.Generators.Benchmarks.CpuTimeMode.Run(args.Length > 1 ? args[1] : "");
    return;
}

if (args is ["analyzer"])
{
    await Tracentic.Generators.Benchmarks.AnalyzerTimingMode.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
