using EthicsBot.Shared.Cards;
using System.Globalization;
using EthicsBot.Shared.Cards.Elements;
using static EthicsBot.Shared.Cards.CardBuilder;
using EthicsBot.Shared.Organizations;
using EthicsBot.Features.Answers;

namespace EthicsBot.Features.Office;

/// <summary>The ethics office's cards: review items, the FAQ, the insights and the erasure confirmation.</summary>
public static class ReviewCards
{
    public static class Verbs
    {
        public const string Page = "reviewPage";
        public const string Answer = "reviewAnswer";
        public const string Dismiss = "reviewDismiss";
        public const string Assign = "reviewAssign";
        public const string Publish = "faqPublish";
        public const string Edit = "faqEdit";
        public const string Withdraw = "faqWithdraw";
        public const string Erase = "eraseConfirm";
    }

    /// <summary>One review item: the question, when, the clauses offered; for an open one, answer / assign / no answer needed.</summary>
    public static AdaptiveCard Item(ReviewItem item, OrganizationProfile organization, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(organization);
        var key = new ReviewItemData { Org = item.Organization, Id = item.Id };
        List<AdaptiveElement> body =
        [
            Text($"Question of {Day(item.At)}", weight: "Bolder"),
            Text(item.Source == ReviewSource.Unhelpful ? "Rated 👎 by the asker, who agreed to share it" : "Sent to the ethics office by the asker", subtle: true, spacing: "None"),
        ];
        if (note is not null)
            body.Add(Text(note, color: "Attention"));
        body.Add(Text($"“{TypedText.Escape(item.Question)}”", spacing: "Small"));
        body.Add(Facts(
            ("Clauses offered", item.Clauses.Count > 0 ? string.Join(", ", item.Clauses) : "none"),
            ("Assigned to", item.AssignedToName is { } assignee ? TypedText.Escape(assignee) : "nobody"),
            ("Status", item.Status)));
        if (item.Status == ReviewStatus.Answered)
        {
            body.Add(Container(
            [
                Text($"Answered by {TypedText.Escape(item.ClosedByName)}, {Day(item.ClosedAt ?? item.At)}", weight: "Bolder"),
                Text(TypedText.Escape(item.Answer)),
                Text(item.AnswerClauses.Count > 0 ? $"Rests on {string.Join(", ", item.AnswerClauses)}" : "Cites no clause", subtle: true, spacing: "Small"),
            ], style: "emphasis"));
            return Card(body, [ShowCard("Publish as FAQ", PublishForm(item, key))]);
        }
        if (item.Status == ReviewStatus.Dismissed)
        {
            body.Add(Text($"Marked as not needing an answer by {TypedText.Escape(item.ClosedByName)}, {Day(item.ClosedAt ?? item.At)}", subtle: true));
            return Card(body);
        }

        return Card(body,
        [
            ShowCard("Answer", AnswerForm(item, key, organization)),
            ShowCard("Assign to a colleague", AssignForm(organization, key)),
            Execute("No answer needed", Verbs.Dismiss, key),
        ]);
    }

    /// <summary>
    /// The office's answer and the clauses it rests on, which the office names: the field starts empty (none is an
    /// answer too), not with the clauses the bot had offered, which may have nothing to do with it; those are listed
    /// under it to copy from.
    /// </summary>
    private static AdaptiveCard AnswerForm(ReviewItem item, ReviewItemData key, OrganizationProfile organization) => Card(
    [
        new InputText { Id = "answer", Label = "Your answer (it goes to the asker's chat)", IsMultiline = true, MaxLength = ReviewDesk.MaxAnswerLength, IsRequired = true, ErrorMessage = "Write the answer." },
        ClausesInput("Clauses your answer rests on (ids, comma separated; leave empty for none)", []) with { Placeholder = $"{organization.CodeIds[0]}-1.1, …" },
        Text(item.Clauses.Count > 0 ? $"The bot had offered {string.Join(", ", item.Clauses)}." : "The bot had offered no clause.", subtle: true, spacing: "Small"),
    ], [Execute("Send the answer", Verbs.Answer, key, style: "positive")]);

    /// <summary>
    /// Publishing an answered question as a FAQ entry, in words the office checks first: the asker's words may identify
    /// them, and an entry is shown to everyone who asks something similar.
    /// </summary>
    private static AdaptiveCard PublishForm(ReviewItem item, ReviewItemData key) => Card(
    [
        Text(FaqEditor.PublishAdvice, subtle: true),
        new InputText { Id = "question", Label = "Question", Value = FaqEditor.DraftQuestion(item), IsMultiline = true, MaxLength = ReviewDesk.MaxQuestionLength, IsRequired = true, ErrorMessage = "The question is required." },
        new InputText { Id = "answer", Label = "Answer", Value = item.Answer, IsMultiline = true, MaxLength = ReviewDesk.MaxAnswerLength, IsRequired = true, ErrorMessage = "The answer is required." },
        ClausesInput("Clauses it rests on", item.AnswerClauses),
    ], [Execute("Publish", Verbs.Publish, key, style: "positive")]);

    private static AdaptiveCard AssignForm(OrganizationProfile organization, ReviewItemData key) => Card(
    [
        new InputChoiceSet([.. organization.EthicsOffice.Members.Select(m => new Choice(organization.EthicsOffice.NameOf(m), m))])
        {
            Id = "assignee", Label = "Colleague", IsRequired = true, ErrorMessage = "Choose a colleague.",
        },
    ], [Execute("Assign", Verbs.Assign, key)]);

    /// <summary>Under a page of items: how many there are and the next page.</summary>
    public static AdaptiveCard PageFooter(string organization, int shownFrom, int shownTo, int open, int pageSize)
    {
        List<AdaptiveElement> body =
        [
            Text(open == 0 ? "No open questions: the queue is empty." : $"Open questions {shownFrom}–{shownTo} of {open}, oldest first.", weight: "Bolder"),
        ];
        List<AdaptiveAction> actions = [];
        if (shownTo < open)
            actions.Add(Execute($"Next {Math.Min(pageSize, open - shownTo)}", Verbs.Page, new ReviewPageData { Org = organization, Skip = shownTo.ToString(CultureInfo.InvariantCulture) }));
        return Card(body, actions);
    }

    /// <summary>A FAQ entry: what the bot shows, and edit / withdraw (or publish again).</summary>
    public static AdaptiveCard Faq(FaqEntry entry, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = new FaqEntryData { Org = entry.Organization, Id = entry.Id };
        List<AdaptiveElement> body =
        [
            Text(entry.Withdrawn ? "FAQ entry (withdrawn)" : "FAQ entry", weight: "Bolder", color: entry.Withdrawn ? "Attention" : null),
            Text($"“{TypedText.Escape(entry.Question)}”", italic: true),
            Text(TypedText.Escape(entry.Answer)),
            Text($"{(entry.Clauses.Count > 0 ? $"Rests on {string.Join(", ", entry.Clauses)} · " : "")}by {TypedText.Escape(entry.PublishedBy)}, {Day(entry.Updated)}", subtle: true, spacing: "Small"),
        ];
        if (note is not null)
            body.Insert(1, Text(note, color: "Good"));
        var edit = Card(
        [
            new InputText { Id = "question", Label = "Question", Value = entry.Question, MaxLength = ReviewDesk.MaxQuestionLength, IsRequired = true, ErrorMessage = "The question is required." },
            new InputText { Id = "answer", Label = "Answer", Value = entry.Answer, IsMultiline = true, MaxLength = ReviewDesk.MaxAnswerLength, IsRequired = true, ErrorMessage = "The answer is required." },
            ClausesInput("Clauses it rests on", entry.Clauses),
        ], [Execute(entry.Withdrawn ? "Save and publish again" : "Save", Verbs.Edit, key, style: "positive")]);
        List<AdaptiveAction> actions = [ShowCard("Edit", edit)];
        if (!entry.Withdrawn)
            actions.Add(Execute("Withdraw", Verbs.Withdraw, key, style: "destructive"));
        return Card(body, actions);
    }

    /// <summary>The insights as facts per section; counts of 1 to 4 are already masked in the rows.</summary>
    public static AdaptiveCard Insights(IReadOnlyList<InsightRow> rows, OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(organization);
        List<AdaptiveElement> body =
        [
            Text($"Insights · {organization.Name}", size: "Medium", weight: "Bolder"),
            Text($"{Office.Insights.MaskingNote} Type \"insights csv\" for the same figures as CSV.", subtle: true, spacing: "None"),
        ];
        foreach (var section in rows.GroupBy(r => r.Section))
        {
            body.Add(Text(section.Key, weight: "Bolder", spacing: "Medium"));
            body.Add(Facts([.. section.Take(25).Select(r => (r.Label, r.Value))]));
        }
        return Card(body);
    }

    /// <summary>The confirmation before an erasure; <paramref name="reach"/> says where it reaches (the server decides that again on Delete).</summary>
    public static AdaptiveCard ConfirmErase(string userId, string organization, ErasureReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        List<AdaptiveElement> body =
        [
            Text("Delete everything stored about this person?", size: "Medium", weight: "Bolder", color: "Attention"),
            Text($"User **{TypedText.Escape(userId)}**: their questions to the ethics office, their disclosures and any unfinished form, {reach.Describe()}. This cannot be undone."),
        ];
        if (!reach.Everywhere)
            body.Add(Text("Only organisations whose ethics office you belong to; elsewhere, that organisation's ethics office or a data-protection officer can erase.", subtle: true));
        return Card(body, [Execute("Delete", Verbs.Erase, new EraseData { Org = organization, User = userId }, style: "destructive")]);
    }

    /// <summary>What an erasure deleted, per organisation, and that nothing elsewhere was touched (or that it reached everywhere).</summary>
    public static AdaptiveCard Erased(ErasureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        List<AdaptiveElement> body = [Text("Deleted", size: "Medium", weight: "Bolder")];
        foreach (var (name, counts) in report.Erased)
            body.Add(Text($"{name}: {counts.ReviewItems} question(s), {counts.Disclosures} disclosure(s), {counts.Dialogs} unfinished form(s) and {counts.CampaignRecords} campaign record(s) (contact, cards, acknowledgements) of that person were deleted."));
        body.Add(Text(report.Reach.Everywhere
            ? "Erased in every organisation, as a data-protection officer."
            : "Whatever this person may have in other organisations was not touched: their ethics office, or a data-protection officer, can erase it.", subtle: true));
        return Card(body);
    }

    private static ActionShowCard ShowCard(string title, AdaptiveCard card) => new(card) { Title = title };

    /// <summary>The clauses an answer rests on, as ids to edit, comma separated.</summary>
    private static InputText ClausesInput(string label, IReadOnlyList<string> clauses) =>
        new() { Id = "clauses", Label = label, Value = clauses.Count > 0 ? string.Join(", ", clauses) : null, MaxLength = ClauseList.MaxLength };

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
