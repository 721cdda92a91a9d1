using EthicsBot.Shared.Cards;
using EthicsBot.Features.Disclosures;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Localization;
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
        // Still too long (a quote that is one long sentence with no clause boundary to stop at, under the banner, in a
        // language that takes more words): the feedback prompt gives way; its 👍 and 👎 stay.
        if (CardScreen.VisibleCharacters(card.ToJson()) > FirstScreenCharacters)
        {
            var prompt = CardLanguages.Default.For(answer.Language)["WasThisHelpful"].Value;
            card = card with { Body = [.. card.Body.Where(e => e is not TextBlock { Text: var text } || text != prompt)] };
        }
        return card;
    }

    private static AdaptiveCard Answer(Answer answer, string answerId, string question, OrganizationProfile organization, int quoteCharacters)
    {
        var covered = answer.Kind == Answers.Answer.AnswerKind;
        var t = CardLanguages.Default.For(answer.Language);
        List<AdaptiveElement> body = [];
        if (answer.ReportBanner)
            body.Add(ReportBanner(organization, t));
        if (answer.Faq is { } faq)
            body.Add(OfficeAnswerBlock(faq, organization));
        if (answer.Clauses.Count > 0 || answer.Faq is null)
            AddWhatTheCodeSays(body, answer, covered, organization, t);
        AddClauses(body, answer, covered, quoteCharacters, t);
        var actions = Buttons(body, answer, answerId, question, organization, covered, t);
        return t.Directed(Card(body, actions));
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
    private static void AddWhatTheCodeSays(List<AdaptiveElement> body, Answer answer, bool covered, OrganizationProfile organization, JsonStringLocalizer t)
    {
        body.Add(Text(t[covered ? "WhatTheCodeSays" : "NotClearlyCovered"], size: "Medium", weight: "Bolder"));
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
            body.Add(Text(answer.Language is null ? answer.Text : NotCoveredText(answer, organization, t)));
        }
        if (covered && answer.Language is not null && answer.Clauses.Count > 0)
            body.Add(Text(t["CodesOwnWords"], subtle: true, size: "Small", spacing: "Small"));
        if (answer.TranslatedFrom is { } from && answer.Grounded is null)
            body.Add(Text($"Your question was translated from {from} by AI to search the Code; the answer is the Code's own words, in English.", subtle: true, size: "Small", spacing: "Small"));
        if (answer.GroundedFallback is { } reason)
            body.Add(Text($"No AI summary this time ({reason}): these are the Code's own words.", subtle: true, size: "Small", spacing: "Small"));
    }

    /// <summary>
    /// First screen: the main clause, its quote short (the plain answer in the Code's words, cited); the other clauses
    /// one click away. Not covered: the closest clauses are all behind the click.
    /// </summary>
    private static void AddClauses(List<AdaptiveElement> body, Answer answer, bool covered, int quoteCharacters, JsonStringLocalizer t)
    {
        var shown = covered ? answer.Clauses.Take(1).ToList() : [];
        var more = (covered ? answer.Clauses.Skip(1) : answer.Clauses.Take(2)).ToList();
        foreach (var clause in shown)
            body.Add(ClauseBlock(clause, quoteCharacters, main: true, t));
        if (more.Count > 0)
        {
            var label = covered ? (more.Count == 1 ? t["ShowMoreClause"] : t["ShowMoreClauses", more.Count]) : t[more.Count == 1 ? "ShowClosestClause" : "ShowClosestClauses"];
            body.Add(ActionSet(ToggleVisibility(label, MoreClausesId)));
            body.Add(Container([.. more.Select(c => ClauseBlock(c, OtherQuoteCharacters, main: false, t))]) with { Id = MoreClausesId, IsVisible = false });
        }
    }

    /// <summary>
    /// Ask the office, start the disclosure the clause asks for, and 👍/👎. The question rides in the buttons' data so
    /// that it can be passed on; one too long to pass on is left out, and the card stays small whatever the message's
    /// length or script. Under the banner (a message that may be a report) the only way to the office is the button that
    /// says it is a question, not a report, and that it will be kept (<see cref="ConfirmQuestionTitle"/>); nothing is
    /// kept unless it is pressed, the disclosure form and 👎 do not carry the question.
    /// </summary>
    private static List<AdaptiveAction> Buttons(List<AdaptiveElement> body, Answer answer, string answerId, string question, OrganizationProfile organization, bool covered,
        JsonStringLocalizer t)
    {
        var fits = question.Length <= ClauseQuery.MaxTextLength;
        var passable = fits && !answer.ReportBanner ? question : null;
        string[] clauseIds = [.. answer.Clauses.Select(c => c.Id)];
        List<AdaptiveAction> actions = [];
        if (passable is not null)
            actions.Add(Execute(t[covered ? "AskOffice" : "SendToOffice"], Verbs.AskEthicsOffice,
                new AskOfficeData { AnswerId = answerId, Question = passable, Org = organization.Id, Clauses = clauseIds },
                style: covered ? null : "positive"));
        else if (answer.ReportBanner && fits)
            actions.Add(Execute(t["ConfirmQuestion"], Verbs.AskEthicsOffice,
                new AskOfficeData { AnswerId = answerId, Question = question, Org = organization.Id, Clauses = clauseIds, ConfirmedQuestion = true }));
        else if (!answer.ReportBanner)
            body.Add(Text(t["TooLongToPassOn", ClauseQuery.MaxTextLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), organization.EthicsOffice.Name], subtle: true, spacing: "Medium"));
        if (answer is { Disclosure: { } disclosure, DisclosureButton: { } title })
            actions.Add(Execute(title, DisclosureCards.Verbs.Start, new StartDisclosureData { Type = disclosure, Org = organization.Id, Question = passable, Lang = answer.Language ?? "en" }));
        if (covered)
        {
            body.Add(Text(t["WasThisHelpful"], subtle: true, spacing: "Medium"));
            body.Add(ActionSet(
                Execute(t["Yes"], Verbs.Feedback, new FeedbackData { AnswerId = answerId, Helpful = true, Org = organization.Id, Clauses = clauseIds }),
                Execute(t["No"], Verbs.Feedback, new FeedbackData { AnswerId = answerId, Helpful = false, Org = organization.Id, Clauses = clauseIds, Question = passable })));
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

    /// <summary>The handoff to the whistleblower channel, in <paramref name="language"/> when the cards have it. It never contains the message that caused it.</summary>
    public static AdaptiveCard Handoff(OrganizationProfile organization, string protectionTitle, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var channel = organization.Whistleblower;
        var t = CardLanguages.Default.For(language);
        List<AdaptiveElement> body =
        [
            Text(t["HandoffTitle"], size: "Medium", weight: "Bolder", color: "Attention"),
            Text(t["HandoffSoundsLike", channel.Name]),
            Text(channel.HowTo, spacing: "Small"),
            Facts(
                (t["HandoffChannel"], channel.Name),
                (t["HandoffLink"], channel.Url),
                (t["HandoffAnonymous"], t[channel.AcceptsAnonymousReports ? "Accepted" : "NotAccepted"])),
            Text(t[channel.AcceptsAnonymousReports ? "HandoffNotAnonymousUseOption" : "HandoffNotAnonymous"], spacing: "Medium"),
            Text(t["HandoffProtected", channel.ProtectionClause, protectionTitle], spacing: "Small"),
            Text(t["HandoffNoCopy"], subtle: true, spacing: "Small"),
        ];
        return t.Directed(Card(body, [OpenUrl(t["HandoffOpenChannel"], channel.Url, style: "positive")]));
    }

    /// <summary>The banner's button to the ethics office (in English): pressing it says the message is a question and lets it be kept.</summary>
    public static string ConfirmQuestionTitle => CardLanguages.Default.English["ConfirmQuestion"];

    /// <summary>
    /// On top of an answer to a message that may be telling of something that happened: where to report it. (The first
    /// screen has no room for more: the button to the ethics office says what it does in its title.)
    /// </summary>
    private static Container ReportBanner(OrganizationProfile organization, JsonStringLocalizer t)
    {
        var channel = organization.Whistleblower;
        return Container(
        [
            Text(t["BannerReport", channel.Name, channel.Url], weight: "Bolder", color: "Attention"),
            Text((channel.AcceptsAnonymousReports ? t["BannerAnonymous"].Value : "") + t["BannerNotKept", channel.ProtectionClause], spacing: "Small"),
        ], style: "attention");
    }

    /// <summary>Sent when the bot is added to a chat, in the language of Teams' locale when the cards have it: what it does, and that it is not anonymous.</summary>
    public static AdaptiveCard Welcome(OrganizationProfile organization, string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var t = CardLanguages.Default.For(locale);
        List<AdaptiveElement> body =
        [
            Text(t["WelcomeTitle"], size: "Medium", weight: "Bolder"),
            Text(t["WelcomeWhat", organization.Name]),
            Text(t["WelcomeList", organization.EthicsOffice.Name]),
            Text(t["WelcomeNotAnonymous", organization.Whistleblower.Name, organization.Whistleblower.Url] +
                 (organization.Whistleblower.AcceptsAnonymousReports ? t["WelcomeAnonymousAccepted"].Value : "."), spacing: "Medium"),
            Text(t["WelcomeHelp"], subtle: true),
        ];
        return t.Directed(Card(body));
    }

    /// <summary>The not-covered text in the card's language: the closest clause (its English title), and the offer to pass the question on.</summary>
    private static string NotCoveredText(Answer answer, OrganizationProfile organization, JsonStringLocalizer t) => answer.Clauses.Count > 0
        ? t["NotCoveredClosest", answer.Clauses[0].Citation, answer.Clauses[0].Title, organization.EthicsOffice.Name]
        : t["NotCoveredNothing", organization.EthicsOffice.Name];

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
    private static Container ClauseBlock(CitedClause clause, int characters, bool main, JsonStringLocalizer t)
    {
        List<AdaptiveElement> items =
        [
            Text($"**{clause.Title}** · {clause.Citation}"),
            Text($"“{QuoteText.Of(clause.Sentences, characters, clause.Text)}”", italic: !main, subtle: !main, spacing: "Small"),
        ];
        if (clause.Links.Count > 0)
            items.Add(Text($"[{t["PolicyDocument"]}]({clause.Links[0]})", spacing: "Small"));
        return Container(items, style: main ? null : "emphasis", separator: !main) with { Rtl = t.RightToLeft ? false : null };
    }
}
