using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Review;

/// <summary>The insights count what they should, show a count of 1 to 4 as "&lt; 5", and a zero as 0.</summary>
public sealed class InsightsTests : IDisposable
{
    private readonly DialogHarness _h = new();
    private readonly SqliteOfficeStore _office;

    public InsightsTests() => _office = new SqliteOfficeStore(_h.DatabasePath);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Counts_of_five_or_more_are_shown_smaller_ones_masked_and_shares_only_from_large_enough_counts()
    {
        var now = _h.Time.Now;
        for (var i = 0; i < 7; i++)
            await _office.RecordAnswerAsync(new AnswerEvent($"g{i}", "iom", now.AddDays(-1), "answer", "iom-5.50", false), default);
        for (var i = 0; i < 2; i++)
            await _office.RecordAnswerAsync(new AnswerEvent($"n{i}", "iom", now.AddDays(-1), "not_covered", "iom-5.27", false), default);
        await _office.RecordAnswerAsync(new AnswerEvent("old", "iom", now.AddDays(-200), "answer", "iom-5.50", false), default);
        for (var i = 0; i < 6; i++)
            await _office.RecordFeedbackAsync(new AnswerFeedback($"g{i}", "iom", [], i < 5, now.AddDays(-1)), default);
        await _office.QueueAsync(new ReviewItem { Id = "q1", Organization = "iom", Question = "Can I, \"maybe\", keep it?", Asker = DialogHarness.Person().Conversation, At = now.AddDays(-9) }, default);
        await _h.Store.SubmitAsync(new Disclosure { Id = "d1", Organization = "iom", FormId = "gift", FormTitle = "Declare a gift", Noun = "gift declaration", ReferencePrefix = "GIFT", Discloser = DialogHarness.Person(), Answers = [], Submitted = now }, default);

        var rows = await new Insights(_office, _h.Store, DialogHarness.ClauseCatalog, _h.Time).BuildAsync(DialogHarness.Organization("iom"), default);
        string Value(string section, string label) => Find(rows, section, label);

        Assert.Equal("7", Value("Questions per topic", "iom-5.50 Gifts, honours and remuneration"));
        Assert.Equal("< 5", Value("Questions per topic", "iom-5.27"));
        // Asked counts every reply; answered only the answers, not the two the Code does not cover.
        Assert.Equal("9", Value("Answers", "Questions asked"));
        Assert.Equal("7", Value("Answers", "Answered"));
        Assert.Equal("< 5", Value("Answers", "Not covered by the Code"));
        Assert.Equal("0", Value("Answers", "Answered from the FAQ"));
        Assert.Equal("not shown (small numbers)", Value("Answers", "Share not covered"));
        Assert.Equal("5", Value("Feedback", "👍"));
        Assert.Equal("< 5", Value("Feedback", "👎"));
        Assert.Equal("not shown (small numbers)", Value("Feedback", "Share helpful")); // 5 of 6 would reveal the single 👎
        Assert.Equal("< 5", Value("Disclosures", "gift declaration: submitted"));
        Assert.Equal("< 5", Value("Waiting longest", "Open questions"));
        Assert.Equal("Can I, \"maybe\", keep it?", Value("Waiting longest", "Since"));
        Assert.DoesNotContain(rows, r => r.Value is "1" or "2" or "3" or "4");

        var csv = Insights.ToCsv(rows);
        Assert.StartsWith("section,item,value\n", csv, StringComparison.Ordinal);
        Assert.Contains("Answers,Questions asked,9\n", csv, StringComparison.Ordinal);
        Assert.Contains("Answers,Answered,7\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"Can I, \"\"maybe\"\", keep it?\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_deployment_shows_zeros_not_masks()
    {
        var rows = await new Insights(_office, _h.Store, DialogHarness.ClauseCatalog, _h.Time).BuildAsync(DialogHarness.Organization("iom"), default);
        string Value(string section, string label) => Find(rows, section, label);

        Assert.Equal("0", Value("Questions per topic", "All topics"));
        Assert.All(rows.Where(r => r.Section == "Questions per week"), r => Assert.Equal("0", r.Value));
        Assert.Equal("0", Value("Answers", "Questions asked"));
        Assert.Equal("0", Value("Answers", "Answered"));
        Assert.Equal("0", Value("Answers", "Not covered by the Code"));
        Assert.Equal("none yet", Value("Answers", "Share not covered"));
        Assert.Equal("0", Value("Feedback", "👍"));
        Assert.Equal("0", Value("Disclosures", "All disclosures"));
        Assert.Equal("0", Value("Waiting longest", "Open questions"));
        Assert.DoesNotContain(rows, r => r.Value == "< 5");
        Assert.Contains("Answers,Questions asked,0\n", Insights.ToCsv(rows), StringComparison.Ordinal);
    }

    /// <summary>The value of the row whose label is <paramref name="label"/>, or else the one row whose label starts with it.</summary>
    private static string Find(IReadOnlyList<InsightRow> rows, string section, string label)
    {
        var inSection = rows.Where(r => r.Section.StartsWith(section, StringComparison.Ordinal)).ToList();
        return (inSection.SingleOrDefault(r => r.Label == label) ?? inSection.Single(r => r.Label.StartsWith(label, StringComparison.Ordinal))).Value;
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "< 5")]
    [InlineData(4, "< 5")]
    [InlineData(5, "5")]
    [InlineData(120, "120")]
    public void A_count_of_one_to_four_is_masked_and_zero_is_zero(int count, string shown) => Assert.Equal(shown, Insights.Count(count));

    [Theory]
    [InlineData(10, 40, "25% of 40")]
    [InlineData(3, 40, "not shown (small numbers)")]
    [InlineData(38, 40, "not shown (small numbers)")]
    [InlineData(40, 40, "100% of 40")]
    [InlineData(0, 40, "0% of 40")]
    [InlineData(0, 3, "not shown (small numbers)")]
    [InlineData(0, 0, "none yet")]
    public void A_share_is_shown_only_when_neither_side_is_small(int part, int whole, string shown) => Assert.Equal(shown, Insights.Share(part, whole));
}
