using System.Text.RegularExpressions;

namespace EthicsBot.Features.Safety;

/// <summary>
/// Whether an English message asks what the writer may or must do about their own situation, or about the rules ("My
/// wife runs a catering business and I organise our trainings. Can her company supply the lunches?", "Who do I disclose
/// a box of chocolates to?", "What happens if someone files a complaint in bad faith?"), and tells of nobody else's
/// conduct. Such a message is a question about the rules even when it names a gift, a relative's company or a bribe,
/// and the sentence model's middle band (the banner) is lifted from it; a rule or the model's certainty (the handoff)
/// never is. Anything that may tell of someone else keeps the banner — someone seen or heard, something done or said
/// to the writer, anyone of the organisation named (a question about one's own case rarely needs one, a report nearly
/// always does; "a colleague" only in a case the writer puts, "what if a colleague…") — a report missed is worse.
/// </summary>
public static partial class OwnSituation
{
    /// <summary>The phrase that makes <paramref name="text"/> a question about the writer's own case or the rules, or null (also when it may tell of someone else's conduct).</summary>
    public static string? Asks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Whitespace().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\''), " ").Trim();
        if (OthersConduct().IsMatch(normalized) || NamedInsider().IsMatch(normalized)
            || (!PutsACase().IsMatch(normalized) && AnyInsider().IsMatch(normalized)))
            return null;
        var asks = AsksForOneself().Match(normalized);
        return asks.Success ? asks.Value : PutsACase().Match(normalized) is { Success: true } @case ? @case.Value : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The writer asks what they (or their team) may, must or should do, who does what, or what the rules are.</summary>
    [GeneratedRegex(@"\b(can|could|may|might|should|shall|must) (i|we)\b|\b(can|could|may) (my|our|her|his|their) [\w-]+\b|\b(am|are) (i|we) (allowed|permitted|obliged|required|supposed|expected|entitled|able)\b|\bdo (i|we) (need|have|must|get to)\b|\bwhat (should|do|must|can|shall|would) (i|we) do\b|\bwhat now\b|\b(who|whom|where|how|when) (do|should|can|must|shall|would) (i|we)\b|\bhow (often|much|many|long|soon) (do|can|should|will) (i|we)\b|\bwho (can|will|signs|approves|fixes|decides|handles|pays)\b|^(when|where) (is|are|do|does|can)\b|\b(is|are) there (a|an|any|rules?)\b|\b(is|would) (it|that|this|there) (be )?(ok|okay|alright|all right|allowed|permitted|fine|acceptable|a problem|an issue|a conflict|possible|necessary|required|enough)\b|\b(ok|okay|fine|allowed|a problem) (if|for me)\b|\b(is|are) (a|an|such|my|our) (\w+ ){0,2}(allowed|permitted|ok|okay|acceptable|a problem|an issue)\b|\bany rules?\b|\bwhat (are|is) the (rules?|policy|procedure|requirements?|standards?)\b|\b(have|has|need|needs) to follow\b|\bapply to\b|\bwhat does the (code|standards?) say\b")]
    private static partial Regex AsksForOneself();

    /// <summary>The writer puts a case ("What happens if…", "Hypothetically…").</summary>
    [GeneratedRegex(@"^(if|what if|what happens? if|hypothetically|suppose|supposing|in case|imagine)\b")]
    private static partial Regex PutsACase();

    /// <summary>Someone else's conduct: seen or heard by the writer; done, said or asked of the writer; a team acting; anyone keeping at something.</summary>
    [GeneratedRegex(@"\b(i|we)('ve| have| had)? (\w+ )?(saw|seen|witnessed|noticed|overheard|caught|discovered|found out|suspect|heard|learned|learnt|realised|realized|know that|knew that)\b|\b(told|asked|ordered|forced|pressured|threatened|instructed|pushed|made|wants|want|wanted|expects|expected|begged|warned) (me|us) (to|not to)\b|\b(at|against) (me|us)\b|\babout (me|my (looks|body|accent|appearance|religion|race|gender|age|clothes|weight|skin))\b|\b(treats?|treated|ignores?|ignored|excludes?|excluded|left|leaves|blocks?|blocked|punish\w*|fired|demoted|transferred|touche[sd]|texts?|texted|texting|follows?|followed|hit|slapped|insulted|humiliated|threaten\w*|harass\w*|assault\w*|grop\w*|kiss\w*|abus\w*|pressur\w*|blackmail\w*|scream\w*|yell\w*|shout\w*) (me|us)\b|\b(asked|asks|asking|demanded|demands|demanding) (me|us) for\b|\b(hr|management|finance|admin|procurement|logistics)( team| unit| department| office)? \w+ed\b|\b(someone|somebody|people|everyone|they|he|she) (\w+ ){0,2}(keeps|kept|always|again)\b|\bkeeps? \w+ing\b")]
    private static partial Regex OthersConduct();

    /// <summary>A particular person of the organisation (my, our, the, this… colleague, manager, officer, driver, editor…), not the writer ("I'm the head of admin").</summary>
    [GeneratedRegex(@"(?<!\b(i'm|i am|i was|as|am) )\b(my|our|the|this|that|one of (my|our|the))( [\w-]+){0,2} (colleagues?|co-?workers?|managers?|supervisors?|boss(es)?|directors?|head of|chief|officers?|staff members?|employees?|drivers?|guards?|editors?|accountants?|cashiers?|storekeepers?|logisticians?|coordinators?|team ?lead(er)?s?|volunteers?|interns?|consultants?|assistants?|clerks?|translators?|interpreters?|reporters?)\b")]
    private static partial Regex NamedInsider();

    /// <summary>Anyone of the organisation, named or not ("a colleague", "colleague says…").</summary>
    [GeneratedRegex(@"(?<!\b(i'm|i am|i was|as|am) )(\b(a|an|some|another|two|three|several|any)( [\w-]+){0,2} |^([\w-]+ )?)(colleagues?|co-?workers?|managers?|supervisors?|boss(es)?|directors?|head of|chief|officers?|staff members?|employees?|drivers?|guards?|editors?|accountants?|cashiers?|storekeepers?|logisticians?|coordinators?|team ?lead(er)?s?|volunteers?|interns?|consultants?|assistants?|clerks?|translators?|interpreters?|reporters?)\b")]
    private static partial Regex AnyInsider();
}
