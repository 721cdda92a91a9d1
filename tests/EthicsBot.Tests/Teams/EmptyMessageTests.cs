using System.Text.Json.Nodes;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// A message with no text (a picture, a sticker): nothing to read the language from, so the prompt to ask in a sentence
/// follows Teams' locale, English when the bot has no words for it.
/// </summary>
public sealed class EmptyMessageTests : IAsyncLifetime
{
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Theory]
    [InlineData("fr-FR", "Posez-moi une question sur le Code de conduite")]
    [InlineData("ar-LB", "اطرح عليّ سؤالاً عن مدونة السلوك")]
    [InlineData("sw-KE", "Ask me a question about the Code of Conduct in a sentence")]
    public async Task The_prompt_to_ask_in_a_sentence_is_in_the_language_of_Teams(string locale, string expected)
    {
        var activity = JsonNode.Parse(Activities.Message(_http.Connector.ServiceUrl, "   "))!.AsObject();
        activity["locale"] = locale;

        await _http.SendAsync(activity.ToJsonString());

        var reply = (await _http.Connector.WaitForAsync("message")).Single();
        Assert.StartsWith(expected, reply.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
