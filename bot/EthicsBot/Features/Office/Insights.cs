using System.Globalization;
using System.Text;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Office;

/// <summary>
/// What staff ask about, for the ethics office: questions per topic and per week, how many were asked, answered and
/// not covered, 👍/👎, disclosures per type and status, and the questions waiting longest. A count of 1 to
/// <see cref="MaskBelow"/> − 1 is shown as <see cref="Masked"/>, and a share only when neither of its sides is such a
/// count, so no one can be singled out; zero is shown as 0 (a new deployment is told apart from a quiet one).
/// </summary>
public sealed class Insights(IOfficeStore store, IDisclosureStore disclosures, ClauseCatalog clauses, TimeProvider time, AnswerEventWriter? answerEvents = null)
{
    public const int MaskBelow = 5;
    public const int Weeks = 12;

    /// <summary>What a masked count (1 to 4) shows.</summary>
    public static readonly string Masked = $"< {MaskBelow}";

    /// <summary>What a share shows when a side of it is masked.</summary>
    public const string ShareMasked = "not shown (small numbers)";

    /// <summary>What a share of nothing shows.</summary>
    public const string ShareOfNothing = "none yet";

    /// <summary>The sentence under the insights in the chat card and on the desk: what the masking hides and what it does not.</summary>
    public static readonly string MaskingNote = $"Counts from 1 to {MaskBelow - 1} are shown as \"{Masked}\" so no one is singled out; none is shown as 0.";

    /// <summary>True for a count that could single someone out: 1 to 4. None (0) and 5 or more are shown as they are.</summary>
    public static bool IsSmall(int count) => count is > 0 and < MaskBelow;

    public static string Count(int count) => IsSmall(count) ? Masked : count.ToString(CultureInfo.InvariantCulture);

    /// <summary>The share <paramref name="part"/> of <paramref name="whole"/>, unless the part or the rest is a masked count.</summary>
    public static string Share(int part, int whole) =>
        whole == 0 ? ShareOfNothing
        : IsSmall(part) || IsSmall(whole - part) ? ShareMasked
        : $"{100.0 * part / whole:0}% of {whole}";

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

    /// <summary>Questions per topic and per week; how many were asked, answered (from the Code or the FAQ) and not covered.</summary>
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

        // Asked is every question the bot replied to; answered and not covered are its two kinds of reply (an answer
        // from the ethics office's FAQ counts as answered, even where the Code is silent).
        const string Coverage = "Answers";
        var notCovered = answers.Count(a => a.Kind == Answers.Answer.NotCoveredKind);
        rows.Add(new(Coverage, "Questions asked", Count(answers.Count)));
        rows.Add(new(Coverage, "Answered", Count(answers.Count(a => a.Kind == Answers.Answer.AnswerKind))));
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
