// An async void method (TRC104: reported and left unwrapped).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Client
{
    [TracenticScope]
    public async void Fire() => await Task.Yield();

    public void Use() => Fire();
}
