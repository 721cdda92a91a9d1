using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EthicsBot.Knowledge.Documents;

/// <summary>
/// Turns the lines of a Code (a text export of a PDF, or lines PdfPig read from the PDF itself) into clauses.
/// It knows the noise such exports carry, not any one document: page breaks in mid-sentence, the page's link URLs
/// gathered after it, lettered items extracted as a column apart from their text, footnotes in mid-paragraph,
/// headings on their own lines. Paragraph numbers must follow one another (1, 1.1, 1.2, 2 … or 4.0, 5.0, 5.1 …),
/// which is what tells a paragraph number from a number that merely starts a line.
/// </summary>
public static partial class CodeParser
{
    private const int MaxHeadingWords = 10;
    private const int MaxHeadingLength = 80;

    [GeneratedRegex(@"^(?<num>\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+(?<rest>\S.*))?$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^https?://\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^\(?[a-z]\)$")]
    private static partial Regex LoneLetterMarker();

    [GeneratedRegex(@"^\d{1,2}$")]
    private static partial Regex LoneSmallNumber();

    [GeneratedRegex(@"\s*\(link\)", RegexOptions.IgnoreCase)]
    private static partial Regex LinkMarker();

    /// <summary>The text without the source's "(link)" markers, as the parsed Code reads.</summary>
    public static string WithoutLinkMarkers(string text) => LinkMarker().Replace(text, "");

    [GeneratedRegex(@"^(\(?[a-z]\)|[•▪◦\-–*]|\d{1,2}\))\s")]
    private static partial Regex ListItemStart();

    [GeneratedRegex(@"^\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"\s+([.,;:])(?=\s|$)")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex RunsOfSpaces();

    /// <summary>Parses a document's lines into clauses. Throws <see cref="KnowledgeException"/> when none are found.</summary>
    public static IReadOnlyList<Clause> Parse(IEnumerable<string> lines, DocumentMetadata metadata, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(metadata);
        var prepared = PairLetterColumns(lines.Select(l => l.Replace('\f', ' ').Trim()).ToList());
        var drafts = new Walker(prepared).Run();
        if (drafts.Count == 0)
            throw new KnowledgeException(sourceName, "no numbered clauses were found in it");

        var clauses = new List<Clause>(drafts.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            var id = $"{metadata.Organization}-{draft.Number}";
            if (!seen.Add(id))
                throw new KnowledgeException(sourceName, $"clause {draft.Number} appears twice");
            var text = draft.BuildText();
            var title = draft.Title ?? draft.Section ?? "";
            if (text.Length == 0)
                text = title;
            if (text.Length == 0)
                throw new KnowledgeException(sourceName, $"clause {draft.Number} has neither text nor title");
            clauses.Add(new Clause(id, metadata.Organization, draft.Number, title, text, draft.Links.ToArray(), metadata.Title, clauses.Count));
        }
        return clauses;
    }

    /// <summary>
    /// PDF exports often give a list's markers ("a)", "b)", …) as one column and the items' text as the next, with
    /// the following paragraph number caught in between. Put each marker back in front of its item, and the number after.
    /// </summary>
    internal static List<string> PairLetterColumns(List<string> lines)
    {
        var result = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var markers = new List<string>();
            var j = i;
            while (j < lines.Count && LoneLetterMarker().IsMatch(lines[j]))
                markers.Add(lines[j++]);
            if (markers.Count < 2)
            {
                result.Add(lines[i]);
                continue;
            }
            var deferred = new List<string>();
            var items = new List<string>();
            while (j < lines.Count && items.Count < markers.Count)
            {
                var line = lines[j++];
                if (line.Length == 0)
                    continue;
                if (NumberedLine().Match(line) is { Success: true } m && !m.Groups["rest"].Success)
                    deferred.Add(line);
                else
                    items.Add(line);
            }
            if (items.Count < markers.Count)
            {
                result.Add(lines[i]);
                continue;
            }
            for (var k = 0; k < markers.Count; k++)
                result.Add(markers[k] + " " + items[k]);
            result.Add("");
            result.AddRange(deferred);
            i = j - 1;
        }
        return result;
    }

    private static int[]? ParseNumber(string number)
    {
        var parts = number.Split('.');
        var result = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]))
                return null;
        return result;
    }

    /// <summary>True when <paramref name="next"/> can follow <paramref name="previous"/> in an outline: the next sibling, a first child, or the next item of an enclosing level.</summary>
    internal static bool Follows(int[]? previous, int[] next)
    {
        if (previous is null)
            return next.All(n => n is 0 or 1);
        for (var i = 0; i <= previous.Length && i < next.Length; i++)
        {
            if (i > 0 && next[i - 1] != previous[i - 1])
                return false;
            var stepped = i < previous.Length ? next[i] == previous[i] + 1 : next[i] is 0 or 1;
            if (stepped && next.Skip(i + 1).All(n => n is 0 or 1))
                return true;
        }
        return false;
    }

    private static bool LooksLikeHeading(string line) =>
        line.Length is > 1 and <= MaxHeadingLength
        && char.IsUpper(line[0])
        && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords
        && !".,;:".Contains(line[^1], StringComparison.Ordinal)
        && !UrlLine().IsMatch(line)
        && !ListItemStart().IsMatch(line + " ");

    private static bool IsAllCaps(string line) =>
        line.Any(char.IsLetter) && !line.Any(char.IsLower);

    private static string SentenceCase(string caps) =>
        caps.Length == 0 ? caps : char.ToUpperInvariant(caps[0]) + caps[1..].ToLowerInvariant();

    private sealed class Draft(string number, int[] parts, string? section)
    {
        public string Number { get; } = number;
        public int[] Parts { get; } = parts;
        public string? Section { get; } = section;
        public string? Title { get; set; }
        public List<string> Body { get; } = [];
        public List<string> Footnotes { get; } = [];
        public List<string> Links { get; } = [];

        public string BuildText()
        {
            var paragraphs = new List<StringBuilder>();
            var current = new StringBuilder();
            void Close()
            {
                if (current.Length > 0)
                    paragraphs.Add(current);
                current = new StringBuilder();
            }
            foreach (var raw in Body)
            {
                if (raw.Length == 0)
                {
                    Close();
                    continue;
                }
                var line = LinkMarker().Replace(raw, "");
                if (current.Length > 0 && ListItemStart().IsMatch(line))
                    Close();
                if (current.Length == 0 && paragraphs.Count > 0 && ContinuesSentence(paragraphs[^1], line))
                {
                    current = paragraphs[^1];
                    paragraphs.RemoveAt(paragraphs.Count - 1);
                }
                if (current.Length > 0)
                    current.Append(' ');
                current.Append(line);
            }
            Close();
            var text = string.Join("\n", paragraphs.Select(p => SpaceBeforePunctuation().Replace(RunsOfSpaces().Replace(p.ToString(), " "), "$1").Trim()));
            foreach (var footnote in Footnotes)
                text += "\n" + footnote;
            return text.Trim();
        }

        // A page break in mid-sentence leaves a paragraph without an end and the next starting in lower case.
        private static bool ContinuesSentence(StringBuilder previous, string line)
        {
            var last = previous.ToString().TrimEnd();
            return last.Length > 0 && !".:;!?)".Contains(last[^1], StringComparison.Ordinal) && char.IsLower(line[0])
                   && !ListItemStart().IsMatch(line);
        }
    }

    private sealed class Walker(List<string> lines)
    {
        private readonly List<Draft> _drafts = [];
        private readonly List<Draft> _pageClauses = [];
        private readonly Queue<Draft> _pendingLinks = new();
        private readonly List<string> _unmatchedUrls = [];
        private Draft? _current;
        private string? _section;

        public List<Draft> Run()
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.Length == 0)
                {
                    _current?.Body.Add("");
                    continue;
                }
                if (UrlLine().IsMatch(line))
                {
                    AssignUrl(line);
                    if (NextNonBlank(i) is not { } n || !UrlLine().IsMatch(lines[n]))
                        EndPage();
                    continue;
                }
                if (TryStartClause(i, out var consumed))
                {
                    i = consumed;
                    continue;
                }
                if (LooksLikeHeading(line) && NextNonBlank(i) is { } next && IsClauseStart(lines[next]))
                {
                    _section = line;
                    continue;
                }
                if (_current is null)
                    continue; // front matter before the first numbered paragraph (e.g. "SUBJECT:")
                if (LoneSmallNumber().IsMatch(line) && TryFootnote(i, out consumed))
                {
                    i = consumed;
                    continue;
                }
                _current.Body.Add(line);
                foreach (Match _ in LinkMarker().Matches(line))
                    _pendingLinks.Enqueue(_current);
            }
            EndPage();
            return _drafts;
        }

        private int? NextNonBlank(int i)
        {
            for (var j = i + 1; j < lines.Count; j++)
                if (lines[j].Length > 0)
                    return j;
            return null;
        }

        private bool IsClauseStart(string line) =>
            NumberedLine().Match(line) is { Success: true } m
            && ParseNumber(m.Groups["num"].Value) is { } parts
            && Follows(_current?.Parts, parts)
            && (!m.Groups["rest"].Success || !char.IsLower(m.Groups["rest"].Value[0]));

        private bool TryStartClause(int i, out int consumed)
        {
            consumed = i;
            var line = lines[i];
            if (!IsClauseStart(line))
                return false;
            var m = NumberedLine().Match(line);
            var number = m.Groups["num"].Value;
            var parts = ParseNumber(number)!;
            if (parts.Length == 1 || parts[^1] == 0)
                _section = null; // a new top-level part: the previous section heading no longer applies
            var draft = new Draft(number, parts, _section);
            _drafts.Add(draft);
            _pageClauses.Add(draft);
            _current = draft;

            if (m.Groups["rest"].Success)
            {
                var rest = m.Groups["rest"].Value.Trim();
                var next = NextNonBlank(i);
                var continues = next is { } n && char.IsLower(lines[n][0]);
                if (LooksLikeHeading(rest) && rest.Length <= 70 && !continues)
                    draft.Title = rest;
                else
                {
                    draft.Body.Add(rest);
                    foreach (Match _ in LinkMarker().Matches(rest))
                        _pendingLinks.Enqueue(draft);
                }
                return true;
            }

            // A bare number: an all-capitals heading may follow (with the document's subject and date before it).
            var j = i;
            while (NextNonBlank(j) is { } h && (IsAllCaps(lines[h]) || DateLine().IsMatch(lines[h])) && !IsClauseStart(lines[h]))
            {
                if (IsAllCaps(lines[h]))
                    draft.Title = SentenceCase(lines[h]);
                j = h;
            }
            consumed = j;
            return true;
        }

        // A lone small number inside a paragraph whose text carries the same number as a marker ("beneficiaries.1")
        // starts a footnote: it runs until the interrupted sentence resumes in lower case, or a blank line after it.
        private bool TryFootnote(int i, out int consumed)
        {
            consumed = i;
            var marker = lines[i];
            var markerPattern = new Regex(@"(?<=[\p{L}.)])" + marker + @"(?=\s|$)");
            var index = _current!.Body.FindLastIndex(l => markerPattern.IsMatch(l));
            if (index < 0)
                return false;
            _current.Body[index] = markerPattern.Replace(_current.Body[index], "[" + marker + "]", 1);
            var text = new StringBuilder();
            var j = i + 1;
            for (; j < lines.Count; j++)
            {
                var line = lines[j];
                if (line.Length == 0)
                {
                    if (text.Length > 0 && NextNonBlank(j) is { } n && !char.IsLower(lines[n][0]))
                        break;
                    continue;
                }
                if (text.Length > 0 && char.IsLower(line[0]) && ".;".Contains(text[^1], StringComparison.Ordinal))
                    break;
                if (IsClauseStart(line) || UrlLine().IsMatch(line))
                    break;
                if (text.Length > 0)
                    text.Append(' ');
                text.Append(line);
            }
            _current.Footnotes.Add($"[{marker}] {text}");
            consumed = j - 1;
            return true;
        }

        private void AssignUrl(string url)
        {
            if (_pendingLinks.TryDequeue(out var owner))
                owner.Links.Add(url);
            else
                _unmatchedUrls.Add(url);
        }

        // URLs the page text did not mark with "(link)" (a hyperlinked phrase) go to the clause of that page whose
        // words the URL shares most, rare words counting more; the page's first clause when none share any.
        private void EndPage()
        {
            foreach (var url in _unmatchedUrls)
            {
                if (_pageClauses.Count == 0)
                    break;
                var urlWords = Words(Uri.UnescapeDataString(url));
                var clauseWords = _pageClauses.Select(c => Words(string.Join(" ", c.Body) + " " + c.Title)).ToList();
                Draft best = _pageClauses[0];
                var bestScore = 0.0;
                for (var c = 0; c < _pageClauses.Count; c++)
                {
                    var score = urlWords.Where(clauseWords[c].Contains)
                        .Sum(w => 1.0 / clauseWords.Count(cw => cw.Contains(w)));
                    if (score > bestScore)
                        (best, bestScore) = (_pageClauses[c], score);
                }
                best.Links.Add(url);
            }
            _unmatchedUrls.Clear();
            _pendingLinks.Clear();
            _pageClauses.Clear();
            if (_current is not null)
                _pageClauses.Add(_current);
        }

        private static HashSet<string> Words(string text) =>
            Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}]+")
                .Where(w => w.Length > 2 && w is not ("http" or "https" or "www" or "com" or "org" or "aspx" or "pdf"))
                .ToHashSet(StringComparer.Ordinal);
    }
}
