using EthicsBot.Shared.Cards;
using EthicsBot.Features.Disclosures;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Organizations;
using static EthicsBot.Shared.Cards.CardBuilder;

namespace EthicsBot.Features.Answers;

/// <summary>Every card the bot sends. Each stays far below Teams' 100 KB message limit: quotes are kept short.</summary>
public static class BotCards
{
    public static class Verbs
    {
        public const string Feedback = "feedback";
        public const string AskEthicsOffice = "askEthicsOffice";
    }

    /// <summary>
    /// An answer or a not-covered reply: the short answer first, then each clause quoted, then the actions. The first
    /// screen holds at most <see cref="FirstScreenCharacters"/>: when the rest of it leaves less room, the main quote
    /// gives way (whole sentences, shortened only at a clause boundary).
    /// </summary>
    public static AdaptiveCard Answer(Answer answer, string answerId, string question, OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(organization);
        var room = MainQuoteCharacters;
        var card = Answer(answer, answerId, question, organization, room);
        // Too long: the main quote gives up what is over (it may take a few tries, as it drops whole sentences or clauses).
        for (var tries = 0; tries < 3 && answer.Kind == Answers.Answer.AnswerKind && answer.Clauses.Count > 0; tries++)
        {
            var over = CardScreen.VisibleCharacters(card.ToJson()) - FirstScreenCharacters;
            var main = answer.Clauses[0];
            var quoted = QuoteText.Of(main.Sentences, room, main.Text).Length;
            if (over <= 0 || quoted - over >= room)
                break;
            room = quoted - over;
            card = Answer(answer, answerId, question, organization, room);
        }
        return card;
    }

    private static AdaptiveCard Answer(Answer answer, string answerId, string question, OrganizationProfile organization, int quoteCharacters)
    {
        var covered = answer.Kind == Answers.Answer.AnswerKind;
        List<AdaptiveElement> body = [];
        if (answer.ReportBanner)
            body.Add(ReportBanner(organization));
        if (answer.Faq is { } faq)
            body.Add(OfficeAnswerBlock(faq, organization));
        if (answer.Clauses.Count > 0 || answer.Faq is null)
            AddWhatTheCodeSays(body, answer, covered);
        AddClauses(body, answer, covered, quoteCharacters);
        var actions = Buttons(body, answer, answerId, question, organization, covered);
        return Card(body, actions);
    }

    /// <summary>The ethics office's own answer, marked as theirs, before what the Code says.</summary>
    private static Container OfficeAnswerBlock(OfficeAnswer faq, OrganizationProfile organization) => Container(
    [
        Text(OfficeAnswerTitle(organization), size: "Medium", weight: "Bolder"),
        Text($"“{TypedText.Escape(faq.Question)}”", italic: true, subtle: true, spacing: "Small"),
        Text(TypedText.Escape(faq.Answer)),
        Text(OfficeAnswerSource(faq.Clauses), subtle: true, spacing: "Small"),
    ], style: "accent");

    /// <summary>The heading of the ethics office's answer on the answer card (the desk's preview of an entry shows the same).</summary>
    public static string OfficeAnswerTitle(OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return $"Answer from the {organization.EthicsOffice.Name}";
    }

    /// <summary>The line under the ethics office's answer: the clauses it rests on, or that the office published it.</summary>
    public static string OfficeAnswerSource(IReadOnlyList<string> clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        return clauses.Count > 0 ? $"Rests on {string.Join(", ", clauses)}." : "Published by the ethics office.";
    }

    /// <summary>The heading, the AI-written answer or the not-covered text, and what was translated or left to the Code's words.</summary>
    private static void AddWhatTheCodeSays(List<AdaptiveElement> body, Answer answer, bool covered)
    {
        body.Add(Text(covered ? "What the Code says" : "The Code does not clearly cover this", size: "Medium", weight: "Bolder"));
        if (covered && answer.Grounded is { } written)
        {
            body.Add(Text(TypedText.Escape(written.Text))); // a model wrote it: its words are shown, never its links
            body.Add(Text(Verdict(written), weight: "Bolder", spacing: "Small"));
            body.Add(Text("AI-generated from the clauses quoted below: check them, the Code's own words are what count.", subtle: true, size: "Small", spacing: "Small"));
            if (answer.TranslatedFrom is { } language)
                body.Add(Text($"Your question was translated from {language} by AI to search the Code; the answer is in {language}, the clauses in English.", subtle: true, size: "Small", spacing: "Small"));
        }
        else if (!covered)
        {
            body.Add(Text(answer.Text));
        }
        if (answer.TranslatedFrom is { } from && answer.Grounded is null)
            body.Add(Text($"Your question was translated from {from} by AI to search the Code; the answer is the Code's own words, in English.", subtle: true, size: "Small", spacing: "Small"));
        if (answer.GroundedFallback is { } reason)
            body.Add(Text($"No AI summary this time ({reason}): these are the Code's own words.", subtle: true, size: "Small", spacing: "Small"));
    }

    /// <summary>
    /// First screen: the main clause, its quote short (the plain answer in the Code's words, cited); the other clauses
    /// one click away. Not covered: the closest clauses are all behind the click.
    /// </summary>
    private static void AddClauses(List<AdaptiveElement> body, Answer answer, bool covered, int quoteCharacters)
    {
        var shown = covered ? answer.Clauses.Take(1).ToList() : [];
        var more = (covered ? answer.Clauses.Skip(1) : answer.Clauses.Take(2)).ToList();
        foreach (var clause in shown)
            body.Add(ClauseBlock(clause, quoteCharacters, main: true));
        if (more.Count > 0)
        {
            var label = covered ? $"Show {more.Count} more clause{(more.Count == 1 ? "" : "s")}" : $"Show the closest clause{(more.Count == 1 ? "" : "s")}";
            body.Add(ActionSet(ToggleVisibility(label, MoreClausesId)));
            body.Add(Container([.. more.Select(c => ClauseBlock(c, OtherQuoteCharacters, main: false))]) with { Id = MoreClausesId, IsVisible = false });
        }
    }

    /// <summary>
    /// Ask the office, start the disclosure the clause asks for, and 👍/👎. The question rides in the buttons' data so
    /// that it can be passed on; one too long to pass on is left out, and the card stays small whatever the message's
    /// length or script. Under the banner (a message that may be a report) the only way to the office is the button that
    /// says it is a question, not a report, and that it will be kept (<see cref="ConfirmQuestionTitle"/>); nothing is
    /// kept unless it is pressed, the disclosure form and 👎 do not carry the question.
    /// </summary>
    private static List<AdaptiveAction> Buttons(List<AdaptiveElement> body, Answer answer, string answerId, string question, OrganizationProfile organization, bool covered)
    {
        var fits = question.Length <= ClauseQuery.MaxTextLength;
        var passable = fits && !answer.ReportBanner ? question : null;
        string[] clauseIds = [.. answer.Clauses.Select(c => c.Id)];
        List<AdaptiveAction> actions = [];
        if (passable is not null)
            actions.Add(Execute(covered ? "Ask the ethics office" : "Send my question to the ethics office", Verbs.AskEthicsOffice,
                new AskOfficeData { AnswerId = answerId, Question = passable, Org = organization.Id, Clauses = clauseIds },
                style: covered ? null : "positive"));
        else if (answer.ReportBanner && fits)
            actions.Add(Execute(ConfirmQuestionTitle, Verbs.AskEthicsOffice,
                new AskOfficeData { AnswerId = answerId, Question = question, Org = organization.Id, Clauses = clauseIds, ConfirmedQuestion = true }));
        else if (!answer.ReportBanner)
            body.Add(Text($"Your message is longer than {ClauseQuery.MaxTextLength:N0} characters, too long to pass on to the {organization.EthicsOffice.Name}: ask again in a shorter message if you want them to answer it.", subtle: true, spacing: "Medium"));
        if (answer is { Disclosure: { } disclosure, DisclosureButton: { } title })
            actions.Add(Execute(title, DisclosureCards.Verbs.Start, new StartDisclosureData { Type = disclosure, Org = organization.Id, Question = passable }));
        if (covered)
        {
            body.Add(Text("Was this helpful?", subtle: true, spacing: "Medium"));
            body.Add(ActionSet(
                Execute("👍 Yes", Verbs.Feedback, new FeedbackData { AnswerId = answerId, Helpful = true, Org = organization.Id, Clauses = clauseIds }),
                Execute("👎 No", Verbs.Feedback, new FeedbackData { AnswerId = answerId, Helpful = false, Org = organization.Id, Clauses = clauseIds, Question = passable })));
        }
        return actions;
    }

    /// <summary>After a 👎: the asker may share the question with the ethics office, which reviews poorly answered ones.</summary>
    public static AdaptiveCard OfferToShare(string answerId, string question, IReadOnlyList<string> clauses, OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        List<AdaptiveElement> body =
        [
            Text("Sorry the answer did not help."),
            Text($"May I share your question with the {organization.EthicsOffice.Name}? They review questions I answered poorly, and their answer would come to this chat. Only the question and the clauses I showed are shared.", spacing: "Small"),
        ];
        var data = new AskOfficeData { AnswerId = answerId, Question = question, Org = organization.Id, Source = "unhelpful", Clauses = [.. clauses] };
        return Card(body, [Execute("Share my question", Verbs.AskEthicsOffice, data, style: "positive")]);
    }

    /// <summary>The handoff to the whistleblower channel. It never contains the message that caused it.</summary>
    public static AdaptiveCard Handoff(OrganizationProfile organization, string protectionTitle)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var channel = organization.Whistleblower;
        List<AdaptiveElement> body =
        [
            Text("Report this through the whistleblower channel", size: "Medium", weight: "Bolder", color: "Attention"),
            Text($"What you wrote sounds like a report of misconduct. I can't take reports: please use **{channel.Name}**."),
            Text(channel.HowTo, spacing: "Small"),
            Facts(
                ("Channel", channel.Name),
                ("Link", channel.Url),
                ("Anonymous reports", channel.AcceptsAnonymousReports ? "Accepted" : "Not accepted")),
            Text(channel.AcceptsAnonymousReports
                    ? "**This Teams chat is not anonymous.** If you want to stay anonymous, use the channel's anonymous option rather than this chat."
                    : "**This Teams chat is not anonymous.**", spacing: "Medium"),
            Text($"Reporting in good faith is protected: you may not be retaliated against for it ({channel.ProtectionClause}, {protectionTitle}).", spacing: "Small"),
            Text("I kept no copy of your message: it was not stored, logged or passed on.", subtle: true, spacing: "Small"),
        ];
        return Card(body, [OpenUrl("Open the reporting channel", channel.Url, style: "positive")]);
    }

    /// <summary>The banner's button to the ethics office: pressing it says the message is a question and lets it be kept.</summary>
    public const string ConfirmQuestionTitle = "It's a question: send it to the ethics office";

    /// <summary>
    /// On top of an answer to a message that may be telling of something that happened: where to report it. (The first
    /// screen has no room for more: the button to the ethics office says what it does in its title.)
    /// </summary>
    private static Container ReportBanner(OrganizationProfile organization)
    {
        var channel = organization.Whistleblower;
        return Container(
        [
            Text($"If you are telling us about something that happened, report it to **{channel.Name}**: [{channel.Url}]({channel.Url}).", weight: "Bolder", color: "Attention"),
            Text((channel.AcceptsAnonymousReports ? "The channel accepts anonymous reports. " : "") +
                 $"This chat is not anonymous. Reporting in good faith is protected from retaliation ({channel.ProtectionClause}). I have not kept your message.", spacing: "Small"),
        ], style: "attention");
    }

    /// <summary>Sent when the bot is added to a chat: what it does, and that it is not anonymous.</summary>
    public static AdaptiveCard Welcome(OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        List<AdaptiveElement> body =
        [
            Text("Hello, I'm EthicsBot", size: "Medium", weight: "Bolder"),
            Text($"I answer questions about the {organization.Name} Code of Conduct by quoting and citing its clauses."),
            Text("- Ask in your own words: \"Can I accept a gift from a supplier?\"\n- Declare a gift or a conflict of interest: say \"declare a gift\"; \"my disclosures\" lists yours\n- Pass a question the Code does not answer to the " + organization.EthicsOffice.Name),
            Text($"**This chat is not anonymous.** To report misconduct, use {organization.Whistleblower.Name} ({organization.Whistleblower.Url})" +
                 (organization.Whistleblower.AcceptsAnonymousReports ? ", which accepts anonymous reports." : "."), spacing: "Medium"),
            Text("Type \"help\" at any time.", subtle: true),
        ];
        return Card(body);
    }

    private static string Verdict(GroundedText written) => written.Verdict switch
    {
        "allowed" => "In short: allowed.",
        "needs_approval" => written.Approver is { } who ? $"In short: needs approval, from {who}." : "In short: needs approval.",
        "not_allowed" => "In short: not allowed.",
        _ => "In short: the Code does not settle this; the ethics office can advise.",
    };

    /// <summary>The most characters a person sees before clicking anything (text and button titles).</summary>
    public const int FirstScreenCharacters = 900;

    /// <summary>The room for the main quote when the rest of the first screen leaves it: the sentences that answer.</summary>
    public const int MainQuoteCharacters = 480;

    private const int OtherQuoteCharacters = 520;
    private const string MoreClausesId = "moreClauses";

    /// <summary>A clause: its title and citation, the sentences that answer (whole, within <paramref name="characters"/>), its policy link.</summary>
    private static Container ClauseBlock(CitedClause clause, int characters, bool main)
    {
        List<AdaptiveElement> items =
        [
            Text($"**{clause.Title}** · {clause.Citation}"),
            Text($"“{QuoteText.Of(clause.Sentences, characters, clause.Text)}”", italic: !main, subtle: !main, spacing: "Small"),
        ];
        if (clause.Links.Count > 0)
            items.Add(Text($"[Policy document]({clause.Links[0]})", spacing: "Small"));
        return Container(items, style: main ? null : "emphasis", separator: !main);
    }
}
