using System.Text.RegularExpressions;

namespace EthicsBot.Features.Answers;

/// <summary>
/// A quote as a card shows it: whole sentences, as many as fit; a sentence longer than the room left is shortened only
/// at a clause boundary (", provided that…", ", who may…", "; …"), marked "…" — never cut in the middle of a clause.
/// </summary>
public static partial class QuoteText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// The sentences in order while they fit <paramref name="maxCharacters"/>, the first one always (shortened if it
    /// must be); sentences that do not follow one another in <paramref name="clauseText"/> are joined by "…".
    /// </summary>
    public static string Of(IReadOnlyList<string> sentences, int maxCharacters, string clauseText = "")
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(clauseText);
        if (sentences.Count == 0)
            return "";
        var text = Shorten(sentences[0], maxCharacters);
        var whole = Spaces().Replace(clauseText, " ");
        for (var i = 1; i < sentences.Count && !text.EndsWith(Ellipsis, StringComparison.Ordinal); i++)
        {
            var joint = whole.Length == 0 || whole.Contains($"{Spaces().Replace(sentences[i - 1], " ")} {Spaces().Replace(sentences[i], " ")}", StringComparison.Ordinal)
                ? " " : $" {Ellipsis} ";
            if (text.Length + joint.Length + sentences[i].Length > maxCharacters)
                break;
            text += joint + sentences[i];
        }
        return text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>
    /// The sentence itself when it fits; otherwise its longest opening that ends at a clause boundary and fits, then
    /// "…"; the whole sentence when no boundary does (a sentence is never cut inside a clause).
    /// </summary>
    public static string Shorten(string sentence, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (sentence.Length <= maxCharacters)
            return sentence;
        var cut = ClauseBoundary().Matches(sentence).Select(m => m.Index).Where(i => i + 2 <= maxCharacters && i >= MinimumKept).DefaultIfEmpty(-1).Max();
        return cut < 0 ? sentence : sentence[..cut].TrimEnd(',', ';', ' ', '–', '—') + $" {Ellipsis}";
    }

    /// <summary>Shorter than this, an opening says too little to stand for the sentence.</summary>
    private const int MinimumKept = 60;

    /// <summary>Where one clause ends and the next begins: a comma, semicolon or dash before a word that opens a clause.</summary>
    [GeneratedRegex(@"(?:,|;|\s[–—])\s+(?=(and|or|but|nor|who|whom|whose|which|where|when|whether|provided|except|unless|if|including|so that|because|since|while|although|regardless|as well as|particularly|in particular|such as|directly or|s/he|he|she|they|it)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBoundary();
}
