using System.Collections.Generic;
using System.Linq;
using Tracentic.Generators.Common;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Providers;

/// <summary>
/// The stream types of System.ClientModel (OpenAI's <c>AsyncCollectionResult&lt;T&gt;</c>/<c>CollectionResult&lt;T&gt;</c>) can
/// only be returned as themselves: a traced call returns a subclass that reads the SDK instance's pages and items
/// through the runtime's stream observer. Written into the generated file only when a traced method returns one,
/// so the runtime needs no reference to System.ClientModel. Needs [UnsafeAccessor] on generic types (.NET 9+).
/// </summary>
internal static class ProviderStreamsEmitter
{
    public const string AsyncShell = "global::Tracentic.Generated.TracenticAsyncCollectionResult";
    public const string SyncShell = "global::Tracentic.Generated.TracenticCollectionResult";

    public static void Write(SourceWriter writer, IEnumerable<ReturnKind> kinds)
    {
        var used = new HashSet<ReturnKind>(kinds);
        if (used.Contains(ReturnKind.AsyncCollectionResult))
        {
            writer.WriteLine();
            writer.WriteLines("""
                // An OpenAI stream as the SDK returns it, observed by Tracentic. Its enumerator is not virtual, but it reads the
                // pages and their items through the two members below: the pages are the span (request, end, errors), the
                // items its updates. Pages, items and continuation tokens are the SDK's own.
                file sealed class TracenticAsyncCollectionResult<T> : global::System.ClientModel.AsyncCollectionResult<T>
                {
                    private readonly global::System.ClientModel.AsyncCollectionResult<T> _inner;
                    private readonly global::Tracentic.Instrumentation.Providers.LlmStream<T> _stream;

                    public TracenticAsyncCollectionResult(global::System.ClientModel.AsyncCollectionResult<T> inner, global::Tracentic.Instrumentation.Providers.LlmStream<T> stream)
                    {
                        _inner = inner;
                        _stream = stream;
                    }

                    public override global::System.Collections.Generic.IAsyncEnumerable<global::System.ClientModel.ClientResult> GetRawPagesAsync() =>
                        _stream.ObservePages(_inner.GetRawPagesAsync());

                    public override global::System.ClientModel.ContinuationToken? GetContinuationToken(global::System.ClientModel.ClientResult page) =>
                        _inner.GetContinuationToken(page);

                    protected override global::System.Collections.Generic.IAsyncEnumerable<T> GetValuesFromPageAsync(global::System.ClientModel.ClientResult page) =>
                        _stream.ObservePageItems(TracenticAsyncCollectionResultAccess<T>.GetValuesFromPageAsync(_inner, page));
                }

                // The SDK instance's own (protected) page reader.
                file static class TracenticAsyncCollectionResultAccess<T>
                {
                    [global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "GetValuesFromPageAsync")]
                    public static extern global::System.Collections.Generic.IAsyncEnumerable<T> GetValuesFromPageAsync(global::System.ClientModel.AsyncCollectionResult<T> target, global::System.ClientModel.ClientResult page);
                }
                """);
        }

        if (used.Contains(ReturnKind.CollectionResult))
        {
            writer.WriteLine();
            writer.WriteLines("""
                // A synchronous OpenAI stream as the SDK returns it, observed by Tracentic the same way.
                file sealed class TracenticCollectionResult<T> : global::System.ClientModel.CollectionResult<T>
                {
                    private readonly global::System.ClientModel.CollectionResult<T> _inner;
                    private readonly global::Tracentic.Instrumentation.Providers.LlmStream<T> _stream;

                    public TracenticCollectionResult(global::System.ClientModel.CollectionResult<T> inner, global::Tracentic.Instrumentation.Providers.LlmStream<T> stream)
                    {
                        _inner = inner;
                        _stream = stream;
                    }

                    public override global::System.Collections.Generic.IEnumerable<global::System.ClientModel.ClientResult> GetRawPages() =>
                        _stream.ObservePages(_inner.GetRawPages());

                    public override global::System.ClientModel.ContinuationToken? GetContinuationToken(global::System.ClientModel.ClientResult page) =>
                        _inner.GetContinuationToken(page);

                    protected override global::System.Collections.Generic.IEnumerable<T> GetValuesFromPage(global::System.ClientModel.ClientResult page) =>
                        _stream.ObservePageItems(TracenticCollectionResultAccess<T>.GetValuesFromPage(_inner, page));
                }

                file static class TracenticCollectionResultAccess<T>
                {
                    [global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "GetValuesFromPage")]
                    public static extern global::System.Collections.Generic.IEnumerable<T> GetValuesFromPage(global::System.ClientModel.CollectionResult<T> target, global::System.ClientModel.ClientResult page);
                }
                """);
        }
    }
}
