using Microsoft.CodeAnalysis;
using Tracentic.Generators.Providers;
using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>
/// Every row of the provider table resolves against the SDK versions the repository tests with: a path the SDK
/// renamed would silently read nothing, so an SDK upgrade that breaks one fails here, naming it.
/// </summary>
public class ProviderTableTests
{
    private static readonly Compilation Sdks = GeneratorHarness.CreateCompilation("public static class Empty { }");

    public static TheoryData<string> Responses() => [.. ProviderTable.Responses.Select(r => r.MetadataName)];

    public static TheoryData<string> Requests() => [.. ProviderTable.Requests.Select(r => r.MetadataName)];

    public static TheoryData<string> RequestParameters() => [.. ProviderTable.RequestParameters.Select(r => r.MetadataName)];

    public static TheoryData<string> Instructions() => [.. ProviderTable.Instructions.Select(r => r.MetadataName)];

    [Theory]
    [MemberData(nameof(Responses))]
    public void Every_path_of_a_known_response_type_resolves(string metadataName)
    {
        var entry = ProviderTable.Responses.Single(r => r.MetadataName == metadataName);
        var type = Sdks.GetTypeByMetadataName(metadataName);
        Assert.True(type is not null, $"{metadataName} is not in the referenced SDKs");
        var root = type.IsGenericType ? type.Construct(Sdks.GetSpecialType(SpecialType.System_Object)) : type;
        foreach (var (field, paths, isCount) in new[]
        {
            ("InputTokens", entry.InputTokens, true), ("OutputTokens", entry.OutputTokens, true), ("Model", entry.Model, false),
            ("FinishReason", entry.FinishReason, false), ("ResponseId", entry.ResponseId, false), ("OutputText", entry.OutputText, false),
        })
        {
            foreach (var path in paths?.Split('|') ?? [])
            {
                var read = ReadPathResolver.Resolve(Sdks, root, path, isCount, out var why);
                Assert.True(read is not null, $"{metadataName}.{field}: '{path.Trim()}' does not resolve: {why}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void The_model_of_a_known_request_type_resolves(string metadataName)
    {
        var entry = ProviderTable.Requests.Single(r => r.MetadataName == metadataName);
        var type = Sdks.GetTypeByMetadataName(metadataName);
        Assert.True(type is not null, $"{metadataName} is not in the referenced SDKs");
        var read = ReadPathResolver.Resolve(Sdks, type, entry.Model, isCount: false, out var why);
        Assert.True(read is not null, $"{metadataName}.{entry.Model} does not resolve: {why}");
    }

    [Theory]
    [MemberData(nameof(RequestParameters))]
    public void Every_request_parameter_path_resolves(string metadataName)
    {
        var entry = ProviderTable.RequestParameters.Single(r => r.MetadataName == metadataName);
        var type = Sdks.GetTypeByMetadataName(metadataName);
        Assert.True(type is not null, $"{metadataName} is not in the referenced SDKs");
        foreach (var (field, path) in new[]
        {
            ("Temperature", entry.Temperature), ("MaxTokens", entry.MaxTokens), ("TopP", entry.TopP), ("TopK", entry.TopK), ("Seed", entry.Seed),
            ("StopSequences", entry.StopSequences), ("FrequencyPenalty", entry.FrequencyPenalty), ("PresencePenalty", entry.PresencePenalty),
            ("ChoiceCount", entry.ChoiceCount), ("ConversationId", entry.ConversationId), ("EmbeddingDimensions", entry.EmbeddingDimensions),
        })
        {
            if (path is not null)
            {
                var read = ReadPathResolver.ResolveValue(Sdks, type, path, out var valueType);
                Assert.True(read is not null && valueType is not null, $"{metadataName}.{field}: '{path}' does not resolve");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Instructions))]
    public void Every_instructions_and_tool_path_resolves(string metadataName)
    {
        var entry = ProviderTable.Instructions.Single(r => r.MetadataName == metadataName);
        var type = Sdks.GetTypeByMetadataName(metadataName);
        Assert.True(type is not null, $"{metadataName} is not in the referenced SDKs");
        foreach (var path in entry.SystemInstructions?.Split('|') ?? [])
        {
            Assert.True(ReadPathResolver.Resolve(Sdks, type, path, isCount: false, out var why) is not null, $"{metadataName}.SystemInstructions: '{path.Trim()}' does not resolve: {why}");
        }

        var tools = ReadPathResolver.ResolveValue(Sdks, type, entry.Tools!, out var toolsType);
        Assert.True(tools is not null && toolsType is not null, $"{metadataName}.Tools does not resolve");
        var tool = ReadPathResolver.ElementType(toolsType!);
        Assert.NotNull(tool);
        foreach (var (field, path) in new[] { ("ToolName", entry.ToolName!), ("ToolDescription", entry.ToolDescription!) })
        {
            Assert.True(ReadPathResolver.Resolve(Sdks, tool!, path, isCount: false, out var why) is not null, $"{metadataName}.{field}: '{path}' does not resolve: {why}");
        }
    }
}
