namespace Tracentic.Generators.Interceptors.Specs;

/// <param name="Usage">What is read from the result (or from each update of a stream).</param>
/// <param name="RequestModel">The requested model read from a known request argument, when no <c>[TracenticModel]</c> names it.</param>
/// <param name="InputMessages">Where the input messages are, for content capture.</param>
/// <param name="RequestParameters">The <c>gen_ai.request.*</c> parameters read from a known request argument.</param>
/// <param name="Instructions">Where the system instructions and tools are, for content capture.</param>
internal sealed record LlmSpec(
    string? Provider,
    string? Model,
    string? OperationType,
    ResponseReadSpec? Usage,
    RequestModelSpec? RequestModel = null,
    InputMessagesSpec? InputMessages = null,
    RequestParametersSpec? RequestParameters = null,
    InstructionsSpec? Instructions = null);
