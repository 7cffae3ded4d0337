// Captured parameters of value types: int, Guid, enum, nullable, user struct, tuple, pointer-free generic T.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public enum Tier { Free, Pro }
public struct Point { public int X; }
public class Client
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Ask([TracenticModel] int model, [TracenticAttribute] Guid id, [TracenticAttribute] Tier tier, [TracenticAttribute] int? maybe,
        [TracenticAttribute] Point point, [TracenticAttribute] (int A, string B) pair) => new();

    [TracenticScope]
    public T Echo<T>([TracenticAttribute("value")] T value, [TracenticCorrelationId] T id) => value;

    public void Use() { Ask(1, Guid.Empty, Tier.Pro, null, new Point(), (1, "b")); Echo(1, 2); Echo<string?>(null, "x"); }
}
