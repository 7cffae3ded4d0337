namespace Tracentic.Export.Wire;

/// <summary>
/// One value a span carries beside its user attributes: how it is read from the resolved span (null when the span has
/// none, and then no attribute is written), what kind of OTLP value it is, and whether many spans repeat it. Read the
/// same way by every wire flavour; the flavour only names it (<see cref="WireAttribute"/>).
/// </summary>
internal sealed class SpanValue
{
    public SpanValueKind Kind { get; }

    // One typed reader per kind rather than one returning object: reading a value never boxes it.
    public Func<ResolvedSpan, string?>? Text { get; }
    public Func<ResolvedSpan, long?>? Integer { get; }
    public Func<ResolvedSpan, double?>? Number { get; }
    public Func<ResolvedSpan, bool>? Flag { get; }
    public Func<ResolvedSpan, string[]?>? Texts { get; }

    /// <summary>
    /// A string that many spans repeat (a provider, a model, an error type, a call site): the writer keeps it encoded
    /// instead of escaping it again for every span.
    /// </summary>
    public bool Repeated { get; }

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
