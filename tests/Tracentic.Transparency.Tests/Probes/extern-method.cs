// An annotated extern (P/Invoke) method.
using System.Runtime.InteropServices;
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public static class Native
{
    [TracenticScope]
    [DllImport("libc", EntryPoint = "getpid")]
    public static extern int GetPid();

    public static int Use() => GetPid();
}
