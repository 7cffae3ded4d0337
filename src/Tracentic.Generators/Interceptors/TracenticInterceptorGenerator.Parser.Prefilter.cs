using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tracentic.Generators.Calls;
using Tracentic.Generators.Interceptors.Specs;

namespace Tracentic.Generators.Interceptors;

public sealed partial class TracenticInterceptorGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// The transform of every invocation. A call whose written name no annotated method has cannot be traced,
        /// so it is answered from syntax alone and never bound: most calls in a project end here. The others go
        /// to <see cref="Parse"/>.
        /// </summary>
        public static CallSiteResult? ParseNamedCall(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            try
            {
                var compilation = context.SemanticModel.Compilation;
                if (s_symbols.GetValue(compilation, static c => new SymbolsBox(TracenticSymbols.From(c))).Symbols is not { } symbols
                    || TracedNames.Of(compilation, symbols, cancellationToken) is not { } names
                    || !names.MayBeCalledBy((InvocationExpressionSyntax)context.Node))
                {
                    return null;
                }

                names.CountBoundCall();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Never fail the build: report the fault on the node and leave the call alone.
                return new CallSiteResult(null, Fault(context.Node, ex));
            }

            return Parse(context, cancellationToken);
        }
    }
}
