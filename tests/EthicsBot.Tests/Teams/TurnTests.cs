using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// How turns run: side by side across conversations, one at a time and in order within one, the typing indicator
/// beside the work; logs quiet; answer events written behind the reply.
/// </summary>
public sealed class TurnTests : IAsyncLifetime
{
    private BotOverHttp _http = null!;

    // Typing at once before every answer (Bot:TypingAfter 0): these tests watch it beside the work.
    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync(_ => new() { ["Bot:TypingAfter"] = "00:00:00" });

    public async Task DisposeAsync() => await _http.DisposeAsync();

    private LoopbackConnector Connector => _http.Connector;

    /// <summary>The answers (messages) the connector got in one conversation, in the order they arrived.</summary>
    private List<ConnectorCall> Answers(string conversation) =>
        Connector.Calls.Where(c => c.Type == "message" && c.Path.Contains($"/conversations/{conversation}/", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Three_questions_in_one_conversation_are_answered_in_order_when_the_connector_holds_the_first_answer()
    {
        Connector.DelayNext("typing", TimeSpan.Zero); // (the typing of turn 1 goes through at once)
        var first = Task.Run(() => _http.SendAsync(Activities.Message(Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-1", conversation: "a:ordered")));
        await Connector.WaitForAsync("typing");
        Connector.DelayNext("message", TimeSpan.FromSeconds(1.5));
        // The second and third arrive while the first answer is still with the connector.
        await Task.Delay(100);
        var second = Task.Run(() => _http.SendAsync(Activities.Message(Connector.ServiceUrl, "Can I have a second job in the evenings?", id: "q-2", conversation: "a:ordered")));
        await Task.Delay(100);
        var third = Task.Run(() => _http.SendAsync(Activities.Message(Connector.ServiceUrl, "Am I allowed to join a political party?", id: "q-3", conversation: "a:ordered")));

        await Task.WhenAll(first, second, third);

        var answers = Answers("a:ordered");
        Assert.Equal(["q-1", "q-2", "q-3"], answers.Select(a => a.Path.Split('/')[^1]));
        // The next turn started only when the previous one had ended: its answer came after the first was accepted.
        Assert.True(answers[1].ArrivedAt >= answers[0].AnsweredAt, $"{answers[1].ArrivedAt:O} < {answers[0].AnsweredAt:O}");
        Assert.True(answers[2].ArrivedAt >= answers[1].AnsweredAt);
    }

    [Fact]
    public async Task Conversations_do_not_wait_on_each_other_when_the_connector_is_slow()
    {
        Connector.DelayAll = TimeSpan.FromSeconds(2);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => _http.SendAsync(
            Activities.Message(Connector.ServiceUrl, "Can I accept a gift from a supplier?", conversation: $"a:side-by-side-{i}"))));

        // Four fixed workers kept at most four answers waiting on the connector at once; side by side, the answers of
        // different conversations wait on it together. Measured as overlap, not as a duration: it holds on a slow machine.
        var answers = Connector.Calls.Where(c => c.Type == "message").ToList();
        Assert.Equal(24, answers.Count);
        var mostAtOnce = answers.Max(a => answers.Count(b => b.ArrivedAt <= a.ArrivedAt && a.ArrivedAt < b.AnsweredAt));
        Assert.True(mostAtOnce > 4, $"at most {mostAtOnce} answers were waiting on the connector at once");
    }

    [Fact]
    public async Task A_failing_typing_indicator_neither_holds_nor_fails_the_turn()
    {
        // The typing indicator's first attempt fails, and the connector asks for its retry in 5 s (Retry-After): the
        // answer is ready long before, on a loaded machine too (a retry after the standard half second raced a cold answer).
        Connector.FailNext(500, retryAfter: "5");

        await _http.SendAsync(Activities.Message(Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-typing"));

        var calls = Connector.Calls.Select(c => c.Type).ToList();
        // The answer went out after the first (failed) typing attempt, without waiting for its retry.
        Assert.Equal(["typing", "message"], calls.Take(2));
        Assert.NotNull(Connector.Calls[1].Card);
    }

    [Fact]
    public async Task A_turn_writes_no_conversation_id_and_no_HttpClient_line_at_Information()
    {
        await _http.SendAsync(Activities.Message(Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-logs", conversation: "a:quiet-logs"));
        await _http.SendAsync(Activities.Message(Connector.ServiceUrl, "thank you", conversation: "a:quiet-logs"));

        var quiet = _http.Bot.Logs.Lines.Where(l => !l.StartsWith("Warning", StringComparison.Ordinal) && !l.StartsWith("Error", StringComparison.Ordinal)
                                                    && !l.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(quiet, l => l.Contains("a:quiet-logs", StringComparison.Ordinal));
        Assert.DoesNotContain(_http.Bot.Logs.Lines, l => l.Contains(" System.Net.Http.HttpClient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answer_events_are_written_behind_the_reply_and_read_by_the_insights()
    {
        await _http.SendAsync(Activities.Message(Connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "q-event"));

        var writer = _http.Bot.Services.GetRequiredService<AnswerEventWriter>();
        await writer.FlushAsync(default);
        var events = await _http.Bot.Services.GetRequiredService<IOfficeStore>().AnswersSinceAsync("iom", DateTimeOffset.UtcNow.AddHours(-1), default);
        Assert.Equal("iom-5.49", Assert.Single(events).TopClause);
    }

    [Fact]
    public async Task Answer_events_still_queued_are_written_when_the_bot_stops()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-events-").FullName;
        try
        {
            var store = new SqliteOfficeStore(Path.Combine(folder, "ethicsbot.db"));
            var writer = new AnswerEventWriter(store, NullLogger<AnswerEventWriter>.Instance);
            await writer.StartAsync(default);
            writer.Record(new AnswerEvent("e-1", "iom", DateTimeOffset.UtcNow, "answer", "iom-5.49", false));
            writer.Record(new AnswerEvent("e-2", "iom", DateTimeOffset.UtcNow, "not_covered", null, false));

            await writer.StopAsync(default); // at once: well within the batching delay
            writer.Dispose();

            Assert.Equal(2, (await store.AnswersSinceAsync("iom", DateTimeOffset.UtcNow.AddHours(-1), default)).Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
