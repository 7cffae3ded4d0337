using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// Small conversions generated readers use on provider values: enum names as the wire spells them, enum-like SDK
/// values as their plain string, text spread over a collection. None of them throws.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProviderValues
{
    /// <summary>Whether the configured instance records message content (read before reading a whole response's text).</summary>
    public static bool CapturingContent => TracenticSdk.Instance?.CapturesContent ?? false;

    /// <summary>Reads a string from a request argument, or null when the argument is null or the read throws.</summary>
    public static string? Read<T>(T value, Func<T, string?> read)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return Plain(read(value));
        }
        catch (Exception)
        {
            return null; // a request the SDK cannot read must not fail the user's call
        }
    }

    /// <summary>
    /// A request's <c>float</c> parameter as the <c>double</c> it was written as: <c>0.7f</c> is recorded as 0.7, not as
    /// 0.699999988079071 (the float's exact value, which a plain conversion gives).
    /// </summary>
    public static double? Number(float? value) =>
        value is { } number && float.IsFinite(number) && Math.Abs(number) < 1e15f ? (double)(decimal)number : value;

    /// <inheritdoc cref="Number(float?)"/>
    public static double? Number(double? value) => value;

    /// <inheritdoc cref="Number(float?)"/>
    public static double? Number(decimal? value) => (double?)value;

    /// <summary>A copy of a request's list of strings (stop sequences), nulls left out; null when there is none.</summary>
    public static string[]? Strings(IList<string>? values) =>
        values is null ? null : Strings(values as IReadOnlyList<string> ?? [.. values]); // lists and arrays are both

    /// <inheritdoc cref="Strings(IList{string}?)"/>
    public static string[]? Strings(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var copy = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                copy.Add(value);
            }
        }

        return copy.Count == 0 ? null : [.. copy];
    }

    /// <inheritdoc cref="Strings(IList{string}?)"/>
    public static string[]? Strings(string[]? values) => Strings((IReadOnlyList<string>?)values);

    /// <summary>An enum value as providers spell it on the wire: <c>ContentFilter</c> → <c>content_filter</c>.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => SnakeCase(value.ToString());

    /// <inheritdoc cref="Name{TEnum}(TEnum)"/>
    public static string? Name<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } present ? Name(present) : null;

    /// <summary>
    /// A value's plain string: SDK enum-like types print themselves as JSON (<c>"claude-sonnet-4-20250514"</c>,
    /// quotes included), which is unquoted here; anything else is returned as it is.
    /// </summary>
    public static string? Plain(string? value)
    {
        if (value is not { Length: >= 2 } || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>The text of every item, concatenated; null when there is none. One item's text is returned as is.</summary>
    public static string? Concat<T>(IEnumerable<T>? items, Func<T, string?> text)
    {
        if (items is null)
        {
            return null;
        }

        string? single = null;
        StringBuilder? builder = null;
        foreach (var item in items)
        {
            if (item is null || text(item) is not { Length: > 0 } part)
            {
                continue;
            }

            if (single is null)
            {
                single = part;
            }
            else
            {
                builder ??= new StringBuilder(single);
                builder.Append(part);
            }
        }

        return builder?.ToString() ?? single;
    }

    /// <summary>The first count an item has, e.g. the usage item among a stream update's contents.</summary>
    public static long? First<T>(IEnumerable<T>? items, Func<T, long?> read)
    {
        if (items is null)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (item is not null && read(item) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The first string an item has.</summary>
    public static string? First<T>(IEnumerable<T>? items, Func<T, string?> read)
    {
        if (items is null)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (item is not null && read(item) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The messages of a request, read only while content is captured; null when there are none or a read throws.</summary>
    public static LlmMessage[]? Messages<TRequest, TItem>(TRequest request, Func<TRequest, IEnumerable<TItem>?> messages, Func<TItem, string?> role, Func<TItem, string?> text)
    {
        if (request is null)
        {
            return null;
        }

        try
        {
            if (messages(request) is not { } items)
            {
                return null;
            }

            var list = new List<LlmMessage>();
            foreach (var item in items)
            {
                if (item is not null)
                {
                    list.Add(new LlmMessage(Plain(role(item)) ?? RoleOf(item), text(item)));
                }
            }

            return list.Count == 0 ? null : [.. list];
        }
        catch (Exception)
        {
            return null; // content capture must never fail the user's call
        }
    }

    /// <summary>A plain string prompt as the one user message it is, read only while content is captured; null for null.</summary>
    public static LlmMessage[]? Prompt(string? text) => text is null ? null : [new LlmMessage("user", text)];

    /// <summary>The system instructions of a request, read only while content is captured; null when there are none or the read throws.</summary>
    public static LlmInstructions? Instructions<TRequest>(TRequest request, Func<TRequest, string?> system) =>
        Instructions<TRequest, object>(request, system, static _ => null, static _ => null, static _ => null);

    /// <summary>
    /// The system instructions and the tools of a request, read only while content is captured; a tool without a name
    /// (a provider's built-in tool) is left out. Null when there is nothing, or a read throws.
    /// </summary>
    public static LlmInstructions? Instructions<TRequest, TTool>(
        TRequest request, Func<TRequest, string?> system, Func<TRequest, IEnumerable<TTool>?> tools, Func<TTool, string?> name, Func<TTool, string?> description)
    {
        if (request is null)
        {
            return null;
        }

        try
        {
            var instructions = system(request);
            List<LlmToolDefinition>? offered = null;
            if (tools(request) is { } items)
            {
                foreach (var item in items)
                {
                    if (item is not null && Plain(name(item)) is { Length: > 0 } toolName)
                    {
                        (offered ??= []).Add(new LlmToolDefinition(toolName, description(item)));
                    }
                }
            }

            return instructions is null && offered is null ? null : new LlmInstructions(instructions, offered is null ? null : [.. offered]);
        }
        catch (Exception)
        {
            return null; // content capture must never fail the user's call
        }
    }

    /// <summary>
    /// A message's role from its type when the SDK has no role property (OpenAI's <c>UserChatMessage</c>,
    /// <c>SystemChatMessage</c>...): the type name without <c>ChatMessage</c>, in lower case.
    /// </summary>
    public static string RoleOf(object message)
    {
        var name = message.GetType().Name;
        var end = name.IndexOf("ChatMessage", StringComparison.Ordinal);
        return (end > 0 ? name.Substring(0, end) : name).ToLowerInvariant();
    }

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
