using System.Linq;
using System.Text;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Providers;

/// <summary>Renders resolved reads as C#. Pure: specs in, text out.</summary>
internal static class ReadRenderer
{
    private const string Values = "global::Tracentic.Instrumentation.Providers.ProviderValues";

    /// <summary>
    /// The reader's body: <c>new LlmUsage(input, output, model) { ... }</c> over <paramref name="root"/>, the response
    /// (<c>response</c>, or <c>response!</c> for a nullable result type, which the runtime never passes as null), with
    /// every member that more than one field goes through read once into a local first, so a computed getter (a
    /// <c>Usage</c> built on each read) runs once per recorded call, as in the program.
    /// </summary>
    public static UsageReaderBody Body(ResponseReadSpec spec, string root)
    {
        // Text read only while content is captured does not make a shared member be read when it is not.
        var always = new[] { spec.InputTokens, spec.OutputTokens, spec.Model, spec.FinishReason, spec.ResponseId, spec.CacheReadTokens, spec.CacheWriteTokens, spec.ReasoningTokens,
            spec.InputAudioTokens, spec.OutputAudioTokens, spec.IsStreamUpdate ? spec.OutputText : null };
        var locals = new SharedReads(always.Where(f => f is not null).SelectMany(f => f!.Alternatives).ToList(), root, spec.Root);
        var counter = 0;
        string Field(ReadField? field, bool isText = false) => field is null ? "null" : Render(field, locals, isText, ref counter);

        var input = Field(spec.InputTokens);
        var output = Field(spec.OutputTokens);
        if (spec.NoOutputTokens)
        {
            output = output == "null" ? "0L" : $"({output}) ?? 0L";
        }

        var text = new StringBuilder($"new({input}, {output}, {Field(spec.Model)})"); // the reader returns LlmUsage
        var initializers = new StringBuilder();
        void Init(string name, string? expression)
        {
            if (expression is not null && expression != "null")
            {
                initializers.Append(initializers.Length == 0 ? " { " : ", ").Append(name).Append(" = ").Append(expression);
            }
        }

        Init("FinishReason", Field(spec.FinishReason));
        Init("ResponseId", Field(spec.ResponseId));
        Init("CacheReadInputTokens", Field(spec.CacheReadTokens));
        Init("CacheWriteInputTokens", Field(spec.CacheWriteTokens));
        Init("ReasoningOutputTokens", Field(spec.ReasoningTokens));
        Init("InputAudioTokens", Field(spec.InputAudioTokens));
        Init("OutputAudioTokens", Field(spec.OutputAudioTokens));
        if (spec.CacheTokensSeparate && (spec.CacheReadTokens is not null || spec.CacheWriteTokens is not null))
        {
            Init("CacheTokensSeparate", "true");
        }
        if (spec.OutputText is not null)
        {
            // A whole response's text is read only when content is captured; a stream update's marks its first token.
            var outputText = Field(spec.OutputText, isText: true);
            Init("OutputText", spec.IsStreamUpdate ? outputText : $"{Values}.CapturingContent ? {outputText} : null");
        }

        var result = initializers.Length == 0 ? text.ToString() : text.Append(initializers).Append(" }").ToString();
        return new UsageReaderBody(locals.Declarations, result);
    }

    /// <summary>The requested model read from a request argument: <c>ProviderValues.Read(arg, static p =&gt; ...)</c>.</summary>
    public static string RequestModel(RequestModelSpec spec, string argument) =>
        $"{Values}.Read({argument}, static p => {Expression(spec.Read, "p")})";

    /// <summary>The input messages read from an argument, only while content capture is on.</summary>
    public static string InputMessages(InputMessagesSpec spec, string argument)
    {
        if (spec.IsPrompt || spec.Text is null)
        {
            return $"{Values}.CapturingContent ? {Values}.Prompt({argument}) : null";
        }

        var list = spec.Single ? "static q => new[] { q }" : spec.List is null ? "static q => q" : $"static q => {Expression(spec.List, "q")}";
        var role = spec.Role is null ? "null" : Expression(spec.Role, "m");
        return $"{Values}.CapturingContent ? {Values}.Messages({argument}, {list}, static m => {role}, static m => {Expression(spec.Text, "m", isText: true)}) : null";
    }

    /// <summary>The system instructions and tools read from an argument, only while content capture is on.</summary>
    public static string Instructions(InstructionsSpec spec, string argument)
    {
        var system = spec.System is null ? "static r => null" : $"static r => {Expression(spec.System, "r", isText: true)}";
        if (spec.Tools is null || spec.ToolName is null)
        {
            return $"{Values}.CapturingContent ? {Values}.Instructions({argument}, {system}) : null";
        }

        var description = spec.ToolDescription is null ? "static t => null" : $"static t => {Expression(spec.ToolDescription, "t", isText: true)}";
        return $"{Values}.CapturingContent ? {Values}.Instructions({argument}, {system}, static r => {Expression(spec.Tools, "r")}, " +
            $"static t => {Expression(spec.ToolName, "t", isText: true)}, {description}) : null";
    }

    /// <summary>One field as an expression over <paramref name="root"/> (e.g. a request argument).</summary>
    public static string Expression(ReadField field, string root, bool isText = false)
    {
        var counter = 0;
        return Render(field, SharedReads.None(root), isText, ref counter);
    }

    /// <summary>A path to a value used as it is, over <paramref name="root"/>.</summary>
    public static string Expression(ReadPath path, string root)
    {
        var counter = 0;
        return Render(path, root, 0, isText: false, ref counter);
    }

    private static string Render(ReadField field, SharedReads locals, bool isText, ref int counter)
    {
        var parts = new string[field.Alternatives.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var (start, from, nullable) = locals.Start(field.Alternatives[i]);
            parts[i] = Render(field.Alternatives[i], start, from, isText, ref counter, nullable);
        }

        return parts.Length == 1 ? parts[0] : "(" + string.Join(" ?? ", parts) + ")";
    }

    /// <param name="nullable">The prefix may be null though the path's own steps did not say so (a local read through <c>?.</c>).</param>
    private static string Render(ReadPath path, string prefix, int from, bool isText, ref int counter, bool nullable = false)
    {
        for (var i = from; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            var access = step.NullConditional || (nullable && i == from) ? "?." : ".";
            switch (step.Kind)
            {
                case ReadStepKind.Member:
                    prefix = $"{prefix}{access}{step.Name}";
                    break;
                case ReadStepKind.Method:
                    prefix = $"{prefix}{access}{step.Name}()";
                    break;
                case ReadStepKind.As:
                    prefix = $"({prefix} as {step.Name})";
                    break;
                case ReadStepKind.Pick:
                {
                    var n = ++counter;
                    var rest = Render(path, $"v{n}", i + 1, isText, ref counter);
                    return $"({prefix} is {{ }} p{n} && p{n}.{step.Name}(out var v{n}) ? {rest} : ({step.FallbackType})null)";
                }

                case ReadStepKind.Each:
                {
                    var n = ++counter;
                    var rest = Render(path, $"e{n}", i + 1, isText, ref counter);
                    return $"{Values}.{(isText ? "Concat" : step.Name)}({prefix}, static e{n} => {rest})";
                }
            }
        }

        return path.Conversion switch
        {
            ReadConversion.EnumName => $"{Values}.Name({prefix})",
            ReadConversion.PlainString => $"{Values}.Plain({prefix})",
            _ => prefix,
        };
    }
}
