using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>Token usage and model are found on the providers' real response types, at compile time.</summary>
[Collection(nameof(ProcessWideSdk))]
public class ProviderTypeTests
{
    [Fact]
    public async Task Microsoft_Extensions_AI_ChatResponse()
    {
        var (assembly, run) = GeneratorHarness.CompileAndLoad("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Tracentic;

            public class Client
            {
                [TracenticLlmCall(Provider = "openai")]
                public Task<ChatResponse> AskAsync() => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi"))
                {
                    ModelId = "gpt-4o", Usage = new UsageDetails { InputTokenCount = 11, OutputTokenCount = 22 },
                });
            }

            public static class Program { public static Task Run() => new Client().AskAsync(); }
            """);

        Assert.Contains("var usage = response.Usage;", run.GeneratedSource); // read once for both counts
        Assert.Contains("CacheReadInputTokens = usage?.CachedInputTokenCount, ReasoningOutputTokens = usage?.ReasoningTokenCount", run.GeneratedSource);
        Assert.Contains("new(usage?.InputTokenCount, usage?.OutputTokenCount, response.ModelId)", run.GeneratedSource);
        var span = Assert.Single(await TracedRun.RunAsync(assembly));
        Assert.Equal(11L, span["llm.usage.input_tokens"]);
        Assert.Equal(22L, span["llm.usage.output_tokens"]);
        Assert.Equal("gpt-4o", span["llm.request.model"]);
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_streaming_updates_carry_usage_as_a_content_item()
    {
        var (assembly, run) = GeneratorHarness.CompileAndLoad("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Tracentic;

            public class Client
            {
                [TracenticLlmCall(Provider = "openai")]
                public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync()
                {
                    await Task.Yield();
                    yield return new ChatResponseUpdate(ChatRole.Assistant, "Hel") { ModelId = "gpt-4o-mini" };
                    yield return new ChatResponseUpdate(ChatRole.Assistant, "lo") { ModelId = "gpt-4o-mini" };
                    yield return new ChatResponseUpdate
                    {
                        ModelId = "gpt-4o-mini",
                        Contents = [new UsageContent(new UsageDetails { InputTokenCount = 12, OutputTokenCount = 2 })],
                    };
                }
            }

            public static class Program
            {
                public static async Task<string> Run()
                {
                    var text = "";
                    await foreach (var update in new Client().StreamAsync()) text += update.Text;
                    return text;
                }
            }
            """);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "TRC106");
        Assert.Contains("as global::Microsoft.Extensions.AI.UsageContent)?.Details?.InputTokenCount", run.GeneratedSource);
        var span = Assert.Single(await TracedRun.RunAsync(assembly));
        Assert.Equal(12L, span["llm.usage.input_tokens"]);
        Assert.Equal(2L, span["llm.usage.output_tokens"]);
        Assert.Equal("gpt-4o-mini", span["llm.request.model"]);
    }

    [Fact]
    public async Task OpenAI_ChatCompletion_and_ClientResult_of_ChatCompletion()
    {
        var (assembly, run) = GeneratorHarness.CompileAndLoad("""
            #pragma warning disable OPENAI001 // the model factory is marked experimental
            using System;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using OpenAI.Chat;
            using Tracentic;

            public class Client
            {
                public static ChatCompletion Completion() => OpenAIChatModelFactory.ChatCompletion(
                    id: "c1", model: "gpt-4o-mini", createdAt: DateTimeOffset.UnixEpoch,
                    usage: OpenAIChatModelFactory.ChatTokenUsage(outputTokenCount: 40, inputTokenCount: 30, totalTokenCount: 70));

                [TracenticLlmCall(Provider = "openai")]
                public ChatCompletion Complete() => Completion();

                [TracenticLlmCall(Provider = "openai-result")]
                public ClientResult<ChatCompletion> CompleteResult() => ClientResult.FromValue(Completion(), new EmptyResponse());
            }

            public sealed class EmptyResponse : PipelineResponse
            {
                public override int Status => 200;
                public override string ReasonPhrase => "OK";
                public override System.IO.Stream? ContentStream { get => null; set { } }
                public override BinaryData Content => BinaryData.Empty;
                protected override PipelineResponseHeaders HeadersCore => throw new NotSupportedException();
                public override BinaryData BufferContent(System.Threading.CancellationToken cancellationToken = default) => BinaryData.Empty;
                public override System.Threading.Tasks.ValueTask<BinaryData> BufferContentAsync(System.Threading.CancellationToken cancellationToken = default) => new(BinaryData.Empty);
                public override void Dispose() { }
            }

            public static class Program
            {
                public static void Run()
                {
                    new Client().Complete();
                    new Client().CompleteResult();
                }
            }
            """);

        Assert.Contains("var value = response.Value;", run.GeneratedSource); // ClientResult.Value read once
        // The details objects feed two counts each (cache/reasoning and audio): each is read once into a local.
        Assert.Contains("var inputTokenDetails = usage?.InputTokenDetails;", run.GeneratedSource);
        Assert.Contains("CacheReadInputTokens = inputTokenDetails?.CachedTokenCount", run.GeneratedSource);
        Assert.Contains("ReasoningOutputTokens = outputTokenDetails?.ReasoningTokenCount", run.GeneratedSource);
        Assert.Contains("InputAudioTokens = inputTokenDetails?.AudioTokenCount", run.GeneratedSource);
        Assert.Contains("value.Usage", run.GeneratedSource);
        var spans = await TracedRun.RunAsync(assembly);
        Assert.Equal(2, spans.Count);
        Assert.All(spans, span =>
        {
            Assert.Equal(30L, span["llm.usage.input_tokens"]);
            Assert.Equal(40L, span["llm.usage.output_tokens"]);
            Assert.Equal("gpt-4o-mini", span["llm.request.model"]);
        });
    }

    [Fact]
    public void Anthropic_Message_compiles_with_usage_and_model_reads()
    {
        var run = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using Anthropic.Models.Messages;
            using Tracentic;

            public class Client
            {
                [TracenticLlmCall(Provider = "anthropic")]
                public Task<Message> CreateAsync() => throw new System.NotImplementedException();
            }

            public static class Program { public static Task Run() => new Client().CreateAsync(); }
            """);

        Assert.Empty(run.AllDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Contains("var usage = response.Usage;", run.GeneratedSource);
        Assert.Contains("CacheReadInputTokens = usage?.CacheReadInputTokens, CacheWriteInputTokens = usage?.CacheCreationInputTokens", run.GeneratedSource);
        Assert.Contains("CacheTokensSeparate = true", run.GeneratedSource); // Anthropic counts cache tokens beside its input tokens
        Assert.Contains("new(usage?.InputTokens, usage?.OutputTokens", run.GeneratedSource);
        Assert.Contains("response.Model", run.GeneratedSource);
    }
}
