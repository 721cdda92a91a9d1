using System.Text.RegularExpressions;

namespace EthicsBot.Features.Safety;

/// <summary>
/// The sentences and lines of a message, for the report screen to judge one by one: people write a question first and
/// then what is really on their mind ("Can I accept a gift from a supplier? Also my supervisor demanded sex…"), and a
/// question in one sentence must not hide a report in the next. Splits at sentence ends in any script (. ! ? … ؟ ۔ 。)
/// and at line breaks; a fragment of fewer than <see cref="MinWords"/> words ("Hi.", "Thanks!", "Mr.") joins the part
/// after it, so no part is judged without its words.
/// </summary>
public static partial class MessageParts
{
    /// <summary>Fewer words than this and a fragment is no part of its own.</summary>
    public const int MinWords = 4;

    /// <summary>
    /// The parts of <paramref name="message"/> when it has two or more, each trimmed; empty for a single-part message
    /// (the whole message is judged anyway). At most <paramref name="max"/> parts: what follows the last is joined to it.
    /// </summary>
    public static IReadOnlyList<string> Of(string? message, int max = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(message) || max < 2)
            return [];
        var parts = new List<string>();
        var pending = "";
        foreach (var piece in Boundary().Split(message))
        {
            var text = piece.Trim();
            if (text.Length == 0)
                continue;
            pending = pending.Length == 0 ? text : pending + " " + text;
            if (Words(pending) >= MinWords)
            {
                parts.Add(pending);
                pending = "";
            }
        }
        if (pending.Length > 0)
        {
            if (parts.Count == 0)
                return [];
            parts[^1] += " " + pending;
        }
        if (parts.Count > max)
        {
            parts[max - 1] = string.Join(' ', parts.Skip(max - 1));
            parts.RemoveRange(max, parts.Count - max);
        }
        return parts.Count > 1 ? parts : [];
    }

    /// <summary>Whether a part asks: it ends with a question mark in any script, or opens with Spanish's ¿.</summary>
    public static bool IsQuestion(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var text = part.TrimEnd(' ', '\t', '"', '\'', '”', '»', ')');
        return text.EndsWith('?') || text.EndsWith('؟') || text.EndsWith('？') || part.TrimStart().StartsWith('¿');
    }

    private static int Words(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
                words++;
            inWord = letter;
        }
        return words;
    }

    // After a sentence end followed by space (the mark stays with its sentence), or at any line break.
    [GeneratedRegex(@"(?<=[.!?…؟۔。！？])\s+|\r?\n|\r")]
    private static partial Regex Boundary();
}
