using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Text;

namespace EthicsBot.Features.Answers;

/// <summary>
/// The language a message is answered in (its bank, its cards) when it is clearly not English: as the screen's
/// identifier read it, when English is not among the languages it may be in and the message is more than a few words
/// (a short English keyword query — "fraud", "per diem rules" — reads as anything), or is mostly in a non-Latin script;
/// otherwise by its script or function words (<see cref="LanguageNotice.Detect"/>). "en" when the message reads as
/// English; null when it cannot be told (the card then follows Teams' locale).
/// </summary>
public static class MessageLanguage
{
    /// <summary>Fewer words than this (in a Latin script) are not enough to tell a language from English.</summary>
    public const int MinWords = 4;

    public static string? Of(string message, ReportVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Language is not { } read)
            return LanguageNotice.Detect(message);
        if (read == "en" || verdict.Languages.Contains("en"))
            return "en";
        return MostlyNonLatin(message) || NgramFeatures.Words(message).Count(w => w != "?") >= MinWords ? read : LanguageNotice.Detect(message);
    }

    private static bool MostlyNonLatin(string message)
    {
        var letters = message.Count(char.IsLetter);
        return letters > 0 && message.Count(c => char.IsLetter(c) && c > '\u024F') * 2 > letters;
    }
}
