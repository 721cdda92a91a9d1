using System.Text;
using System.Text.RegularExpressions;

namespace EthicsBot.Tests.Docs;

/// <summary>
/// The README stays a five-minute read and the pages under docs/ stay reachable: every relative link and image in
/// README.md and docs/*.md names a file that exists (and, with a #anchor, a heading of that file, as GitHub makes
/// anchors), every docs page is linked from the README and links back to it, and the README is at most 250 lines.
/// Links inside code (fenced blocks, `spans`) are text, not links, and are not read.
/// </summary>
public sealed partial class DocsLinkTests
{
    public const int ReadmeMaxLines = 250;

    [Fact]
    public void The_readme_is_at_most_250_lines()
    {
        var lines = File.ReadAllLines(Repo.Combine("README.md")).Length;
        Assert.True(lines <= ReadmeMaxLines,
            $"README.md has {lines} lines; keep it at most {ReadmeMaxLines} and move the rest to a page under docs/.");
    }

    [Fact]
    public void Every_relative_link_and_image_in_the_readme_and_docs_resolves()
    {
        var broken = MarkdownFiles().SelectMany(BrokenLinks).ToList();
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_docs_page_is_linked_from_the_readme_and_links_back_to_it()
    {
        var readme = Repo.Combine("README.md");
        var fromReadme = Links(File.ReadAllText(readme))
            .Select(l => Resolve(readme, l).File).OfType<string>().Select(Path.GetFullPath).ToHashSet();
        var problems = new List<string>();
        foreach (var page in Directory.GetFiles(Repo.Combine("docs"), "*.md"))
        {
            var name = Path.GetRelativePath(Repo.Root, page);
            if (!fromReadme.Contains(Path.GetFullPath(page))) problems.Add($"{name} is not linked from README.md");
            var back = Links(File.ReadAllText(page)).Any(l => Resolve(page, l).File is { } f
                && Path.GetFullPath(f) == Path.GetFullPath(readme));
            if (!back) problems.Add($"{name} does not link back to README.md");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_checker_finds_a_missing_file_a_missing_heading_and_skips_code()
    {
        const string text = """
            # A heading, with `code` and punctuation!
            [ok](#a-heading-with-code-and-punctuation) [missing anchor](#nowhere) ![missing image](images/none.png)
            [web](https://example.org/x.md) `[in a span](nowhere.md)`
            ```
            [in a fence](nowhere.md)
            ```
            """;
        var links = Links(text).ToList();
        Assert.Equal(["#a-heading-with-code-and-punctuation", "#nowhere", "images/none.png", "https://example.org/x.md"], links);
        Assert.Equal(["a-heading-with-code-and-punctuation"], Anchors(text));
        Assert.Equal("the-ethics-offices-desk", Slug("The ethics office's desk"));
        Assert.Equal("the-desk-section-desk", Slug("The desk (section `Desk`)"));
    }

    private static IEnumerable<string> MarkdownFiles() =>
        [Repo.Combine("README.md"), .. Directory.GetFiles(Repo.Combine("docs"), "*.md").Order(StringComparer.Ordinal)];

    private static IEnumerable<string> BrokenLinks(string file)
    {
        var name = Path.GetRelativePath(Repo.Root, file);
        foreach (var link in Links(File.ReadAllText(file)))
        {
            var (target, anchor) = Resolve(file, link);
            if (target is null) continue;
            if (!File.Exists(target) && !Directory.Exists(target))
                yield return $"{name}: {link} (no file {Path.GetRelativePath(Repo.Root, target)})";
            else if (anchor is not null && (!File.Exists(target) || !Anchors(File.ReadAllText(target)).Contains(anchor)))
                yield return $"{name}: {link} (no heading #{anchor} in {Path.GetRelativePath(Repo.Root, target)})";
        }
    }

    /// <summary>The file a link names (null for an absolute URL) and its anchor, if any.</summary>
    private static (string? File, string? Anchor) Resolve(string from, string link)
    {
        if (SchemePattern().IsMatch(link)) return (null, null);
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? link : link[..hash];
        var anchor = hash < 0 ? null : link[(hash + 1)..];
        var target = path.Length == 0 ? from : Path.Combine(Path.GetDirectoryName(from)!, Uri.UnescapeDataString(path));
        return (target, anchor);
    }

    /// <summary>Link and image targets of a Markdown text, outside fenced code blocks and code spans.</summary>
    private static IEnumerable<string> Links(string markdown) =>
        Prose(markdown).SelectMany(line => LinkPattern().Matches(CodeSpanPattern().Replace(line, ""))
            .Select(m => m.Groups["target"].Value));

    /// <summary>The anchors GitHub makes for a text's headings (a repeated heading gets -1, -2 …).</summary>
    private static List<string> Anchors(string markdown)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new List<string>();
        foreach (var line in Prose(markdown))
        {
            var heading = HeadingPattern().Match(line);
            if (!heading.Success) continue;
            var slug = Slug(heading.Groups["text"].Value);
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }
        return anchors;
    }

    private static string Slug(string heading)
    {
        var text = LinkPattern().Replace(heading, m => m.Groups["text"].Value).Trim().ToLowerInvariant();
        var slug = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
            else if (c == ' ') slug.Append('-');
        }
        return slug.ToString();
    }

    private static IEnumerable<string> Prose(string markdown)
    {
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (!inFence) yield return line;
        }
    }

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpanPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemePattern();
}
