// An annotated user-defined operator (no call to intercept: must be reported, not silently left untraced).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public readonly struct Money
{
    public readonly int Cents;

    public Money(int cents) => Cents = cents;

    [TracenticScope]
    public static Money operator +(Money a, Money b) => new(a.Cents + b.Cents);

    public static Money Sum(Money a, Money b) => a + b;
}
