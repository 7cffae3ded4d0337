// Type parameter names that clash: type vs method type parameter (`T` in both), and with parameter names.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

#pragma warning disable CS0693 // the method's T hides the type's T: the user's choice, warned about in their own code
public class Box<T>
{
    [TracenticScope]
    public T Echo<T>(T T1, T t) => t;

    [TracenticLlmCall(Provider = "probe")]
    public Reply Mix<U>(T value, U u, int TResult) => new();

    [TracenticScope]
    public TResult Map<TResult>(Func<T, TResult> f, T T) => f(T);

    public void Use(T value) { Echo<string>("a", "b"); Mix(value, 1, 2); Map(v => v, value); }
}
#pragma warning restore CS0693
