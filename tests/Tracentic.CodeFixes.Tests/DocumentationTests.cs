using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Tracentic.Generators.Diagnostics;

namespace Tracentic.CodeFixes.Tests;

/// <summary>
/// Every descriptor in <see cref="DiagnosticDescriptors"/> has a help link to its own section of analyzers.md
/// (repository root): a <c>## TRCnnn: Title</c> heading whose anchor is the link's fragment.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly Lazy<string[]> AnalyzersMdLines = new(() =>
        File.ReadAllLines(Path.Combine(FindRepositoryRoot(), "analyzers.md"), Encoding.UTF8));

    public static TheoryData<string> DescriptorIds()
    {
        var ids = new TheoryData<string>();
        foreach (var id in Descriptors().Keys.Order(StringComparer.Ordinal))
        {
            ids.Add(id);
        }

        return ids;
    }

    [Fact]
    public void Descriptors_are_found_by_reflection()
    {
        var descriptors = Descriptors();
        Assert.Contains(DiagnosticIds.ScopeHeaderLiteral, descriptors.Keys);
        Assert.Contains(DiagnosticIds.ScopeHeaderMisspelling, descriptors.Keys);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_has_a_help_link_to_its_section_of_analyzers_md(string id)
    {
        var descriptor = Descriptors()[id];

        Assert.False(string.IsNullOrWhiteSpace(descriptor.HelpLinkUri), $"{id} has no help link.");
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + id.ToLowerInvariant(), descriptor.HelpLinkUri);
        Assert.EndsWith("/analyzers.md#", DiagnosticDescriptors.HelpLinkBase, StringComparison.Ordinal);
        var fragment = new Uri(descriptor.HelpLinkUri).Fragment.TrimStart('#');

        var lines = AnalyzersMdLines.Value;
        var heading = $"## {id}: {descriptor.Title}";
        var index = Array.FindIndex(lines, line => line.TrimEnd() == heading);
        Assert.True(index >= 0, $"analyzers.md has no section \"{heading}\" for {id}.");

        Assert.True(
            HasAnchorBefore(lines, index, fragment) || GitHubSlug(heading) == fragment,
            $"The section \"{heading}\" has no anchor \"{fragment}\" for the help link {descriptor.HelpLinkUri}: "
            + $"put <a id=\"{fragment}\"></a> on the line before it.");
    }

    [Fact]
    public void Every_TRC_section_of_analyzers_md_belongs_to_a_descriptor()
    {
        var ids = Descriptors().Keys.ToHashSet(StringComparer.Ordinal);
        var stale = AnalyzersMdLines.Value
            .Select(line => SectionHeading().Match(line))
            .Where(match => match.Success && !ids.Contains(match.Groups["id"].Value))
            .Select(match => match.Value)
            .ToList();
        Assert.Empty(stale);
    }

    /// <summary>The public static descriptor fields of <see cref="DiagnosticDescriptors"/>, by id.</summary>
    private static Dictionary<string, DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .ToDictionary(descriptor => descriptor.Id, StringComparer.Ordinal);

    /// <summary>An explicit <c>&lt;a id="..."&gt;</c> (or name) on the nearest non-blank line above the heading.</summary>
    private static bool HasAnchorBefore(string[] lines, int headingIndex, string fragment)
    {
        for (var i = headingIndex - 1; i >= 0; i--)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            return lines[i].Contains($"<a id=\"{fragment}\"", StringComparison.Ordinal)
                || lines[i].Contains($"<a name=\"{fragment}\"", StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>The anchor GitHub generates for a heading: lower case, punctuation dropped, spaces to dashes.</summary>
    private static string GitHubSlug(string heading)
    {
        var text = heading.TrimStart('#').Trim().ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tracentic.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Tracentic.Generators.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^## (?<id>TRC\d{3})\b")]
    private static partial Regex SectionHeading();
}
