using System.Text.RegularExpressions;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// Recognises disclosure requests in chat messages: "I want to declare a gift", "disclose a conflict of interest",
/// "my disclosures", "continue my disclosure", "cancel", "back". A question ("Do I need to declare a gift?") is not
/// a request, nor is a situation ("I have a financial interest in a company we deal with"): both are answered from
/// the Code, with the disclosure button under the answer. Each form's words come
/// from its file (<see cref="FormDefinition.Keywords"/>).
/// </summary>
public static partial class DisclosureIntent
{
    public static (DisclosureCommand Command, FormDefinition? Form) Match(string message, IReadOnlyList<FormDefinition> forms)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(forms);
        var text = Normalize(message);
        if (text.Length == 0 || text.Length > 200)
            return (DisclosureCommand.None, null);
        if (ListWords().IsMatch(text))
            return (DisclosureCommand.List, null);
        if (ContinueWords().IsMatch(text))
            return (DisclosureCommand.Continue, null);
        if (CancelWords().IsMatch(text))
            return (DisclosureCommand.Cancel, null);
        if (BackWords().IsMatch(text))
            return (DisclosureCommand.Back, null);
        if (IsQuestion(text))
            return (DisclosureCommand.None, null);

        // A form named outright ("gift declaration", a form title from the command menu) or a request to declare.
        foreach (var form in forms)
            if (string.Equals(text, Normalize(form.Title), StringComparison.Ordinal) || string.Equals(text, Normalize(form.Noun), StringComparison.Ordinal))
                return (DisclosureCommand.Start, form);
        if (!RequestWords().IsMatch(text))
            return (DisclosureCommand.None, null);
        var best = forms
            .Select(f => (Form: f, Hit: f.Keywords.Where(k => ContainsWord(text, Normalize(k))).Select(k => k.Length).DefaultIfEmpty(0).Max()))
            .Where(x => x.Hit > 0)
            .OrderByDescending(x => x.Hit)
            .FirstOrDefault();
        return best.Form is null ? (DisclosureCommand.None, null) : (DisclosureCommand.Start, best.Form);
    }

    private static bool IsQuestion(string text) => text.EndsWith('?') || QuestionStart().IsMatch(text);

    private static bool ContainsWord(string text, string phrase) =>
        phrase.Length > 0 && Regex.IsMatch(text, $@"(^|\W){Regex.Escape(phrase)}($|\W)", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static string Normalize(string text) => Spaces().Replace(text.Trim().ToLowerInvariant().Replace('’', '\''), " ").TrimEnd('.', '!', ' ');

    [GeneratedRegex(@"^(show |list |see |view )?(me )?(all )?my (own )?(disclosures|declarations)( status)?$|^(status of )?my (disclosures|declarations)$")]
    private static partial Regex ListWords();

    [GeneratedRegex(@"^(continue|resume)( my)?( (disclosure|declaration|form))?$")]
    private static partial Regex ContinueWords();

    [GeneratedRegex(@"^(cancel|stop|abort|discard)( (it|this|that|my (disclosure|declaration|form)|the (disclosure|declaration|form)))?$")]
    private static partial Regex CancelWords();

    [GeneratedRegex(@"^(go )?back$|^previous( step)?$")]
    private static partial Regex BackWords();

    [GeneratedRegex(@"^(do|does|did|can|could|should|must|may|might|am|is|are|was|were|will|would|how|what|when|where|which|who|whom|why|shall)\b")]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b(declare|declaring|disclose|disclosing|disclosure|register|registering|record|recording|submit|fill in|file|notify|log|acknowledge|acknowledging|sign off|sign)\b|^i (have|'ve got|may have|might have|think i have) (a|an) (possible |potential |real )?conflict of interest")]
    private static partial Regex RequestWords();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
