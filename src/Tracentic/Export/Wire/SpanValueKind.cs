namespace Tracentic.Export.Wire;

/// <summary>Which OTLP <c>AnyValue</c> a <see cref="SpanValue"/> is written as, and so which of its readers it has.</summary>
internal enum SpanValueKind
{
    /// <summary>A string (<c>stringValue</c>).</summary>
    Text,

    /// <summary>A 64-bit integer (<c>intValue</c>, a decimal string in OTLP/JSON).</summary>
    Integer,

    /// <summary>A double (<c>doubleValue</c>; the protobuf JSON names for non-finite values).</summary>
    Number,

    /// <summary>A boolean that is written only when true (<c>boolValue</c>).</summary>
    Flag,

    /// <summary>A string array (<c>arrayValue</c> of <c>stringValue</c>s).</summary>
    TextArray,

    /// <summary>One string written as a string array of one (the conventions' <c>string[]</c> for a single value).</summary>
    TextAsArray,
}
