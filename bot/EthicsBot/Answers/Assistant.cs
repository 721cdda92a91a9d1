using System.Text.RegularExpressions;
using EthicsBot.Conversation;
using EthicsBot.Knowledge.Search;
using EthicsBot.Organizations;
using EthicsBot.Safety;
using Microsoft.Extensions.Options;

namespace EthicsBot.Answers;

/// <summary>How answers are made, configuration section <c>Answers</c>.</summary>
public sealed class AnswerSettings
{
    public const string Section = "Answers";

    /// <summary>
    /// Below this score of the best clause the Code is said not to cover the question. The scale is the search
    /// provider's: 3.3 suits the embedded Lucene BM25 (README, "When the Code does not cover a question").
    /// </summary>
    public double NotCoveredBelow { get; set; } = 3.3;

    /// <summary>How many clauses an answer cites at most.</summary>
    public int Clauses { get; set; } = 3;
}

/// <summary>
/// Decides what a message gets, in this order: a report of misconduct is handed off (and nothing else is done with
/// it); small talk gets a sentence; anything else is answered from the organisation's Codes, with the ethics office's
/// published FAQ entry first when one answers the same question.
/// </summary>
public sealed partial class Assistant(IClauseSearch search, IOptions<AnswerSettings> settings, ReportScreen screen, Review.FaqSearch? faq = null,
    GroundedAnswerer? grounded = null, Knowledge.ClauseCatalog? catalog = null)
{
    private readonly ExtractiveAnswerer _answerer = new(search, settings.Value.NotCoveredBelow);

    public ReportScreen Screen { get; } = screen;

    public async Task<Answer> RespondAsync(string message, OrganizationProfile organization, CancellationToken cancellationToken = default)
    {
        var verdict = await Screen.ScreenAsync(message, cancellationToken).ConfigureAwait(false);
        return Classify(message, organization, verdict) ?? await AnswerQuestionAsync(message, organization, verdict, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handoff for a report, the reply to small talk, or null for a question that needs a search.</summary>
    public static Answer? Classify(string message, OrganizationProfile organization, ReportVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Action == ReportAction.Handoff)
            return new Answer(Answer.HandoffKind, organization.Id, [], HandoffText(organization));
        if (SmallTalk.Reply(message) is { } reply)
            return new Answer(Answer.SmallTalkKind, organization.Id, [], reply);
        return null;
    }

    /// <summary>Answers from the organisation's Codes (call <see cref="Classify"/> first).</summary>
    public async Task<Answer> AnswerQuestionAsync(string message, OrganizationProfile organization, ReportVerdict verdict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(organization);
        var question = message.Trim();
        if (question.Length > ClauseQuery.MaxTextLength)
            question = question[..ClauseQuery.MaxTextLength];
        var answer = await _answerer.AnswerAsync(question, organization.Id, organization.CodeIds, settings.Value.Clauses, cancellationToken).ConfigureAwait(false);
        answer = answer with { Disclosure = DisclosureFor(question, answer), ReportBanner = verdict.Action == ReportAction.Banner };
        // An answer the ethics office published for this question comes first; it answers even where the Code is silent.
        // Otherwise, with Azure OpenAI configured, a model writes the short answer from the clauses found.
        if (faq is not null && await faq.FindAsync(question, organization.Id, cancellationToken).ConfigureAwait(false) is { } match)
        {
            var entry = match.Entry;
            answer = answer with
            {
                Kind = Answer.AnswerKind,
                // Weak clauses the Code offered for a question it does not cover are not shown beside the office's answer.
                Clauses = answer.Kind == Answer.AnswerKind ? answer.Clauses : [],
                Text = $"The {organization.EthicsOffice.Name} answered this question: {entry.Answer}",
                Faq = new OfficeAnswer(entry.Id, entry.Question, entry.Answer, entry.Clauses),
            };
        }
        else if (grounded is { Enabled: true } && answer.Kind == Answer.AnswerKind && !verdict.TreatAsReport)
        {
            // The model writes the short answer from these clauses only; the extractive answer stays the floor.
            var clauses = answer.Clauses.Select(c => (c.Id, c.Title, catalog?.Find(c.Id)?.Text ?? string.Join(" ", c.Sentences))).ToList();
            var result = await grounded.WriteAsync(question, clauses, cancellationToken).ConfigureAwait(false);
            answer = result.Written is { } written ? answer with { Grounded = written } : answer with { GroundedFallback = result.Fallback };
        }
        return answer;
    }

    /// <summary>The handoff in one paragraph (the card shows it in parts); it never repeats the message.</summary>
    public static string HandoffText(OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var channel = organization.Whistleblower;
        var anonymous = channel.AcceptsAnonymousReports
            ? " This chat is not anonymous; to stay anonymous, use the channel's anonymous option."
            : " This chat is not anonymous.";
        return $"This sounds like a report of misconduct. Please report it through {channel.Name}: {channel.Url}.{anonymous} " +
               $"Good-faith reporters are protected from retaliation ({channel.ProtectionClause}). I kept no copy of your message.";
    }

    /// <summary>Which disclosure, if any, the question and the clauses found point to.</summary>
    private static string? DisclosureFor(string question, Answer answer)
    {
        if (answer.Kind != Answer.AnswerKind)
            return null;
        var title = answer.Clauses[0].Title;
        if (title.Contains("gift", StringComparison.OrdinalIgnoreCase) || GiftWords().IsMatch(question))
            return "gift";
        if (title.Contains("conflict of interest", StringComparison.OrdinalIgnoreCase) || ConflictWords().IsMatch(question))
            return "conflict";
        if (title.Contains("outside", StringComparison.OrdinalIgnoreCase) || OutsideWords().IsMatch(question))
            return "outside";
        return null;
    }

    [GeneratedRegex(@"\b(gifts?|presents?|hospitality|dinner|lunch|meal|awards?|honou?rs?|tickets?|bottle|hamper|basket|voucher)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GiftWords();

    [GeneratedRegex(@"\b(conflicts? of interest|relatives?|brother|sister|wife|husband|cousin|family|shares|stake|invest\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConflictWords();

    [GeneratedRegex(@"\b(second job|outside (work|employment|activit\w+)|teach\w*|lectur\w*|publish\w*|book|articles?|freelanc\w*|consult\w*|board member)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideWords();
}
