using EthicsBot.Tests.Answers;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// "…is typing" only when it helps (<c>Bot:TypingAfter</c>): a fast answer is the one send to the connector; a slow one
/// shows typing first, then the answer. No wall clock is asserted: a fast answer is given a delay it cannot miss, and
/// the slow answer's model is held until the typing indicator has reached the connector.
/// </summary>
public sealed class TypingTests
{
    [Fact]
    public async Task A_fast_answer_is_the_only_send_to_the_connector()
    {
        await using var http = await BotOverHttp.StartAsync(_ => new() { ["Bot:TypingAfter"] = "00:00:10" });

        await http.SendAsync(Activities.Message(http.Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-fast"));

        // The 200 came when the turn had ended, the answer accepted by the connector: nothing else was sent before it.
        var call = Assert.Single(http.Connector.Calls);
        Assert.Equal("message", call.Type);
        Assert.Contains("iom-5.49", call.Card!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_shows_typing_first_then_the_answer()
    {
        await using var openAI = await LoopbackOpenAI.StartAsync();
        await using var http = await BotOverHttp.StartAsync(_ => new()
        {
            ["Bot:TypingAfter"] = "00:00:00.05",
            ["AzureOpenAI:Endpoint"] = openAI.Endpoint,
            ["AzureOpenAI:Deployment"] = "chat",
            ["AzureOpenAI:ApiKey"] = "test-openai-key",
            ["AzureOpenAI:TimeoutSeconds"] = "30",
        });
        var release = new TaskCompletionSource();
        openAI.Hold(release.Task);

        var question = http.SendAsync(Activities.Message(http.Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-slow"));
        // The model is held: the answer cannot be ready, and the typing indicator goes out on its own.
        await http.Connector.WaitForAsync("typing", timeout: TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(http.Connector.Calls, c => c.Type == "message");
        release.SetResult();
        await question;

        Assert.Equal(["typing", "message"], http.Connector.Calls.Select(c => c.Type));
        Assert.Contains("AI-generated", http.Connector.Calls[1].Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Single(openAI.Requests);
    }

    [Fact]
    public async Task At_zero_typing_goes_out_before_every_answer()
    {
        await using var http = await BotOverHttp.StartAsync(_ => new() { ["Bot:TypingAfter"] = "00:00:00" });

        await http.SendAsync(Activities.Message(http.Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-1"));
        await http.SendAsync(Activities.Message(http.Connector.ServiceUrl, "Can I have a second job in the evenings?", id: "q-2"));

        Assert.Equal(["typing", "message", "typing", "message"], http.Connector.Calls.Select(c => c.Type));
    }

    [Fact]
    public async Task Small_talk_and_reports_never_get_typing_whatever_the_setting()
    {
        await using var http = await BotOverHttp.StartAsync(_ => new() { ["Bot:TypingAfter"] = "00:00:00" });

        await http.SendAsync(Activities.Message(http.Connector.ServiceUrl, "hello"));
        await http.SendAsync(Activities.Message(http.Connector.ServiceUrl, "My supervisor demanded a bribe from the fuel supplier"));

        Assert.Equal(["message", "message"], http.Connector.Calls.Select(c => c.Type));
    }
}
