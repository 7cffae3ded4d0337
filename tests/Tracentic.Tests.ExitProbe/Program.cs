// Records spans and returns from Main without flushing or shutting down: the SDK's process-exit hook
// must deliver them. Used by the exporter tests as a child process.
using Tracentic;

var endpoint = args[0];
var count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);

var tracentic = TracenticSdk.Configure(new TracenticOptions
{
    ApiKey = "exit-probe-key",
    Endpoint = endpoint,
    ServiceName = "exit-probe",
    BatchDelay = TimeSpan.FromMinutes(1), // long enough that only the exit hook can send them
});

var scope = tracentic.Begin("exit-probe");
for (var i = 0; i < count; i++)
{
    var now = DateTimeOffset.UtcNow;
    tracentic.RecordSpan(scope, new TracenticSpan
    {
        StartedAt = now,
        EndedAt = now,
        Provider = "openai",
        Model = "gpt-4o",
        Attributes = new() { ["i"] = i },
    });
}

Console.WriteLine($"recorded {count}");
