// Parameters and returns of type dynamic, called with static arguments.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public dynamic Echo(dynamic value) => value;

    [TracenticLlmCall(Provider = "probe")]
    public Task<dynamic> Later(object o) => Task.FromResult<dynamic>(o);

    public async Task Use() { object r = Echo((object)1); object l = await Later(2); }
}
