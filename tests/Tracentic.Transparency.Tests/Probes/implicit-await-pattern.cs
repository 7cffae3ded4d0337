// Annotated GetAwaiter/GetResult/IsCompleted, called implicitly by await.
using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public sealed class Job
{
    [TracenticScope]
    public JobAwaiter GetAwaiter() => new();
}
public readonly struct JobAwaiter : INotifyCompletion
{
    public bool IsCompleted { [TracenticScope] get => true; }

    [TracenticLlmCall(Provider = "probe")]
    public int GetResult() => 1;

    public void OnCompleted(Action continuation) => continuation();
}
public static class Use
{
    public static async Task<int> Run() => await new Job();
}
