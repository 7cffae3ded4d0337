using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Tracentic.CodeFixes;

/// <summary>
/// Fix-all for TRC001/TRC002 in a document, project or solution. Document-based rather than the batch fixer:
/// each document is rewritten in one pass, so the <c>using Tracentic;</c> that several replacements need is
/// added once and every replacement in the file is written the same way, instead of merging per-diagnostic
/// edits that each add the same directive.
/// </summary>
internal sealed class UseTracenticHeadersScopeFixAllProvider : DocumentBasedFixAllProvider
{
    public static readonly UseTracenticHeadersScopeFixAllProvider Instance = new();

    private UseTracenticHeadersScopeFixAllProvider()
    {
    }

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => UseTracenticHeadersScopeCodeFixProvider.Title;

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.IsEmpty
            ? document
            : await UseTracenticHeadersScopeCodeFixProvider.FixAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
}
