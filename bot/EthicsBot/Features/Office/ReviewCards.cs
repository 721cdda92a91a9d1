using System.Globalization;
using System.Text.Json.Nodes;
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
    public static JsonObject Item(ReviewItem item, OrganizationProfile organization, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(organization);
        var key = new JsonObject { ["org"] = item.Organization, ["id"] = item.Id };
        var body = new JsonArray
        {
            Text($"Question of {Day(item.At)}", weight: "Bolder"),
            Text(item.Source == ReviewSource.Unhelpful ? "Rated 👎 by the asker, who agreed to share it" : "Sent to the ethics office by the asker", subtle: true, spacing: "None"),
        };
        if (note is not null)
            body.Add(Text(note, color: "Attention"));
        body.Add(Text($"“{item.Question}”", spacing: "Small"));
        body.Add(Facts(
            ("Clauses offered", item.Clauses.Count > 0 ? string.Join(", ", item.Clauses) : "none"),
            ("Assigned to", item.AssignedToName ?? "nobody"),
            ("Status", item.Status)));
        if (item.Status == ReviewStatus.Answered)
        {
            body.Add(Container(new JsonArray
            {
                Text($"Answered by {item.ClosedByName}, {Day(item.ClosedAt ?? item.At)}", weight: "Bolder"),
                Text(item.Answer ?? ""),
                Text(item.AnswerClauses.Count > 0 ? $"Rests on {string.Join(", ", item.AnswerClauses)}" : "Cites no clause", subtle: true, spacing: "Small"),
            }, style: "emphasis"));
            return Card(body, new JsonArray { Execute("Publish as FAQ", Verbs.Publish, key.DeepClone().AsObject(), style: "positive") });
        }
        if (item.Status == ReviewStatus.Dismissed)
        {
            body.Add(Text($"Marked as not needing an answer by {item.ClosedByName}, {Day(item.ClosedAt ?? item.At)}", subtle: true));
            return Card(body);
        }

        var answerForm = Card(new JsonArray
        {
            new JsonObject { ["type"] = "Input.Text", ["id"] = "answer", ["label"] = "Your answer (it goes to the asker's chat)", ["isMultiline"] = true, ["maxLength"] = ReviewDesk.MaxAnswerLength, ["isRequired"] = true, ["errorMessage"] = "Write the answer." },
            new JsonObject { ["type"] = "Input.Text", ["id"] = "clauses", ["label"] = "Clauses it rests on (ids, comma separated)", ["value"] = string.Join(", ", item.Clauses), ["maxLength"] = 300 },
        }, new JsonArray { Execute("Send the answer", Verbs.Answer, key.DeepClone().AsObject(), style: "positive") });
        var members = organization.EthicsOffice.Members.Select(m => (JsonNode)new JsonObject { ["title"] = ReviewDesk.NameOf(organization, m), ["value"] = m }).ToArray();
        var assignForm = Card(new JsonArray
        {
            new JsonObject { ["type"] = "Input.ChoiceSet", ["id"] = "assignee", ["label"] = "Colleague", ["choices"] = new JsonArray(members), ["isRequired"] = true, ["errorMessage"] = "Choose a colleague." },
        }, new JsonArray { Execute("Assign", Verbs.Assign, key.DeepClone().AsObject()) });
        return Card(body, new JsonArray
        {
            ShowCard("Answer", answerForm),
            ShowCard("Assign to a colleague", assignForm),
            Execute("No answer needed", Verbs.Dismiss, key.DeepClone().AsObject()),
        });
    }

    /// <summary>Under a page of items: how many there are and the next page.</summary>
    public static JsonObject PageFooter(string organization, int shownFrom, int shownTo, int open, int pageSize)
    {
        var body = new JsonArray
        {
            Text(open == 0 ? "No open questions: the queue is empty." : $"Open questions {shownFrom}–{shownTo} of {open}, oldest first.", weight: "Bolder"),
        };
        var actions = new JsonArray();
        if (shownTo < open)
            actions.Add(Execute($"Next {Math.Min(pageSize, open - shownTo)}", Verbs.Page, new JsonObject { ["org"] = organization, ["skip"] = shownTo.ToString(CultureInfo.InvariantCulture) }));
        return Card(body, actions);
    }

    /// <summary>A FAQ entry: what the bot shows, and edit / withdraw (or publish again).</summary>
    public static JsonObject Faq(FaqEntry entry, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = new JsonObject { ["org"] = entry.Organization, ["id"] = entry.Id };
        var body = new JsonArray
        {
            Text(entry.Withdrawn ? "FAQ entry (withdrawn)" : "FAQ entry", weight: "Bolder", color: entry.Withdrawn ? "Attention" : null),
            Text($"“{entry.Question}”", italic: true),
            Text(entry.Answer),
            Text($"{(entry.Clauses.Count > 0 ? $"Rests on {string.Join(", ", entry.Clauses)} · " : "")}by {entry.PublishedBy}, {Day(entry.Updated)}", subtle: true, spacing: "Small"),
        };
        if (note is not null)
            body.Insert(1, Text(note, color: "Good"));
        var edit = Card(new JsonArray
        {
            new JsonObject { ["type"] = "Input.Text", ["id"] = "question", ["label"] = "Question", ["value"] = entry.Question, ["maxLength"] = ReviewDesk.MaxQuestionLength, ["isRequired"] = true, ["errorMessage"] = "The question is required." },
            new JsonObject { ["type"] = "Input.Text", ["id"] = "answer", ["label"] = "Answer", ["value"] = entry.Answer, ["isMultiline"] = true, ["maxLength"] = ReviewDesk.MaxAnswerLength, ["isRequired"] = true, ["errorMessage"] = "The answer is required." },
            new JsonObject { ["type"] = "Input.Text", ["id"] = "clauses", ["label"] = "Clauses it rests on", ["value"] = string.Join(", ", entry.Clauses), ["maxLength"] = 300 },
        }, new JsonArray { Execute(entry.Withdrawn ? "Save and publish again" : "Save", Verbs.Edit, key.DeepClone().AsObject(), style: "positive") });
        var actions = new JsonArray { ShowCard("Edit", edit) };
        if (!entry.Withdrawn)
            actions.Add(Execute("Withdraw", Verbs.Withdraw, key.DeepClone().AsObject(), style: "destructive"));
        return Card(body, actions);
    }

    /// <summary>The insights as facts per section; counts below 5 are already masked in the rows.</summary>
    public static JsonObject Insights(IReadOnlyList<InsightRow> rows, OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(organization);
        var body = new JsonArray
        {
            Text($"Insights · {organization.Name}", size: "Medium", weight: "Bolder"),
            Text($"Counts below {Office.Insights.MaskBelow} are shown as \"< {Office.Insights.MaskBelow}\" so no one is singled out. Type \"insights csv\" for the same figures as CSV.", subtle: true, spacing: "None"),
        };
        foreach (var section in rows.GroupBy(r => r.Section))
        {
            body.Add(Text(section.Key, weight: "Bolder", spacing: "Medium"));
            body.Add(Facts([.. section.Take(25).Select(r => (r.Label, r.Value))]));
        }
        return Card(body);
    }

    /// <summary>Asks the member to confirm an erasure.</summary>
    /// <summary>The confirmation before an erasure; <paramref name="reach"/> says where it reaches (the server decides that again on Delete).</summary>
    public static JsonObject ConfirmErase(string userId, string organization, ErasureReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var body = new JsonArray
        {
            Text("Delete everything stored about this person?", size: "Medium", weight: "Bolder", color: "Attention"),
            Text($"User **{userId}**: their questions to the ethics office, their disclosures and any unfinished form, {reach.Describe()}. This cannot be undone."),
        };
        if (!reach.Everywhere)
            body.Add(Text("Only organisations whose ethics office you belong to; elsewhere, that organisation's ethics office or a data-protection officer can erase.", subtle: true));
        return Card(body, new JsonArray { Execute("Delete", Verbs.Erase, new JsonObject { ["org"] = organization, ["user"] = userId }, style: "destructive") });
    }

    /// <summary>What an erasure deleted, per organisation, and that nothing elsewhere was touched (or that it reached everywhere).</summary>
    public static JsonObject Erased(ErasureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new JsonArray { Text("Deleted", size: "Medium", weight: "Bolder") };
        foreach (var (name, counts) in report.Erased)
            body.Add(Text($"{name}: {counts.ReviewItems} question(s), {counts.Disclosures} disclosure(s) and {counts.Dialogs} unfinished form(s) of that person were deleted."));
        body.Add(Text(report.Reach.Everywhere
            ? "Erased in every organisation, as a data-protection officer."
            : "Whatever this person may have in other organisations was not touched: their ethics office, or a data-protection officer, can erase it.", subtle: true));
        return Card(body);
    }

    private static JsonObject ShowCard(string title, JsonObject card) => new() { ["type"] = "Action.ShowCard", ["title"] = title, ["card"] = card };

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
