// Type parameters and parameters named like what generated code may use (TResult, TInstance, T0, call, @this).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client<TResult, TInstance>
{
    [TracenticLlmCall(Provider = "probe")]
    public Task<Reply> Ask<T0, TState>(TResult result, TInstance instance, T0 t0, TState call) => Task.FromResult(new Reply());

    public Task Use(TResult r, TInstance i) => Ask(r, i, 0, "s");
}
