namespace Tracentic.Generators.Interceptors.Specs;

/// <param name="Type">The <c>global::</c> type the output format may be (<c>ChatResponseFormatJson</c>).</param>
/// <param name="OutputType">What <c>gen_ai.output.type</c> is then (<c>json</c>).</param>
internal sealed record OutputTypeCase(string Type, string OutputType);
