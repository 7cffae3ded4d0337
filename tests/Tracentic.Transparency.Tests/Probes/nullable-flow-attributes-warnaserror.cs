// probe: warnaserror
// Every nullable flow attribute on parameters, return values and methods, on scopes and LLM calls alike: the
// wrappers repeat them, so no CS8601/CS8770/CS9159-style warning lands in generated code.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Flow<T>
{
    public string? Field;

    [TracenticScope] public void NotNullIn([NotNull] string? input) { input ??= ""; }
    [TracenticScope] public bool TryGet(int key, [MaybeNullWhen(false)] out T value) { value = default; return false; }
    [TracenticLlmCall(Provider = "probe")] public bool TryAsk([NotNullWhen(true)] out Reply? reply) { reply = new(); return true; }
    [TracenticScope] [DoesNotReturn] public void Fail() => throw new InvalidOperationException();
    [TracenticScope] public void Check([DoesNotReturnIf(false)] bool ok) { if (!ok) throw new InvalidOperationException(); }
    [TracenticScope] [return: NotNullIfNotNull(nameof(x))] public string? Pass(string? x) => x;
    [TracenticLlmCall(Provider = "probe")] [return: MaybeNull] public T Maybe() => default;
    [TracenticScope] [return: NotNull] public T Sure(T fallback) => fallback ?? throw new ArgumentNullException(nameof(fallback));
    [TracenticScope] public void Set([AllowNull] ref T slot, [DisallowNull] T value) => slot = value;
    [TracenticScope] [MemberNotNull(nameof(Field))] public void Init() => Field = "";
    [TracenticScope] [MemberNotNullWhen(true, nameof(Field))] public bool HasField() => Field is not null;
    [TracenticScope] public async Task<string?> LaterAsync([NotNull] string? input) { input ??= ""; await Task.Yield(); return input; }

    public string Use(string? maybe, T item)
    {
        NotNullIn(maybe);
        var length = maybe.Length;
        if (TryGet(1, out var found)) { _ = found; }
        if (TryAsk(out var reply)) { length += reply.Text.Length; }
        Check(length >= 0);
        var passed = Pass("x").Length;
        _ = Maybe();
        _ = Sure(item);
        var slot = item;
        Set(ref slot, item!);
        Init();
        length += Field.Length;
        if (HasField()) { length += Field.Length; }
        _ = LaterAsync(maybe);
        if (length < 0) { Fail(); }
        return (length + passed).ToString();
    }
}
