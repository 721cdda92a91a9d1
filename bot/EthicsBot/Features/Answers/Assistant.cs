using System.Text.RegularExpressions;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Answers;

/// <summary>
/// Decides what a message gets, in this order: a report of misconduct is handed off (and nothing else is done with
/// it); small talk gets a sentence; anything else is answered from the organisation's Codes, with the ethics office's
/// published FAQ entry first when one answers the same question.
/// </summary>
public sealed class Assistant(ExtractiveAnswerer answerer, ReportScreen screen, FormOffers offers, TopicCoverage topics, FaqSearch faq,
    GroundedAnswerer grounded)
{
    public ReportScreen Screen { get; } = screen;

    public async Task<Answer> RespondAsync(string message, OrganizationProfile organization, CancellationToken cancellationToken = default)
    {
        var verdict = await Screen.ScreenAsync(message, cancellationToken).ConfigureAwait(false);
        return Classify(message, organization, verdict) ?? await AnswerQuestionAsync(message, organization, verdict, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handoff for a report, the reply to small talk, or null for a question that needs a search.</summary>
    public Answer? Classify(string message, OrganizationProfile organization, ReportVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Action == ReportAction.Handoff)
            return new Answer(Answer.HandoffKind, organization.Id, [], HandoffText(organization)) { Language = MessageLanguage.Of(message, verdict) };
        if (SmallTalk.Reply(message, offers.Forms.ForOrganization(organization.Id).Select(f => f.Title).ToList()) is { } reply)
            return new Answer(Answer.SmallTalkKind, organization.Id, [], reply);
        // In another language: from its own question bank (French, Spanish, Arabic, Portuguese) unless Azure OpenAI is
        // there to translate it (and nothing suggests a report, which never reaches the model); otherwise the person is
        // told the answers are in English only, and which languages the bot understands. A language the screen was not
        // trained on always has the banner (the screen sees to it).
        if (BankLanguage(message, verdict) is not null)
            return null;
        if ((LanguageNotice.Detect(message) ?? (verdict.Unfamiliar ? "other" : null)) is { } language && (!grounded.Enabled || verdict.TreatAsReport))
            return new Answer(Answer.NotCoveredKind, organization.Id, [], LanguageNotice.Text(language, organization.EthicsOffice.Name, Screen.Ngram?.UnderstoodNames()))
            {
                ReportBanner = verdict.Action == ReportAction.Banner,
            };
        return null;
    }

    /// <summary>Answers from the organisation's Codes (call <see cref="Classify"/> first).</summary>
    public async Task<Answer> AnswerQuestionAsync(string message, OrganizationProfile organization, ReportVerdict verdict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(organization);
        using var span = Telemetry.BotTelemetry.StartAnswer(organization.Id);
        var question = message.Trim();
        if (question.Length > ClauseQuery.MaxTextLength)
            question = question[..ClauseQuery.MaxTextLength];
        var (english, translatedFrom, bankLanguage, notice) = await AsSearchedAsync(question, organization, verdict, cancellationToken).ConfigureAwait(false);
        if (notice is not null)
            return notice;
        question = english;
        // The screen encoded this very text (the encoder reads its first 1,000 characters): the search reuses that
        // vector, unless the question was translated (then the English is encoded for the search).
        var vector = translatedFrom is null && message.Length > 0 && !char.IsWhiteSpace(message[0]) ? verdict.Vector : null;
        var answer = await answerer.AnswerAsync(question, organization.Id, organization.CodeIds, answerer.Clauses, cancellationToken, vector, bankLanguage).ConfigureAwait(false);
        if (bankLanguage is not null)
            return InLanguage(answer, bankLanguage, organization.Id) with { ReportBanner = verdict.Action == ReportAction.Banner };
        // Answered from a clause that is not about the topic asked: say the Code has no rule of its own on it.
        answer = NoRuleOn(answer with { TranslatedFrom = translatedFrom }, question, organization);
        answer = WithDisclosure(question, organization.Id, answer) with { ReportBanner = verdict.Action == ReportAction.Banner };
        // An answer the ethics office published for this question comes first; it answers even where the Code is silent.
        // Otherwise, with Azure OpenAI configured, a model writes the short answer from the clauses found.
        if (await faq.FindAsync(question, organization.Id, cancellationToken).ConfigureAwait(false) is { } match)
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
        else if (grounded.Enabled && answer.Kind == Answer.AnswerKind && !verdict.TreatAsReport)
        {
            // The model writes the short answer from these clauses only; the extractive answer stays the floor.
            var clauses = answer.Clauses.Select(c => (c.Id, c.Title, c.Text.Length > 0 ? c.Text : string.Join(" ", c.Sentences))).ToList();
            var result = await grounded.WriteAsync(question, clauses, cancellationToken, answerLanguage: translatedFrom).ConfigureAwait(false);
            answer = result.Written is { } written ? answer with { Grounded = written } : answer with { GroundedFallback = result.Fallback };
        }
        return answer;
    }

    /// <summary>
    /// The question as it is searched: in a language with a bank (and no Azure OpenAI to translate it), as it is, with
    /// that language; translated by Azure OpenAI otherwise; if the translation fails, the language's bank, or the notice
    /// that answers are in English only.
    /// </summary>
    private async Task<(string Question, string? TranslatedFrom, string? BankLanguage, Answer? Notice)> AsSearchedAsync(string question, OrganizationProfile organization,
        ReportVerdict verdict, CancellationToken cancellationToken)
    {
        if (BankLanguage(question, verdict) is { } bank)
            return (question, null, bank, null);
        if (!grounded.Enabled || verdict.TreatAsReport || MessageLanguage.Of(question, verdict) is not { } language || language == "en")
            return (question, null, null, null);
        var english = await grounded.TranslateAsync(question, LanguageNotice.Name(language), cancellationToken).ConfigureAwait(false);
        if (english is not null)
            return (english, LanguageNotice.Name(language), null, null);
        return answerer.Languages.Answers(language)
            ? (question, null, language, null) // the translation failed: the language's own bank answers
            : (question, null, null, new Answer(Answer.NotCoveredKind, organization.Id, [], LanguageNotice.Text(language, organization.EthicsOffice.Name, Screen.Ngram?.UnderstoodNames())));
    }

    /// <summary>
    /// The language whose question bank answers this message: the one the screen read it in (else the script's or the
    /// words' language), when it is not English and has a bank — unless Azure OpenAI translates it (never a message
    /// that may be a report).
    /// </summary>
    private string? BankLanguage(string message, ReportVerdict verdict) =>
        MessageLanguage.Of(message, verdict) is { } language && answerer.Languages.Answers(language) && (!grounded.Enabled || verdict.TreatAsReport) ? language : null;

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

    /// <summary>
    /// A topic the organisation's Codes have no rule on (the IMS Code and gifts) is not covered, said plainly: the
    /// closest clauses one click away, the offer to pass the question on, and the form when the asker's act calls for one.
    /// Unless the question asks in so many words about what the clause found is on ("a freelance gig for a partner —
    /// would that be a conflict of interest?" and the IMS Code's "Conflict of Interest"): then the clause answers it.
    /// </summary>
    private Answer NoRuleOn(Answer answer, string question, OrganizationProfile organization)
    {
        if (answer.Kind is not (Answer.AnswerKind or Answer.NotCoveredKind) || topics.NoRuleOn(question, organization.Id) is not { } topic)
            return answer;
        if (answer.Kind == Answer.AnswerKind && NamesTitle(question, answer.Clauses[0].Title))
            return answer;
        var closest = answer.Clauses.Count > 0 ? $" The closest is {answer.Clauses[0].Citation} ({answer.Clauses[0].Title}), shown below." : "";
        return answer with
        {
            Kind = Answer.NotCoveredKind,
            NoRuleOn = topic,
            Text = $"The {organization.Name} Code has no rule on {topic} as such.{closest} I can pass your question to the {organization.EthicsOffice.Name}.",
        };
    }

    /// <summary>Whether the question names the clause's title, as whole words (a title of a word or two letters names nothing).</summary>
    private static bool NamesTitle(string question, string title) =>
        title.Trim().Length >= 6 && Regex.IsMatch(question, $@"\b{Regex.Escape(title.Trim())}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));

    /// <summary>An answer from a language's bank: in that language, with the form of the clause it rests on (its button in that language).</summary>
    private Answer InLanguage(Answer answer, string language, string organization) =>
        answer.Kind == Answer.AnswerKind && offers.ForClause(organization, answer.Clauses[0].Id)?.InLanguage(language) is { Offer: { } offer } form
            ? answer with { Language = language, Disclosure = form.Id, DisclosureButton = offer.Button }
            : answer with { Language = language };

    /// <summary>The disclosure form the question's act calls for (<see cref="FormOffers"/>), covered by the Code or not.</summary>
    private Answer WithDisclosure(string question, string organization, Answer answer) =>
        answer.Kind is Answer.AnswerKind or Answer.NotCoveredKind && offers.For(question, organization, [.. answer.Clauses.Select(c => c.Id)]) is { Offer: { } offer } form
            ? answer with { Disclosure = form.Id, DisclosureButton = offer.Button }
            : answer;
}
