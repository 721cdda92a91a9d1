using System.Text.RegularExpressions;

namespace EthicsBot.Features.Answers;

/// <summary>Greetings, thanks, goodbyes and "help": answered in a sentence, never searched.</summary>
public static partial class SmallTalk
{
    /// <summary>What the bot can do, naming the disclosure forms this organisation has (and no other).</summary>
    public static string HelpText(IReadOnlyList<string> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var disclosures = forms.Count == 0
            ? ""
            : $"To make a disclosure, say so: {string.Join("; ", forms.Select(f => $"\"{f}\""))}. \"My disclosures\" shows yours. ";
        return "Ask me about the Code of Conduct in your own words, e.g. \"Can I accept a gift from a supplier?\" or " +
               "\"My brother wants to bid on a tender, what should I do?\". I answer by quoting the clauses of the Code, " +
               "and I can pass a question to the ethics office. " + disclosures +
               "To report misconduct, say so and I will show you the confidential reporting channel. This chat is not anonymous.";
    }

    public const string IdentityText =
        "I'm EthicsBot, an assistant for questions about your organisation's Code of Conduct. I'm a program, not a person: " +
        "I quote and cite the Code's clauses, help you make disclosures, and pass questions I cannot answer to the ethics " +
        "office, whose people answer them. I don't decide cases. Type \"help\" to see what I can do.";

    /// <summary>The reply to a small-talk message, or null when the message is a real question.</summary>
    public static string? Reply(string text, IReadOnlyList<string>? forms = null)
    {
        var t = Punctuation().Replace(text.ToLowerInvariant(), " ").Trim();
        t = Spaces().Replace(t, " ");
        if (t.Length == 0 || t.Length > 60)
            return null;
        if (Identity().IsMatch(t))
            return IdentityText;
        if (Help().IsMatch(t))
            return HelpText(forms ?? []);
        if (Thanks().IsMatch(t))
            return "You're welcome. Ask me anything else about the Code whenever you need.";
        if (Goodbye().IsMatch(t))
            return "Goodbye. I'm here whenever you have a question about the Code.";
        if (Greeting().IsMatch(t))
            return "Hello! Ask me anything about the Code of Conduct — gifts, conflicts of interest, outside activities and more. Type \"help\" to see what I can do.";
        return null;
    }

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
