using Tracentic.Generators.Tests.Infrastructure;

namespace Tracentic.Generators.Tests;

/// <summary>The quick-start shape end to end: a scoped pipeline calling an LLM method with a model argument.</summary>
[Collection(nameof(ProcessWideSdk))]
public class EndToEndTests
{
    [Fact]
    public async Task A_scoped_pipeline_calling_an_llm_method_records_one_span_with_scope_model_and_call_site()
    {
        var (assembly, run) = GeneratorHarness.CompileAndLoad("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Tracentic;

            public class Pipeline
            {
                [TracenticScope("rag")]
                public async Task<string> AnswerAsync([TracenticAttribute("user_id")] string userId)
                {
                    var response = await CompleteAsync("hi");
                    return response.Text;
                }

                [TracenticLlmCall(Provider = "openai")]
                public Task<ChatResponse> CompleteAsync([TracenticModel] string model)
                {
                    var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "hello"))
                    {
                        ModelId = "gpt-4o",
                        Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 },
                    };
                    return Task.FromResult(response);
                }
            }

            public static class Program
            {
                public static Task<string> Run() => new Pipeline().AnswerAsync("u1");
            }
            """);

        var spans = await TracedRun.RunAsync(assembly);
        var span = Assert.Single(spans);
        Assert.Equal("llm.openai.chat", span.Name);
        Assert.Equal("rag", span.ScopeName);
        Assert.Equal("u1", span["user_id"]);
        Assert.Equal(10L, span["llm.usage.input_tokens"]);
        Assert.Equal(5L, span["llm.usage.output_tokens"]);
        Assert.Equal("hi", span["llm.request.model"]);
        Assert.Equal("Pipeline.AnswerAsync", span["code.function"]); // the caller, at its line
        Assert.Equal("Program.cs", span["code.filepath"]);
        Assert.Equal(10L, span["code.lineno"]); // the line of `await CompleteAsync("hi")`
        Assert.NotNull(run.GeneratedSource);
    }
}
