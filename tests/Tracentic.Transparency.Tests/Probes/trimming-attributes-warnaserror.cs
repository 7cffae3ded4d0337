// probe: warnaserror
// Trimming and AOT annotations on parameters, return values, generic parameters, methods and classes, through public
// and private (UnsafeAccessor) members: the wrappers repeat them, so no IL2067/IL2026/IL3050 lands in generated code
// and the user's own handling (a [RequiresUnreferencedCode] caller, a suppression) still covers the call.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Reflector
{
    [TracenticScope] public static string[] Props([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) => type.GetProperties().Select(p => p.Name).ToArray();
    [TracenticScope] public static string[] PropsOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>() => typeof(T).GetProperties().Select(p => p.Name).ToArray();
    [TracenticLlmCall(Provider = "probe")] [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] public Type Keep([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type;
    [TracenticScope] private static int Fields([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.NonPublicFields)] Type type) => type.GetFields().Length;
    [TracenticScope] [RequiresUnreferencedCode("by name")] public static string? ByName(Type type, string name) => type.GetProperty(name)?.Name;
    [TracenticScope] [RequiresDynamicCode("makes a generic type")] public static Type ListOf(Type item) => typeof(System.Collections.Generic.List<>).MakeGenericType(item);
    [TracenticScope] [RequiresAssemblyFiles("reads the location")] public static string Where() => typeof(Reflector).Assembly.Location;

    public string Use(Type type)
    {
        var count = Props(typeof(Reply)).Length + PropsOf<Reply>().Length + Keep(typeof(Reply)).GetMethods().Length + Fields(typeof(Reply));
        return count.ToString() + Suppressed();
    }

    [RequiresUnreferencedCode("calls ByName")]
    [RequiresDynamicCode("calls ListOf")]
    [RequiresAssemblyFiles("calls Where")]
    public static string Handled() => ByName(typeof(Reply), "Text") + ListOf(typeof(int)).Name + Where();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "probe")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "probe")]
    public static string Suppressed() => ByName(typeof(Reply), "Text") + ListOf(typeof(int)).Name;
}

public class Holder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>
{
    [TracenticScope] public T Make() => Activator.CreateInstance<T>();
}

[RequiresUnreferencedCode("the whole class reflects")]
public static class Reflecting
{
    [TracenticScope] public static int Count(Type type) => type.GetMembers().Length;
}

public static class Caller
{
    public static int Run() => new Holder<Reply>().Make().Text.Length;

    [RequiresUnreferencedCode("calls Reflecting")]
    public static int Reflect() => Reflecting.Count(typeof(Reply));
}
