using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tracentic.Generators.Benchmarks -- --filter '*'
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
