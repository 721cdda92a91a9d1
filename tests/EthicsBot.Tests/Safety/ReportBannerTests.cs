using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Safety;

/// <summary>
/// The middle band over HTTP: the thresholds are set so that the model is unsure of a plain message (one that asks
/// nothing of the writer's own, which <see cref="Features.Safety.OwnSituation"/> would take out of the band), which then
/// gets its answer with the handoff banner on top and leaves nothing of itself anywhere; its one way to the ethics office
/// is the banner's button, which says it is a question and keeps it only when pressed.
/// </summary>
public sealed class ReportBannerTests : IAsyncLifetime
{
    private const string Marker = "Zanzibarian";
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync(_ => new()
    {
        ["Safety:BannerAbove"] = "0.000001",
        ["Safety:HandoffAbove"] = "0.999999",
    });

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task An_unsure_message_gets_the_answer_with_the_banner_and_the_confirm_button_and_leaves_no_trace()
    {
        await _http.SendAsync(Activities.Message(_http.Connector.ServiceUrl, $"A gift from the {Marker} supplier who delivers our fuel"));

        var reply = (await _http.Connector.WaitForAsync("message")).Single();
        var card = reply.Card!.Value.GetRawText();
        Assert.Contains("If you are telling us about something that happened", card, StringComparison.Ordinal);
        Assert.Contains("https://weareallin.iom.int/", card, StringComparison.Ordinal);
        Assert.Contains("not anonymous", card, StringComparison.Ordinal);
        Assert.Contains("iom-5.21", card, StringComparison.Ordinal);
        Assert.Contains("iom-5.49", card, StringComparison.Ordinal); // still the answer from the Code
        Assert.DoesNotContain("Ask the ethics office", card, StringComparison.Ordinal);
        // The one button to the office says what pressing it means; the message rides in its data only, to the asker's
        // own chat: not in the text, not in any other button.
        var confirm = ButtonData(reply.Card!.Value, BotCards.ConfirmQuestionTitle);
        Assert.True((bool)confirm["confirmedQuestion"]!);
        Assert.Contains(Marker, (string)confirm["question"]!, StringComparison.Ordinal);
        Assert.Equal(1, card.Split(Marker).Length - 1);
        foreach (var call in _http.Connector.Calls.Where(c => c != reply))
            Assert.DoesNotContain(Marker, call.Body.GetRawText(), StringComparison.Ordinal);

        var store = _http.Bot.Services.GetRequiredService<IOfficeStore>();
        Assert.Empty(await store.AnswersSinceAsync("iom", DateTimeOffset.UtcNow.AddHours(-1), default));
        Assert.Empty(await store.ItemsAsync("iom", default));
        foreach (var file in Directory.EnumerateFiles(_http.Bot.DataFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.DoesNotContain(_http.Bot.Logs.Lines, l => l.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pressing_the_banners_button_sends_the_question_to_the_ethics_office()
    {
        var question = $"A gift from the {Marker} supplier who delivers our fuel";
        await _http.SendAsync(Activities.Message(_http.Connector.ServiceUrl, question));
        var reply = (await _http.Connector.WaitForAsync("message")).Single();

        var invoke = await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "askEthicsOffice", ButtonData(reply.Card!.Value, BotCards.ConfirmQuestionTitle)));

        Assert.Contains("was sent to the", invoke.GetRawText(), StringComparison.Ordinal);
        var item = Assert.Single(await _http.Bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
        Assert.Equal(question, item.Question);
        Assert.Equal(ReviewSource.Asked, item.Source);
    }

    [Fact]
    public async Task A_report_sent_back_as_a_confirmed_question_is_not_kept()
    {
        // The data is the client's to send: a text the screen hands off is never kept, whatever the data says.
        var invoke = await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "askEthicsOffice",
            new { answerId = "a-2", question = $"My supervisor {Marker} demanded a bribe from the fuel supplier", org = "iom", confirmedQuestion = true }));

        Assert.Contains("https://weareallin.iom.int/", invoke.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await _http.Bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
        foreach (var file in Directory.EnumerateFiles(_http.Bot.DataFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.DoesNotContain(_http.Bot.Logs.Lines, l => l.Contains(Marker, StringComparison.Ordinal));
    }

    /// <summary>The data of the card's button titled <paramref name="title"/>, as Teams sends it back.</summary>
    private static JsonObject ButtonData(JsonElement card, string title)
    {
        var actions = JsonNode.Parse(card.GetRawText())!["actions"]!.AsArray().OfType<JsonObject>();
        return JsonNode.Parse(actions.Single(a => (string?)a["title"] == title)["data"]!.ToJsonString())!.AsObject();
    }

    [Fact]
    public async Task A_question_sent_back_from_an_older_card_is_not_queued_when_it_is_in_the_band()
    {
        var invoke = await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "askEthicsOffice",
            new { answerId = "a-1", question = $"A gift from the {Marker} supplier to the warehouse manager", org = "iom" }));

        Assert.Contains("https://weareallin.iom.int/", invoke.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await _http.Bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
    }
}
