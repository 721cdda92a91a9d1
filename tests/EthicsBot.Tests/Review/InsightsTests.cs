using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Review;

/// <summary>The insights count what they should, and show any count below 5 as "&lt; 5".</summary>
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
        string Value(string section, string label) => rows.Single(r => r.Section.StartsWith(section, StringComparison.Ordinal) && r.Label.StartsWith(label, StringComparison.Ordinal)).Value;

        Assert.Equal("7", Value("Questions per topic", "iom-5.50 Gifts, honours and remuneration"));
        Assert.Equal("< 5", Value("Questions per topic", "iom-5.27"));
        Assert.Equal("9", Value("Answers", "Questions answered"));
        Assert.Equal("< 5", Value("Answers", "Not covered by the Code"));
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
        Assert.Contains("Answers,Questions answered,9\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"Can I, \"\"maybe\"\", keep it?\"", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "< 5")]
    [InlineData(4, "< 5")]
    [InlineData(5, "5")]
    [InlineData(120, "120")]
    public void A_count_below_five_is_masked(int count, string shown) => Assert.Equal(shown, Insights.Count(count));

    [Theory]
    [InlineData(10, 40, "25% of 40")]
    [InlineData(3, 40, "not shown (small numbers)")]
    [InlineData(38, 40, "not shown (small numbers)")]
    [InlineData(40, 40, "100% of 40")]
    public void A_share_is_shown_only_when_neither_side_is_small(int part, int whole, string shown) => Assert.Equal(shown, Insights.Share(part, whole));
}
