using System.Globalization;
using System.Text;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Office;

/// <summary>
/// What staff ask about, for the ethics office: questions per topic and per week, the share not covered, 👍/👎,
/// disclosures per type and status, and the questions waiting longest. Any count below
/// <see cref="MaskBelow"/> is shown as "&lt; 5", and a share is shown only when both of its counts are 5 or more,
/// so no one can be singled out.
/// </summary>
public sealed class Insights(IOfficeStore store, IDisclosureStore disclosures, ClauseCatalog clauses, TimeProvider time, AnswerEventWriter? answerEvents = null)
{
    public const int MaskBelow = 5;
    public const int Weeks = 12;

    public static string Count(int count) => count < MaskBelow ? $"< {MaskBelow}" : count.ToString(CultureInfo.InvariantCulture);

    public static string Share(int part, int whole) =>
        part < MaskBelow || whole < MaskBelow || whole - part < MaskBelow && part != whole ? "not shown (small numbers)" : $"{100.0 * part / whole:0}% of {whole}";

    public async Task<IReadOnlyList<InsightRow>> BuildAsync(OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var now = time.GetUtcNow();
        var since = now.AddDays(-7 * Weeks);
        // The events of answers just given are still on their way to the store: written first.
        if (answerEvents is not null)
            await answerEvents.FlushAsync(cancellationToken).ConfigureAwait(false);
        // Four reads side by side: on Table Storage each is a round trip or more.
        var answersRead = store.AnswersSinceAsync(organization.Id, since, cancellationToken);
        var feedbackRead = store.FeedbackSinceAsync(organization.Id, since, cancellationToken);
        var itemsRead = store.ItemsAsync(organization.Id, cancellationToken);
        var disclosedRead = disclosures.CountByTypeAndStatusAsync(organization.Id, cancellationToken);
        await Task.WhenAll(answersRead, feedbackRead, itemsRead, disclosedRead).ConfigureAwait(false);
        var (answers, feedback, items, disclosed) = (answersRead.Result, feedbackRead.Result, itemsRead.Result, disclosedRead.Result);
        var rows = new List<InsightRow>();

        AddAnswerRows(rows, answers, now);
        const string Ratings = "Feedback";
        var helpful = feedback.Count(f => f.Helpful);
        rows.Add(new(Ratings, "👍 helpful", Count(helpful)));
        rows.Add(new(Ratings, "👎 not helpful", Count(feedback.Count - helpful)));
        rows.Add(new(Ratings, "Share helpful", Share(helpful, feedback.Count)));

        AddOfficeRows(rows, disclosed, items, now);
        return rows;
    }

    /// <summary>Questions per topic and per week, and how many were covered by the Code or the FAQ.</summary>
    private void AddAnswerRows(List<InsightRow> rows, IReadOnlyList<AnswerEvent> answers, DateTimeOffset now)
    {
        const string Topics = "Questions per topic (last 12 weeks)";
        foreach (var group in answers.GroupBy(a => a.TopClause ?? "").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            rows.Add(new(Topics, group.Key.Length == 0 ? "No clause found" : $"{group.Key} {clauses.Find(group.Key)?.Title ?? ""}".Trim(), Count(group.Count())));
        if (answers.Count == 0)
            rows.Add(new(Topics, "All topics", Count(0)));

        const string PerWeek = "Questions per week";
        for (var week = Weeks - 1; week >= 0; week--)
        {
            var start = StartOfWeek(now).AddDays(-7 * week);
            var count = answers.Count(a => a.At >= start && a.At < start.AddDays(7));
            rows.Add(new(PerWeek, $"Week of {start.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", Count(count)));
        }

        const string Coverage = "Answers";
        var notCovered = answers.Count(a => a.Kind == Answers.Answer.NotCoveredKind);
        rows.Add(new(Coverage, "Questions answered", Count(answers.Count)));
        rows.Add(new(Coverage, "Not covered by the Code", Count(notCovered)));
        rows.Add(new(Coverage, "Share not covered", Share(notCovered, answers.Count)));
        rows.Add(new(Coverage, "Answered from the FAQ", Count(answers.Count(a => a.FromFaq))));
    }

    /// <summary>Disclosures per type and status, and the questions waiting longest.</summary>
    private static void AddOfficeRows(List<InsightRow> rows, IReadOnlyList<DisclosureCount> disclosed, IReadOnlyList<ReviewItem> items, DateTimeOffset now)
    {
        const string Disclosed = "Disclosures per type and status";
        foreach (var group in disclosed.OrderBy(c => c.Noun, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal))
            rows.Add(new(Disclosed, $"{group.Noun}: {group.Status}", Count(group.Count)));
        if (disclosed.Count == 0)
            rows.Add(new(Disclosed, "All disclosures", Count(0)));

        const string Waiting = "Waiting longest";
        var open = items.Where(i => i.Status == ReviewStatus.Open).OrderBy(i => i.At).ToList();
        rows.Add(new(Waiting, "Open questions", Count(open.Count)));
        foreach (var item in open.Take(5))
            rows.Add(new(Waiting, $"Since {item.At.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} ({(int)(now - item.At).TotalDays} days)",
                CardBuilder.Clip(item.Question, 80)));
    }

    /// <summary>The same figures as CSV: section,item,value (RFC 4180 quoting).</summary>
    public static string ToCsv(IReadOnlyList<InsightRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder("section,item,value\n");
        foreach (var row in rows)
            csv.Append(CsvField.Quote(row.Section)).Append(',').Append(CsvField.Quote(row.Label)).Append(',').Append(CsvField.Quote(row.Value)).Append('\n');
        return csv.ToString();
    }

    private static DateTimeOffset StartOfWeek(DateTimeOffset at)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7)); // Monday
    }
}
