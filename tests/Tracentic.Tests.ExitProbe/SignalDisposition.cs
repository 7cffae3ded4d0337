using System.Runtime.InteropServices;

/// <summary>Sets a signal's disposition through libc, before the runtime's own signal handling reads it.</summary>
internal static class SignalDisposition
{
    private static readonly nint s_default = 0; // SIG_DFL

    /// <summary>Undoes an inherited SIG_IGN: the signal gets its default action (and any handler registered later).</summary>
    public static void RestoreDefault(PosixSignal signal)
    {
        var number = signal switch
        {
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            PosixSignal.SIGTERM => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "no POSIX number known for this signal"),
        };
        if (OperatingSystem.IsWindows())
        {
            return; // no signal dispositions to inherit
        }

        if (Signal(number, s_default) == -1)
        {
            throw new InvalidOperationException($"signal({number}, SIG_DFL) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    // DllImport (not LibraryImport): blittable arguments, and the probe needs no unsafe code for one call.
    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static extern nint Signal(int signalNumber, nint handler);
}
