using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace EthicsBot.Knowledge.Text;

/// <summary>
/// The text the n-gram screen reads: one spelling for the many ways people type the same word. Lower case; Latin
/// letters without their diacritics (harcèlement, harcelement); Arabic without its vowel marks (tashkeel) and tatweel,
/// its alef, yaa, taa marbuta, waw- and yaa-hamza forms written one way each (أإآٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي; the
/// Persian-keyboard ی and ک as ي and ك); every script's digits as ASCII; a question mark in any script as "?", its
/// own token; any other punctuation or symbol a space. Rules per script, none per language.
/// </summary>
/// <remarks>
/// Written out rather than <c>string.Normalize(FormKD)</c>: the bot runs with invariant globalization (no ICU), where
/// normalisation leaves the text as it is. Combining marks typed as such (e + U+0301) are dropped all the same.
/// </remarks>
public static class TextFolding
{
    // Each group: the base letter(s), then every lower-case letter that folds to it.
    private static readonly string[] Latin =
    [
        "a àáâãäåāăąǎ", "c çćĉċč", "d ďđ", "e èéêëēĕėęěẽ", "g ĝğġģ", "h ĥħ", "i ìíîïĩīĭįıǐ", "j ĵ", "k ķ", "l ĺļľŀł",
        "n ñńņňŉ", "o òóôõöøōŏőǒ", "r ŕŗř", "s śŝşšș", "t ţťŧț", "u ùúûüũūŭůűųǔ", "w ŵ", "y ýÿŷ", "z źżž",
        "oe œ", "ae æ", "ss ß",
    ];

    private static readonly (string From, string To)[] Arabic =
    [
        ("أإآٱ", "ا"), ("ؤ", "و"), ("ئىی", "ي"), ("ة", "ه"), ("ک", "ك"),
    ];

    private static readonly FrozenDictionary<char, string> Map = BuildMap();

    private static FrozenDictionary<char, string> BuildMap()
    {
        var map = new Dictionary<char, string>();
        foreach (var group in Latin)
        {
            var space = group.IndexOf(' ', StringComparison.Ordinal);
            foreach (var c in group[(space + 1)..])
                map[c] = group[..space];
        }
        foreach (var (from, to) in Arabic)
            foreach (var c in from)
                map[c] = to;
        return map.ToFrozenDictionary();
    }

    private const char Tatweel = '\u0640';

    /// <summary>The folded text: tokens separated by single spaces, no leading or trailing space.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var folded = new StringBuilder(text.Length + 8);
        var space = true; // at the start, as after a space: no leading space
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || c == Tatweel)
                continue;
            if (c is '?' or '؟' or '¿' or '？' or '⸮')
            {
                if (!space)
                    folded.Append(' ');
                folded.Append("? ");
                space = true;
                continue;
            }
            if (CharUnicodeInfo.GetDecimalDigitValue(c) is var digit and >= 0)
            {
                folded.Append((char)('0' + digit));
                space = false;
            }
            else if (char.IsLetter(c) || category == UnicodeCategory.SpacingCombiningMark)
            {
                if (Map.TryGetValue(c, out var to))
                    folded.Append(to);
                else
                    folded.Append(c);
                space = false;
            }
            else if (!space)
            {
                folded.Append(' ');
                space = true;
            }
        }
        if (folded.Length > 0 && folded[^1] == ' ')
            folded.Length--;
        return folded.ToString();
    }
}
