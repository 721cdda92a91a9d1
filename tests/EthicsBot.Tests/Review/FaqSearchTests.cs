using EthicsBot.Features.Answers;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Review;

/// <summary>A published FAQ entry answers the same question in other words, and not a neighbouring question.</summary>
public sealed class FaqSearchTests : IAsyncLifetime
{
    private readonly BotFactory _bot = new();
    private FaqSearch _faq = null!;

    public async Task InitializeAsync()
    {
        _faq = _bot.Services.GetRequiredService<FaqSearch>();
        await _faq.PublishAsync(Entry("pen", "Can I keep a pen a supplier gave me at a workshop?", "Yes: declare it to the head of administration."), default);
        await _faq.PublishAsync(Entry("dog", "Can I bring my dog to the office?", "That is for your duty station's rules, not the Code."), default);
        await _faq.PublishAsync(Entry("car", "May I use the office car to drive my children to school?", "No: official vehicles are for official purposes."), default);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static FaqEntry Entry(string id, string question, string answer) =>
        new() { Id = id, Organization = "iom", Question = question, Answer = answer, Clauses = ["iom-5.27"] };

    [Theory]
    [InlineData("Can I keep a pen a supplier gave me at a workshop?", "pen")]
    [InlineData("may I keep a pen from a supplier", "pen")]
    [InlineData("A supplier gave me a pen, can I keep it?", "pen")]
    [InlineData("Can I bring my dog to the office?", "dog")]
    [InlineData("Can I use the office car for the school run?", "car")]
    [InlineData("Can I accept a gift from a supplier?", null)]
    [InlineData("Can I drive the office car on weekends?", null)]
    [InlineData("Can my cat come to the office?", null)]
    [InlineData("Can I accept a watch from a minister?", null)]
    [InlineData("How do I reset my laptop password?", null)]
    public async Task An_entry_answers_its_own_question_in_other_words_but_not_a_neighbouring_one(string question, string? expected)
    {
        var match = await _faq.FindAsync(question, "iom", default);

        Assert.Equal(expected, match?.Entry.Id);
    }

    [Fact]
    public async Task An_entry_published_by_another_instance_arrives_with_the_next_reload()
    {
        var store = _bot.Services.GetRequiredService<EthicsBot.Features.Office.IOfficeStore>();
        await store.SaveFaqAsync(Entry("leave", "How many days of annual leave do I get?", "See the staff rules.") with { Updated = DateTimeOffset.UtcNow }, default);
        Assert.Null(await _faq.FindAsync("How many days of annual leave do I get?", "iom", default));

        await _faq.ReloadAsync(default);

        Assert.Equal("leave", (await _faq.FindAsync("How many days of annual leave do I get?", "iom", default))?.Entry.Id);
    }

    [Fact]
    public async Task Entries_belong_to_their_organisation_and_a_withdrawn_entry_stops_answering_at_once()
    {
        Assert.Null(await _faq.FindAsync("Can I bring my dog to the office?", "ims", default));

        await _faq.PublishAsync(Entry("dog", "Can I bring my dog to the office?", "x") with { Withdrawn = true }, default);

        Assert.Null(await _faq.FindAsync("Can I bring my dog to the office?", "iom", default));
        Assert.Equal(2, _faq.Count);
    }
}
