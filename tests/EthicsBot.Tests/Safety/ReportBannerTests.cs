using System.Text;
using EthicsBot.Features.Office;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Safety;

/// <summary>
/// The middle band over HTTP: the thresholds are set so that the model is unsure of a plain question, which then
/// gets its answer with the handoff banner on top, no offer to pass it on, and leaves nothing of itself anywhere.
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
    public async Task An_unsure_message_gets_the_answer_with_the_banner_no_send_offer_and_leaves_no_trace()
    {
        await _http.SendAsync(Activities.Message(_http.Connector.ServiceUrl, $"Can I accept a gift from the {Marker} supplier who delivers our fuel?"));

        var reply = (await _http.Connector.WaitForAsync("message")).Single();
        var card = reply.Card!.Value.GetRawText();
        Assert.Contains("If you are telling us about something that happened", card, StringComparison.Ordinal);
        Assert.Contains("https://weareallin.iom.int/", card, StringComparison.Ordinal);
        Assert.Contains("not anonymous", card, StringComparison.Ordinal);
        Assert.Contains("iom-5.21", card, StringComparison.Ordinal);
        Assert.Contains("iom-5.49", card, StringComparison.Ordinal); // still the answer from the Code
        Assert.DoesNotContain("askEthicsOffice", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\"question\"", card, StringComparison.Ordinal);
        foreach (var call in _http.Connector.Calls)
            Assert.DoesNotContain(Marker, call.Body.GetRawText(), StringComparison.Ordinal);

        var store = _http.Bot.Services.GetRequiredService<IOfficeStore>();
        Assert.Empty(await store.AnswersSinceAsync("iom", DateTimeOffset.UtcNow.AddHours(-1), default));
        foreach (var file in Directory.EnumerateFiles(_http.Bot.DataFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Marker, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.DoesNotContain(_http.Bot.Logs.Lines, l => l.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_question_sent_back_from_an_older_card_is_not_queued_when_it_is_in_the_band()
    {
        var invoke = await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, "askEthicsOffice",
            new { answerId = "a-1", question = $"Can I accept a gift from the {Marker} supplier?", org = "iom" }));

        Assert.Contains("https://weareallin.iom.int/", invoke.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await _http.Bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
    }
}
