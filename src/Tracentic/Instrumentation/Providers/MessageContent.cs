using System.Buffers;
using System.Text;
using System.Text.Json;
using Tracentic.Engine;
using Tracentic.Core;

namespace Tracentic.Instrumentation.Providers;

/// <summary>
/// The captured messages of one call as the GenAI semantic conventions shape them (<c>gen_ai.input.messages</c>,
/// <c>gen_ai.output.messages</c>): each text through the user's redaction callback, then cut to the configured
/// length, so the JSON stays valid and bounded. Never throws.
/// </summary>
internal static class MessageContent
{
    /// <summary>The most tools <c>gen_ai.tool.definitions</c> lists.</summary>
    public const int MaxTools = 128;

    public static string? Input(LlmMessage[]? messages, TracenticSettings settings, TracenticLog log)
    {
        if (messages is not { Length: > 0 })
        {
            return null;
        }

        return Write(json =>
        {
            json.WriteStartArray();
            foreach (var message in messages)
            {
                WriteMessage(json, message.Role, message.Text, null, settings, log);
            }

            json.WriteEndArray();
        });
    }

    public static string? Output(string? text, string? finishReason, TracenticSettings settings, TracenticLog log)
    {
        if (text is null)
        {
            return null;
        }

        return Write(json =>
        {
            json.WriteStartArray();
            WriteMessage(json, "assistant", text, finishReason, settings, log);
            json.WriteEndArray();
        });
    }

    /// <summary>
    /// <c>gen_ai.system_instructions</c>: the instructions as one text part (<c>[{"type":"text","content":...}]</c>, as
    /// Microsoft.Extensions.AI writes them), through the redaction callback and the length bound.
    /// </summary>
    public static string? SystemInstructions(string? text, TracenticSettings settings, TracenticLog log)
    {
        if (text is null)
        {
            return null;
        }

        return Write(json =>
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("type"u8, "text"u8);
            json.WriteString("content"u8, Bounded(Redacted(text, settings, log), settings.MaxMessageContentLength));
            json.WriteEndObject();
            json.WriteEndArray();
        });
    }

    /// <summary>
    /// <c>gen_ai.tool.definitions</c>: each tool as <c>{"type":"function","name":...,"description":...}</c>. Names and
    /// descriptions are the developer's, not the user's: bounded, not redacted. Parameter schemas are not recorded. At
    /// most <see cref="MaxTools"/> tools, each text at most the platform's attribute length, so a large toolbox keeps the
    /// span well under the wire's 1 MiB.
    /// </summary>
    public static string? ToolDefinitions(LlmToolDefinition[]? tools, TracenticSettings settings)
    {
        if (tools is not { Length: > 0 })
        {
            return null;
        }

        return Write(json =>
        {
            var max = Math.Min(settings.MaxMessageContentLength, AttributeLimits.PlatformMaxStringValueLength);
            json.WriteStartArray();
            foreach (var tool in tools.AsSpan(0, Math.Min(tools.Length, MaxTools)))
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "function"u8);
                json.WriteString("name"u8, Bounded(tool.Name, max));
                if (tool.Description is { } description)
                {
                    json.WriteString("description"u8, Bounded(description, max));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string? text, string? finishReason, TracenticSettings settings, TracenticLog log)
    {
        json.WriteStartObject();
        json.WriteString("role"u8, role);
        json.WriteStartArray("parts"u8);
        if (text is not null)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "text"u8);
            json.WriteString("content"u8, Bounded(Redacted(text, settings, log), settings.MaxMessageContentLength));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (finishReason is not null)
        {
            json.WriteString("finish_reason"u8, finishReason);
        }

        json.WriteEndObject();
    }

    private static string Redacted(string text, TracenticSettings settings, TracenticLog log)
    {
        if (settings.RedactMessageContent is not { } redact)
        {
            return text;
        }

        try
        {
            return redact(text) ?? "";
        }
        catch (Exception ex)
        {
            // Never record what the user's redaction could not process.
            log.WarnOnce("redaction", logger => logger.RedactionFailed(ex.GetType().Name, ex.Message));
            return "";
        }
    }

    private static string Bounded(string text, int max) => Export.JsonText.Clean(text, max);

    private static string? Write(Action<Utf8JsonWriter> write)
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                write(json);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (Exception)
        {
            return null; // bad text from a provider must not fail recording
        }
    }
}
