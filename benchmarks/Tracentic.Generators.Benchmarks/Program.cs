using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tracentic.Generators.Benchmarks -- --filter '*'
if (args is ["profile"])
{
    Tracentic.Generators.Benchmarks.ProfileMode.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
