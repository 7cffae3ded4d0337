using BenchmarkDotNet.Running;
using Tracentic.Benchmarks;

// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- --filter '*' --job short
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- load --rate 100000 --seconds 5
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- outage --endpoint refused|hang --rate 100000 --seconds 5
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- steady --rate 100000 --seconds 5
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- threads ingest|both --seconds 3
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- queue --rounds 3
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- startup --spans 2048 --rounds 3 --gap 300
// dotnet run -c Release --project benchmarks/Tracentic.Benchmarks -- cores --rounds 3
if (args.Length > 0 && args[0] == "load")
{
    return await LoadTest.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "outage")
{
    return await OutageTest.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "steady")
{
    return await SteadyOutputsTest.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "threads")
{
    return await ThreadCpuTest.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "queue")
{
    return QueueHandoffTest.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "cores")
{
    return CoreLatencyTest.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "startup")
{
    return await StartupBurstTest.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "sink")
{
    return await SinkProcess.ServeAsync(); // the load test's child process
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
