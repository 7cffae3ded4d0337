using Tracentic.Core;
using Tracentic.Engine;

namespace Tracentic;

/// <summary>Creates Tracentic instances and holds the process-wide one that generated wrappers record through.</summary>
public static class TracenticSdk
{
    private static TracenticEngine? s_instance;

    /// <summary>Creates an independent instance. The options are validated and copied.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and says what to do.</exception>
    public static ITracentic Create(TracenticOptions options) => new TracenticEngine(options);

    /// <summary>
    /// Creates an instance and makes it the process-wide one (<see cref="Current"/>), which
    /// <c>[TracenticScope]</c> and <c>[TracenticLlmCall]</c> wrappers use. A previously configured
    /// instance is shut down in the background, delivering what it had queued.
    /// </summary>
    public static ITracentic Configure(TracenticOptions options)
    {
        var client = new TracenticEngine(options);
        Install(client);
        return client;
    }

    /// <summary>The process-wide instance set by <see cref="Configure"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing is configured yet.</exception>
    public static ITracentic Current => Instance ?? throw new InvalidOperationException(
        "Tracentic is not configured. Call TracenticSdk.Configure(new TracenticOptions { ApiKey = ..., ServiceName = ... }) " +
        "at startup (in ASP.NET Core: services.AddTracentic(...)), or use an instance from TracenticSdk.Create.");

    /// <summary>Whether a process-wide instance is configured.</summary>
    public static bool IsConfigured => Instance is not null;

    // What generated wrappers read: null means "not configured, call the user's method directly".
    internal static TracenticEngine? Instance => Volatile.Read(ref s_instance);

    internal static void Install(TracenticEngine? client)
    {
        var previous = Interlocked.Exchange(ref s_instance, client);
        if (previous is not null && !ReferenceEquals(previous, client))
        {
            _ = previous.ShutdownAsync();
        }
    }

    internal static void Uninstall(TracenticEngine client) => Interlocked.CompareExchange(ref s_instance, null, client);
}
