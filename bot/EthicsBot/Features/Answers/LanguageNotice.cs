using System.Text.RegularExpressions;

namespace EthicsBot.Features.Answers;

/// <summary>
/// The embedded answers search English Codes with an English model: a question in another language would only get a
/// misleading "not covered". This tells, in the question's language where it can tell it (French, Spanish, Arabic),
/// that the bot answers in English only and how to reach the ethics office.
/// </summary>
public static partial class LanguageNotice
{
    /// <summary>"fr", "es", "ar" or "other" for a message not in English; null for English (or too short to tell).</summary>
    public static string? Detect(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var letters = message.Count(char.IsLetter);
        if (letters < 8)
            return null;
        if (message.Count(c => c is >= '\u0600' and <= '\u06FF') > letters / 3)
            return "ar";
        if (message.Count(c => char.IsLetter(c) && c > '\u024F') > letters / 3)
            return "other";
        var words = Word().Matches(message.ToLowerInvariant()).Select(m => m.Value).ToList();
        int Count(HashSet<string> set) => words.Count(set.Contains);
        var (en, fr, es) = (Count(English), Count(French), Count(Spanish));
        if (fr >= 2 && fr > en && fr >= es)
            return "fr";
        if (es >= 2 && es > en && es > fr)
            return "es";
        return null;
    }

    /// <summary>The language's name in English, for the model and the card's label.</summary>
    public static string Name(string language) => language switch
    {
        "fr" => "French",
        "es" => "Spanish",
        "ar" => "Arabic",
        "pt" => "Portuguese",
        _ => "the question's own language",
    };

    /// <summary>
    /// The notice for a detected language (English for others, with the office named), saying which languages the bot
    /// understands: <paramref name="understood"/>, the report screen's languages (from its model file, drawn from the
    /// corpus files), or English alone when not given.
    /// </summary>
    public static string Text(string language, string office, IReadOnlyList<string>? understood = null)
    {
        var languages = Understood(understood);
        return language switch
        {
            "fr" => $"Pour l'instant je réponds seulement en anglais. Posez votre question en anglais, ou envoyez-la au {office} avec le bouton ci-dessous : ils vous répondront. (I answer in English only for now; {languages}.)",
            "es" => $"Por ahora solo respondo en inglés. Haga su pregunta en inglés, o envíela a {office} con el botón de abajo: le responderán. (I answer in English only for now; {languages}.)",
            "ar" => $"أجيب باللغة الإنجليزية فقط في الوقت الحالي. اطرح سؤالك بالإنجليزية، أو أرسله إلى {office} بالزر أدناه وسيجيبونك. (I answer in English only for now; {languages}.)",
            _ => $"I answer in English only for now, and {languages}. Ask your question in English, or send it to the {office} with the button below and they will answer.",
        };
    }

    /// <summary>"I understand messages in Arabic, English, French, Portuguese and Spanish".</summary>
    public static string Understood(IReadOnlyList<string>? names)
    {
        if (names is not { Count: > 0 })
            return "I understand messages in English";
        var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        return $"I understand messages in {list}";
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
        { "the", "is", "a", "an", "i", "can", "my", "to", "of", "and", "for", "with", "what", "do", "how", "it", "in", "from", "should", "are" };

    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
        { "le", "les", "des", "est", "une", "je", "du", "pour", "avec", "mon", "puis", "peux", "qui", "pas", "sur", "dans", "cadeau", "être", "accepter", "ce", "cette", "mes", "vous", "nous", "ai", "au", "aux", "est-ce" };

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
        { "el", "los", "las", "es", "una", "yo", "del", "para", "con", "mi", "puedo", "regalo", "por", "qué", "como", "cómo", "aceptar", "mis", "usted", "tengo", "hay", "pero", "está", "al" };
}
