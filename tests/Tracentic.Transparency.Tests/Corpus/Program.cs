// The corpus program of the transparency differential. The test compiles these files twice (without the generator:
// the truth; with it) and runs them; every shape writes what happens to the event log, and the logs must be equal.
// Usage: Corpus <log-file> [<ingest-base-url>]   (with a URL, Tracentic is configured against it)
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Tracentic;

namespace Corpus;

/// <summary>Marks a static method (void or Task) as one call shape; shapes run one after another, ordered by name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShapeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Log.Open(args[0]);
        if (args.Length > 1)
        {
            TracenticSdk.Configure(new TracenticOptions
            {
                ApiKey = "difftest",
                ServiceName = "transparency-corpus",
                Endpoint = args[1],
                BatchDelay = TimeSpan.FromMilliseconds(20),
                ExportTimeout = TimeSpan.FromSeconds(10),
            });
        }

        var shapes = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => (Method: m, Shape: m.GetCustomAttribute<ShapeAttribute>()))
            .Where(s => s.Shape is not null)
            .OrderBy(s => s.Shape!.Name, StringComparer.Ordinal)
            .ToList();

        foreach (var (method, shape) in shapes)
        {
            Log.Shape = shape!.Name;
            // Spans recorded during a shape carry its name, so the test can tell which shapes were really traced.
            TracenticGlobalContext.Current.Set("difftest.shape", shape.Name);
            Log.Write("begin");
            try
            {
                var result = method.Invoke(null, null);
                if (result is Task task)
                {
                    if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))) != task)
                    {
                        Log.Write("TIMEOUT: the shape did not finish within 10 s");
                        continue;
                    }

                    await task;
                }

                Log.Write("end");
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                Log.Write("ESCAPED " + Log.Describe(e.InnerException));
            }
            catch (Exception e)
            {
                Log.Write("ESCAPED " + Log.Describe(e));
            }
        }

        Log.Shape = "(exit)";
        TracenticGlobalContext.Current.Remove("difftest.shape");
        // Whatever recording still runs (export of captured arguments) runs now, before the log closes.
        if (TracenticSdk.IsConfigured)
        {
            await TracenticSdk.Current.ShutdownAsync();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Log.Write("done");
        Log.Close();
        return 0;
    }
}

/// <summary>The event log: one line per event, "shape: event". Nothing in it may depend on time, threads or hashes.</summary>
public static class Log
{
    private static readonly object s_gate = new();
    private static StreamWriter? s_writer;

    public static string Shape { get; set; } = "(start)";

    public static void Open(string path) => s_writer = new StreamWriter(path) { AutoFlush = true };

    public static void Close() => s_writer?.Dispose();

    public static void Write(string text)
    {
        lock (s_gate)
        {
            s_writer!.WriteLine(Shape + ": " + text.Replace("\r", "\\r").Replace("\n", "\\n"));
        }
    }

    /// <summary>Writes an event attributed to a named shape whatever runs now (for work that may run late).</summary>
    public static void WriteFor(string shape, string text)
    {
        lock (s_gate)
        {
            s_writer!.WriteLine(shape + ": " + text);
        }
    }

    public static string Describe(Exception e) => e.GetType().FullName + ": " + e.Message;

    /// <summary>An exception's type, message and every frame of its stack trace (method names only, no lines).</summary>
    public static void Exception(string what, Exception e)
    {
        Write(what + " " + Describe(e));
        Write(what + " frames: " + Frames(e));
        if (e is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                Write(what + " inner " + Describe(inner) + " frames: " + Frames(inner));
            }
        }
    }

    public static string Frames(Exception e) =>
        string.Join(" < ", (e.StackTrace ?? "").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.IndexOf(" in ", StringComparison.Ordinal) is var i and > 0 ? l[..i] : l));

    public static string Identity(object? a, object? b) => ReferenceEquals(a, b) ? "same object" : "different object";
}

/// <summary>A small LLM response with token usage, like the providers' own.</summary>
public sealed class Usage
{
    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }
}

public sealed class Reply
{
    public string Text { get; init; } = "";

    public Usage? Usage { get; init; } = new() { InputTokens = 3, OutputTokens = 5 };

    public string? Model { get; init; } = "corpus-model";

    public override string ToString() => "Reply(" + Text + ")";
}

/// <summary>An argument whose ToString throws, as some user types do.</summary>
public sealed class ThrowingToString(string shape)
{
    public override string ToString()
    {
        Log.WriteFor(shape, "ToString called");
        throw new InvalidOperationException("ToString must not be called");
    }
}
