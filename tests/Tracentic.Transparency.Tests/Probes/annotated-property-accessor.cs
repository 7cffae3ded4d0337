// [TracenticScope] on a property getter (AttributeTargets.Method allows it): a use cannot be intercepted as a call.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    public int Value
    {
        [TracenticScope]
        get => 1;
    }

    public int Use() => Value;
}
