using System.Text;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Providers;

/// <summary>Renders resolved reads as C#. Pure: specs in, text out.</summary>
internal static class ReadRenderer
{
    private const string Values = "global::Tracentic.Instrumentation.Providers.ProviderValues";

    /// <summary>
    /// <c>new LlmUsage(input, output, model) { ... }</c> over <paramref name="root"/>, the response (<c>response</c>, or
    /// <c>response!</c> for a nullable result type, which the runtime never passes as null).
    /// </summary>
    public static string Body(ResponseReadSpec spec, string root)
    {
        var value = spec.Root is null ? root : $"{root}.{spec.Root}";
        var counter = 0;
        string Field(ReadField? field, bool isText = false) => field is null ? "null" : Render(field, value, isText, ref counter);

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
        if (spec.OutputText is not null)
        {
            // A whole response's text is read only when content is captured; a stream update's marks its first token.
            var outputText = Field(spec.OutputText, isText: true);
            Init("OutputText", spec.IsStreamUpdate ? outputText : $"{Values}.CapturingContent ? {outputText} : null");
        }

        return initializers.Length == 0 ? text.ToString() : text.Append(initializers).Append(" }").ToString();
    }

    /// <summary>The requested model read from a request argument: <c>ProviderValues.Read(arg, static p =&gt; ...)</c>.</summary>
    public static string RequestModel(RequestModelSpec spec, string argument) =>
        $"{Values}.Read({argument}, static p => {Expression(spec.Read, "p")})";

    /// <summary>The input messages read from an argument, only while content capture is on.</summary>
    public static string InputMessages(InputMessagesSpec spec, string argument)
    {
        var list = spec.Single ? "static q => new[] { q }" : spec.List is null ? "static q => q" : $"static q => {Expression(spec.List, "q")}";
        var role = spec.Role is null ? "null" : Expression(spec.Role, "m");
        return $"{Values}.CapturingContent ? {Values}.Messages({argument}, {list}, static m => {role}, static m => {Expression(spec.Text, "m", isText: true)}) : null";
    }

    /// <summary>One field as an expression over <paramref name="root"/> (e.g. a request argument).</summary>
    public static string Expression(ReadField field, string root, bool isText = false)
    {
        var counter = 0;
        return Render(field, root, isText, ref counter);
    }

    /// <summary>A path to a value used as it is, over <paramref name="root"/>.</summary>
    public static string Expression(ReadPath path, string root)
    {
        var counter = 0;
        return Render(path, root, 0, isText: false, ref counter);
    }

    private static string Render(ReadField field, string root, bool isText, ref int counter)
    {
        var parts = new string[field.Alternatives.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Render(field.Alternatives[i], root, 0, isText, ref counter);
        }

        return parts.Length == 1 ? parts[0] : "(" + string.Join(" ?? ", parts) + ")";
    }

    private static string Render(ReadPath path, string prefix, int from, bool isText, ref int counter)
    {
        for (var i = from; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            var access = step.NullConditional ? "?." : ".";
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
