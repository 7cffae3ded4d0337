// Shapes whose signatures carry what the compiler and the trimmer read: nullable flow attributes, trimming and AOT
// annotations, ref-safety attributes. The wrappers repeat them (no diagnostic in generated code, the same user
// diagnostics at the strictest settings: DifferentialTests and the probes check that), and must still call through
// unchanged. Also: a response getter that a program never reads is read at most once by recording.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

public sealed class Annotated
{
    public string? Field;

    [TracenticScope]
    public static void EnsureNotNull([NotNull] ref string? text) => text ??= "filled";

    [TracenticScope]
    public static bool TryFind(int key, [MaybeNullWhen(false)] out string value)
    {
        value = key == 1 ? "one" : null;
        return value is not null;
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static bool TryAsk(string prompt, [NotNullWhen(true)] out Reply? reply)
    {
        reply = prompt.Length > 0 ? new Reply { Text = prompt } : null;
        return reply is not null;
    }

    [TracenticScope]
    [DoesNotReturn]
    public static void Fail(string message) => throw new InvalidOperationException(message);

    [TracenticScope]
    public static void Require([DoesNotReturnIf(false)] bool condition, string what)
    {
        if (!condition)
        {
            throw new ArgumentException(what);
        }
    }

    [TracenticScope]
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Echo(string? text) => text;

    [TracenticScope]
    [return: MaybeNull]
    public static T FirstOrNothing<T>(IReadOnlyList<T> items) => items.Count > 0 ? items[0] : default;

    [TracenticScope]
    public static void Assign([AllowNull] ref string text, [DisallowNull] string? replacement) => text = replacement ?? "";

    [TracenticScope]
    [MemberNotNull(nameof(Field))]
    public void Init() => Field = "initialized";

    [TracenticScope]
    public static string Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        string.Join(",", type.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));

    [TracenticScope]
    public static string PropertiesOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields)] T>() =>
        string.Join(",", typeof(T).GetProperties().Select(p => p.Name).Concat(typeof(T).GetFields().Select(f => f.Name)).Order(StringComparer.Ordinal));

    [TracenticLlmCall(Provider = "corpus")]
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
    public static Type Keep([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) => type;

    [TracenticScope]
    [RequiresUnreferencedCode("reads members by name")]
    [RequiresDynamicCode("makes a generic type at run time")]
    public static string ByName(Type type, string member) => type.GetProperty(member)?.Name ?? "none";

    [TracenticScope]
    public static async IAsyncEnumerable<int> Count([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; ; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    [TracenticLlmCall(Provider = "corpus")]
    public static CountingResponse Respond(string prompt) => new(prompt);

    public sealed class Data
    {
        public int Alpha { get; set; }

        public int Beta { get; set; }

        public int Gamma;
    }
}

/// <summary>A response whose usage is computed on every read, as some SDKs' are: recording reads it at most once.</summary>
public sealed class CountingResponse(string text)
{
    public static int UsageReads;

    public string Text { get; } = text;

    public Usage Usage
    {
        get
        {
            UsageReads++;
            return new Usage { InputTokens = Text.Length, OutputTokens = 2 };
        }
    }
}

public struct UnscopedCounter
{
    private int _value;

    [TracenticScope]
    [UnscopedRef]
    public void Bump(out int before)
    {
        before = _value;
        _value++;
    }

    public readonly int Value => _value;
}

public static class DynamicOverloads
{
    [TracenticScope]
    public static string Describe(dynamic value) => "Describe(dynamic) got " + ((object)value).GetType().Name;

    public static string Describe(int value) => "Describe(int) got " + value;
}

public static class AnnotationShapes
{
    [Shape("arguments.dynamic-parameter-binds-as-written")]
    public static void DynamicParameterBindsAsWritten()
    {
        // Bound at compile time to Describe(dynamic); a wrapper passing its dynamic parameter on would bind at run time
        // and pick Describe(int) for the boxed int.
        object boxed = 1;
        Log.Write(DynamicOverloads.Describe(boxed));
    }

    [Shape("annotations.not-null-ref-parameter")]
    public static void NotNullRefParameter()
    {
        string? text = null;
        Annotated.EnsureNotNull(ref text);
        Log.Write("after: " + text.Length);
    }

    [Shape("annotations.maybe-null-when-out")]
    public static void MaybeNullWhenOut()
    {
        Log.Write("found 1: " + (Annotated.TryFind(1, out var one) ? one.Length.ToString() : "no"));
        Log.Write("found 2: " + (Annotated.TryFind(2, out var two) ? two.Length.ToString() : "no, " + (two is null)));
    }

    [Shape("annotations.not-null-when-out-llm")]
    public static void NotNullWhenOutLlm()
    {
        Log.Write("asked: " + (Annotated.TryAsk("hi", out var reply) ? reply.Text : "no"));
        Log.Write("asked empty: " + (Annotated.TryAsk("", out var none) ? none.Text : "no"));
    }

    [Shape("annotations.does-not-return")]
    public static void DoesNotReturn()
    {
        try
        {
            Annotated.Fail("stop");
        }
        catch (InvalidOperationException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("annotations.does-not-return-if")]
    public static void DoesNotReturnIf()
    {
        Annotated.Require(true, "fine");
        try
        {
            Annotated.Require(false, "not fine");
        }
        catch (ArgumentException e)
        {
            Log.Exception("caught", e);
        }
    }

    [Shape("annotations.not-null-if-not-null-and-maybe-null")]
    public static void NotNullIfNotNull()
    {
        Log.Write("echo: " + Annotated.Echo("x").Length + ", " + (Annotated.Echo(null) is null));
        Log.Write("first: " + Annotated.FirstOrNothing(new[] { "a" }) + ", " + (Annotated.FirstOrNothing(Array.Empty<string>()) is null));
        var text = "before";
        Annotated.Assign(ref text, "after");
        Log.Write("assigned: " + text);
    }

    [Shape("annotations.member-not-null")]
    public static void MemberNotNull()
    {
        var annotated = new Annotated();
        annotated.Init();
        Log.Write("field: " + annotated.Field.Length);
    }

    [Shape("annotations.dynamically-accessed-members")]
    public static void DynamicallyAccessedMembers()
    {
        Log.Write("properties: " + Annotated.Properties(typeof(Annotated.Data)));
        Log.Write("generic: " + Annotated.PropertiesOf<Annotated.Data>());
        Log.Write("kept: " + string.Join(",", Annotated.Keep(typeof(Annotated.Data)).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    [Shape("annotations.requires-unreferenced-code")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "the corpus keeps Data")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "the corpus runs on the JIT")]
    public static void RequiresUnreferencedCode() => Log.Write("by name: " + Annotated.ByName(typeof(Annotated.Data), "Beta"));

    [Shape("annotations.enumerator-cancellation")]
    public static async Task EnumeratorCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        try
        {
            await foreach (var i in Annotated.Count().WithCancellation(cancellation.Token))
            {
                Log.Write("item " + i);
                if (i == 2)
                {
                    cancellation.Cancel();
                }
            }
        }
        catch (OperationCanceledException e)
        {
            Log.Write("cancelled: " + e.GetType().Name);
        }
    }

    [Shape("annotations.unscoped-ref-struct-method")]
    public static void UnscopedRefStructMethod()
    {
        var counter = new UnscopedCounter();
        counter.Bump(out var first);
        counter.Bump(out var second);
        Log.Write($"before: {first}, {second}; now {counter.Value}");
    }

    [Shape("annotations.computed-usage-read-at-most-once")]
    public static void ComputedUsageReadAtMostOnce()
    {
        CountingResponse.UsageReads = 0;
        var response = Annotated.Respond("hello");
        Log.Write("text: " + response.Text);
        Log.Write("usage read at most once by recording: " + (CountingResponse.UsageReads <= 1));
        Log.Write("program's own read: " + response.Usage.InputTokens);
        Log.Write("reads now at most two: " + (CountingResponse.UsageReads <= 2));
    }
}
