using System.Text.RegularExpressions;
using EthicsBot.Knowledge.Text;
using EthicsBot.Shared.Localization;

namespace EthicsBot.Features.Answers;

/// <summary>Greetings, thanks, goodbyes and "help": answered in a sentence, never searched.</summary>
public static partial class SmallTalk
{
    /// <summary>What the bot can do, naming the disclosure forms this organisation has (and no other), in <paramref name="language"/>.</summary>
    public static string HelpText(IReadOnlyList<string> forms, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var t = CardLanguages.Default.For(language);
        // The forms are named as typed to start them (in English, which the commands are).
        var disclosures = forms.Count == 0 ? "" : t["HelpDisclosures", string.Join("; ", forms.Select(f => $"\"{f}\""))].Value;
        return t["HelpText", disclosures];
    }

    public static string IdentityText => CardLanguages.Default.English["SmallTalkIdentity"];

    /// <summary>
    /// The reply to a small-talk message, or null when the message is a real question. In another language when the
    /// message is one of that language's phrases (<c>SmallTalk…Words</c> in its cards' file: "merci", "شكرا").
    /// </summary>
    public static string? Reply(string text, IReadOnlyList<string>? forms = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (OtherLanguage(text) is { } other)
            return other.Kind == "Help" ? HelpText(forms ?? [], other.Language) : CardLanguages.Default.For(other.Language)[$"SmallTalk{other.Kind}"];
        var t = Punctuation().Replace(text.ToLowerInvariant(), " ").Trim();
        t = Spaces().Replace(t, " ");
        if (t.Length == 0 || t.Length > 60)
            return null;
        var english = CardLanguages.Default.English;
        if (Identity().IsMatch(t))
            return IdentityText;
        if (Help().IsMatch(t))
            return HelpText(forms ?? []);
        if (Thanks().IsMatch(t))
            return english["SmallTalkThanks"];
        if (Goodbye().IsMatch(t))
            return english["SmallTalkGoodbye"];
        if (Greeting().IsMatch(t))
            return english["SmallTalkHello"];
        return null;
    }

    /// <summary>Longer than this, a message is not small talk (the phrases are short; the English check stops at 60 too).</summary>
    private const int MaxPhraseCharacters = 120;

    private static readonly string[] Kinds = ["Identity", "Help", "Thanks", "Goodbye", "Hello"];

    /// <summary>Each other language's small-talk phrases, folded as messages are (accents, Arabic letter forms, case).</summary>
    private static readonly Lazy<List<(string Language, string Kind, HashSet<string> Phrases)>> Phrases = new(() =>
        [.. CardLanguages.Default.Languages.Where(l => l != "en").SelectMany(language => Kinds.Select(kind => (language, kind,
            CardLanguages.Default.For(language)[$"SmallTalk{kind}Words"].Value.Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Select(Folded).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal))))]);

    private static (string Language, string Kind)? OtherLanguage(string text)
    {
        if (text.Length > MaxPhraseCharacters)
            return null; // every message passes here: a long one is not folded for nothing
        var folded = Folded(text);
        if (folded.EndsWith(" ethicsbot", StringComparison.Ordinal) || folded.EndsWith(" bot", StringComparison.Ordinal))
            folded = folded[..folded.LastIndexOf(' ')];
        if (folded.Length is 0 or > 60)
            return null;
        foreach (var (language, kind, phrases) in Phrases.Value)
            if (phrases.Contains(folded))
                return (language, kind);
        return null;
    }

    private static string Folded(string text) => string.Join(' ', NgramFeatures.Words(text).Where(w => w != "?"));

    [GeneratedRegex(@"[^\p{L}\p{N}' ]+")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(who are you|what are you|are you (a )?(human|person|bot|robot|real|ai)|who am i (talking|speaking) to|who is this|who made you)$")]
    private static partial Regex Identity();

    [GeneratedRegex(@"^(help|help me|menu|commands|what can you do|what do you do|how does this work|how do you work)( please)?$")]
    private static partial Regex Help();

    [GeneratedRegex(@"^((many |great )?thanks?( you)?( so much| very much| a lot)?|thx|ty|cheers|great thanks|ok thanks|okay thanks|thanks that helps|thank you that helps|that helps|perfect|got it|ok|okay|great|cool)( bot| ethicsbot)?$")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(bye|goodbye|see you|see you later|that's all|that is all|nothing else)$")]
    private static partial Regex Goodbye();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|good (morning|afternoon|evening|day)|greetings|hi there|hello there|hey there|salut|bonjour|hola)( bot| ethicsbot| there)?$")]
    private static partial Regex Greeting();
}
