using System.Text;

namespace EthicsBot.Shared.Cards;

/// <summary>
/// Text a person typed (a question, a form's answer, an office member's answer or comment, a display name), made safe
/// to show where Teams renders Markdown: card TextBlocks and Fact values, and message text. What can open a Markdown
/// construct is backslash-escaped — links and images (<c>[ ]</c>), emphasis and code (<c>* _ ~ `</c>), HTML and
/// autolinks (<c>&lt; &gt;</c>), and a heading or list at the start of a line (<c># - +</c>, <c>1.</c>) — so
/// <c>[Confirm your sign-in](https://evil.example)</c> shows as those characters, not as a link. Other punctuation is
/// left alone, so a client that shows escapes literally shows few of them. One helper, used by every card and message
/// that shows text someone else typed.
/// </summary>
public static class TypedText
{
    private const string Inline = "\\`*_[]<>~";

    /// <summary>The text with Markdown's syntax escaped; line breaks are kept as they were typed.</summary>
    public static string Escape(string? typed)
    {
        if (string.IsNullOrEmpty(typed))
            return "";
        var escaped = new StringBuilder(typed.Length + 16);
        var lineStart = true;
        for (var i = 0; i < typed.Length; i++)
        {
            var c = typed[i];
            if (lineStart && c is '#' or '-' or '+')
                escaped.Append('\\');
            else if (lineStart && char.IsAsciiDigit(c) && OrderedListMarker(typed, i) is var marker and > 0)
            {
                escaped.Append(typed, i, marker).Append('\\');
                i += marker - 1;
                lineStart = false;
                continue;
            }
            else if (Inline.Contains(c, StringComparison.Ordinal))
                escaped.Append('\\');
            escaped.Append(c);
            lineStart = c is '\n' or '\r' || (lineStart && c is ' ' or '\t');
        }
        return escaped.ToString();
    }

    // "12. " or "3) " at the start of a line: the length of the digits, so the mark after them can be escaped.
    private static int OrderedListMarker(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
            end++;
        return end < text.Length && text[end] is '.' or ')' ? end - start : 0;
    }
}
