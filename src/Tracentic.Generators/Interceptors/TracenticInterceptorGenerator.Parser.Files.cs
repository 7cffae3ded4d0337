using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Common;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// The calls of one file that can be traced. A call whose written name no annotated method has cannot be, so
        /// only the calls whose name the file's text spells are bound (<see cref="TracedNames.CallsIn"/>): most
        /// calls of a project, and most files, are never visited. Each found call goes to <see cref="Parse"/>.
        /// </summary>
        public static EquatableArray<CallSiteResult> ParseTree(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
        {
            List<CallSiteResult>? results = null;
            try
            {
                if (s_symbols.GetValue(compilation, static c => new SymbolsBox(TracenticSymbols.From(c))).Symbols is not { } symbols)
                {
                    return EquatableArray<CallSiteResult>.Empty; // Tracentic is not referenced: nothing to do
                }

                var names = TracedNames.Of(compilation, symbols, cancellationToken);
                SemanticModel? model = null; // made only for a file that has a call to bind
                foreach (var call in names.CallsIn(tree, cancellationToken))
                {
                    names.CountBoundCall();
                    model ??= BindingModel.For(compilation, tree);
                    if (Parse(model, call, symbols, cancellationToken) is { } result)
                    {
                        (results ??= []).Add(result);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Never fail the build: report the fault on the file and leave its calls alone.
                return new EquatableArray<CallSiteResult>([new CallSiteResult(null, Fault(tree.GetRoot(cancellationToken), ex))]);
            }

            return results is null ? EquatableArray<CallSiteResult>.Empty : new EquatableArray<CallSiteResult>(results);
        }
    }
}
