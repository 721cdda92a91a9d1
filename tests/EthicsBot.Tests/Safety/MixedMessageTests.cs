using System.Text;
using EthicsBot.Features.Office;
using EthicsBot.Features.Safety;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Safety;

/// <summary>The sentences and lines the screen judges one by one.</summary>
public sealed class MessagePartsTests
{
    [Fact]
    public void Sentences_and_lines_are_parts_in_any_script()
    {
        Assert.Equal(["Can I accept a gift from a supplier?", "Also my supervisor asked me for money."],
            MessageParts.Of("Can I accept a gift from a supplier? Also my supervisor asked me for money."));
        Assert.Equal(["هل يمكنني قبول هدية من مورد؟", "مديري يأخذ رشوة من المقاول منذ شهرين"],
            MessageParts.Of("هل يمكنني قبول هدية من مورد؟ مديري يأخذ رشوة من المقاول منذ شهرين"));
        Assert.Equal(["good morning to you all", "the driver sells our fuel every week"],
            MessageParts.Of("good morning to you all\nthe driver sells our fuel every week"));
    }

    [Fact]
    public void A_fragment_of_few_words_joins_the_next_part_and_one_sentence_is_no_parts()
    {
        Assert.Equal(["Hi. Thanks! My manager takes money from the suppliers.", "What should I do about it?"],
            MessageParts.Of("Hi. Thanks! My manager takes money from the suppliers. What should I do about it?"));
        Assert.Empty(MessageParts.Of("Can I accept a gift from a supplier?"));
        Assert.Empty(MessageParts.Of("Hello. Can I accept a gift?")); // "Hello." alone is too short to be a part
        Assert.Empty(MessageParts.Of("  "));
    }

    [Fact]
    public void Past_the_maximum_the_rest_is_the_last_part()
    {
        var parts = MessageParts.Of(string.Join(' ', Enumerable.Range(1, 10).Select(i => $"This is sentence number {i}.")), max: 3);

        Assert.Equal(3, parts.Count);
        Assert.StartsWith("This is sentence number 3.", parts[2], StringComparison.Ordinal);
        Assert.EndsWith("This is sentence number 10.", parts[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Am I allowed to answer?", true)]
    [InlineData("هل يجب أن أصرح بها؟", true)]
    [InlineData("¿Puedo aceptar un regalo", true)]
    [InlineData("A journalist called me yesterday.", false)]
    public void A_part_that_asks_is_told_apart(string part, bool asks) => Assert.Equal(asks, MessageParts.IsQuestion(part));
}

/// <summary>
/// A question first and then what is really on the writer's mind: the report in any sentence or line makes the whole
/// message a report, with the real encoder and the shipped model.
/// </summary>
public sealed class MixedMessageScreenTests(ReportScreenTests.Shipped shipped) : IClassFixture<ReportScreenTests.Shipped>
{
    private readonly ReportScreen _screen = new(shipped.Encoder, shipped.Model);

    [Theory]
    [InlineData("Can I accept a gift from a supplier? Also my supervisor demanded sex in exchange for a contract extension.")]
    [InlineData("Can I accept a gift from a supplier? Also the logistics officer takes a bribe from every transporter we hire.")]
    [InlineData("What is the rule on using office cars at the weekend? By the way the warehouse guard has been stealing fuel from the generator.")]
    [InlineData("Hello,\nquick question about per diem for the Gao mission.\nalso my team leader told me to sign attendance sheets for people who never came")]
    public async Task A_report_after_a_question_is_a_report(string message)
    {
        var verdict = await _screen.ScreenAsync(message);

        Assert.Equal(ReportAction.Handoff, verdict.Action);
        Assert.Contains(verdict.Signals, s => s.StartsWith("part ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("A journalist called me asking about our operations at the border. Am I allowed to answer?")]
    [InlineData("My brother-in-law bid on our tender last week. Should I step aside from the evaluation?")]
    [InlineData("Can I accept a box of chocolates from a supplier? And do I have to declare it somewhere?")]
    public async Task Questions_in_several_sentences_stay_questions(string message)
    {
        var verdict = await _screen.ScreenAsync(message);

        Assert.NotEqual(ReportAction.Handoff, verdict.Action);
    }
}

/// <summary>
/// Over HTTP: a mixed message gets the handoff alone, and the same text sent back in the data of every staff button
/// (ask the ethics office, 👎, declare from an answer, a form's field) leaves nothing of itself in the store or the logs.
/// </summary>
public sealed class MixedMessageTurnTests : IAsyncLifetime
{
    private const string Marker = "Zanzibarian";
    private const string Mixed = $"Can I accept a gift from a supplier? Also my {Marker} supervisor demanded sex in exchange for a contract extension.";
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task A_question_then_a_report_gets_the_handoff_and_no_button_keeps_it()
    {
        await _http.SendAsync(Activities.Message(_http.Connector.ServiceUrl, Mixed));
        var reply = (await _http.Connector.WaitForAsync("message")).Single();
        Assert.Contains("https://weareallin.iom.int/", reply.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("askEthicsOffice", reply.Body.GetRawText(), StringComparison.Ordinal);

        // Older cards, or a client that sends what it likes: every staff button with the text in its data.
        await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "askEthicsOffice", new { answerId = "a-1", question = Mixed, org = "iom" }));
        await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "feedback", new { answerId = "a-2", helpful = false, question = Mixed, org = "iom" }));
        await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "startDisclosure", new { type = "gift", question = Mixed, org = "iom" }));
        var form = await _http.Connector.WaitForAsync("message", 2);
        Assert.All(form, c => Assert.DoesNotContain(Marker, c.Body.GetRawText(), StringComparison.Ordinal));

        var store = _http.Bot.Services.GetRequiredService<IOfficeStore>();
        Assert.Empty(await store.ItemsAsync("iom", default));
        foreach (var call in _http.Connector.Calls)
            Assert.DoesNotContain(Marker, call.Body.GetRawText(), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_http.Bot.DataFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.DoesNotContain(_http.Bot.Logs.Lines, l => l.Contains(Marker, StringComparison.Ordinal));
    }
}
