using System.Text;
using EthicsBot.Features.Office;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Safety;

/// <summary>
/// Over HTTP, with the shipped models: a message in a language the screen was not trained on (Swahili here) gets the
/// whistleblower banner with the channel's link and the notice of the languages the bot understands; nothing of it is
/// kept or logged, and it reaches the ethics office only if the asker presses the banner's button.
/// </summary>
public sealed class UnfamiliarLanguageTurnTests : IAsyncLifetime
{
    private const string Marker = "Zanzibarian";
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task A_swahili_message_gets_the_banner_and_the_understood_languages_and_leaves_no_trace()
    {
        await _http.SendAsync(Activities.Message(_http.Connector.ServiceUrl, $"Habari, msimamizi wangu {Marker} anachukua pesa kutoka kwa wasambazaji kila mwezi"));

        var reply = (await _http.Connector.WaitForAsync("message")).Single();
        var card = reply.Card!.Value.GetRawText();
        Assert.Contains("If you are telling us about something that happened", card, StringComparison.Ordinal);
        Assert.Contains("https://weareallin.iom.int/", card, StringComparison.Ordinal);
        Assert.Contains("I understand messages in Arabic, English, French, Portuguese and Spanish", card, StringComparison.Ordinal);
        // The one way to the office is the banner's button (it is a question, keep it); the message rides in its data only.
        Assert.DoesNotContain("Ask the ethics office", card, StringComparison.Ordinal);
        Assert.Contains(EthicsBot.Features.Answers.BotCards.ConfirmQuestionTitle, card, StringComparison.Ordinal);
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
}
