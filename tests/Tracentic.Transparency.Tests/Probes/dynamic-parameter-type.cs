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

public static class Overloads
{
    // The user's call binds to Pick(object) at compile time; a wrapper passing a dynamic on would bind at run time
    // and pick Pick(int) for a boxed int (and break trimming and AOT).
    [TracenticScope] public static string Pick(object value) => "object";
    public static string Pick(int value) => "int";
    [TracenticScope] public static string Forward(dynamic value, [TracenticAttribute("v")] dynamic? captured) => "forwarded";
    [TracenticScope] public static void ByRef(ref dynamic value) => value = 1;
    public static string Run() { dynamic boxed = 1; object o = boxed; dynamic r = 2; ByRef(ref r); return Pick(o) + Forward(o, null); }
}
