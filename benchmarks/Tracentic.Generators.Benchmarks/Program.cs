using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tracentic.Generators.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
