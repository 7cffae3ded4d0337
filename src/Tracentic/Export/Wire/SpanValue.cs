namespace Tracentic.Export.Wire;

/// <summary>
/// One value a span carries beside its user attributes: how it is read from the resolved span (null when the span has
/// none, and then no attribute is written), what kind of OTLP value it is, and whether many spans repeat it. Read the
/// same way by every wire flavour; the flavour only names it (<see cref="WireAttribute"/>).
/// </summary>
internal sealed class SpanValue
{
    // One reader per kind instead of one boxing object-returning reader: reading a value allocates nothing.
    public readonly SpanValueKind Kind;
    public readonly Func<ResolvedSpan, string?>? Text;
    public readonly Func<ResolvedSpan, long?>? Integer;
    public readonly Func<ResolvedSpan, double?>? Number;
    public readonly Func<ResolvedSpan, bool>? Flag;
    public readonly Func<ResolvedSpan, string[]?>? Texts;

    /// <summary>
    /// A string that many spans repeat (a provider, a model, an error type, a call site): the writer keeps it encoded
    /// instead of escaping it again for every span.
    /// </summary>
    public readonly bool Repeated;

    private SpanValue(
        SpanValueKind kind, bool repeated = false, Func<ResolvedSpan, string?>? text = null, Func<ResolvedSpan, long?>? integer = null,
        Func<ResolvedSpan, double?>? number = null, Func<ResolvedSpan, bool>? flag = null, Func<ResolvedSpan, string[]?>? texts = null)
    {
        Kind = kind;
        Repeated = repeated;
        Text = text;
        Integer = integer;
        Number = number;
        Flag = flag;
        Texts = texts;
    }

    public static SpanValue String(Func<ResolvedSpan, string?> read, bool repeated = false) => new(SpanValueKind.Text, repeated, text: read);

    public static SpanValue Int(Func<ResolvedSpan, long?> read) => new(SpanValueKind.Integer, integer: read);

    public static SpanValue Double(Func<ResolvedSpan, double?> read) => new(SpanValueKind.Number, number: read);

    public static SpanValue True(Func<ResolvedSpan, bool> read) => new(SpanValueKind.Flag, flag: read);

    public static SpanValue Strings(Func<ResolvedSpan, string[]?> read) => new(SpanValueKind.TextArray, texts: read);

    public static SpanValue StringAsArray(Func<ResolvedSpan, string?> read, bool repeated = false) => new(SpanValueKind.TextAsArray, repeated, text: read);
}
