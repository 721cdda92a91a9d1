namespace EthicsBot.Tests.EndToEnd;

/// <summary>
/// End to end in a real Teams client: the bot, the Microsoft 365 Agents Playground and headless Chromium run inside a
/// loopback-only network namespace (tests/e2e/run-e2e.sh); Playwright types into the playground's compose box and
/// waits for the answer card and the handoff card, fills in a whole gift declaration in the form cards, and works the
/// review queue as an ethics office member through to a published FAQ answer. Needs
/// root (unshare), node and /usr/bin/chromium, which ./test.sh installs; without them the test fails rather than skips.
/// Nothing it starts outlives it: everything runs in a PID namespace that ends with the script, and its output folder
/// is deleted afterwards unless ETHICSBOT_E2E_OUTPUT asks to keep it (<see cref="E2eOutput"/>).
/// </summary>
public sealed class PlaygroundTests
{
    [Fact]
    public async Task A_person_in_the_playground_gets_the_answer_card_the_handoff_declares_a_gift_and_answers_from_the_review_queue()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is missing: ./test.sh installs it (apt-get install chromium).");
        await NodeTools.EnsureInstalledAsync();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var bot = Repo.Combine("bot", "EthicsBot", "bin", configuration, "net10.0", "EthicsBot.dll");
        Assert.True(File.Exists(bot), $"the bot is not built at {bot}");
        using var run = new E2eOutput("e2e");
        var output = run.Path;

        // A PID namespace too: when run-e2e.sh ends (or is killed on time-out; --kill-child), the kernel ends the bot,
        // the playground's node and Chromium with it.
        var (code, printed) = await NodeTools.RunAsync("unshare", ["--net", "--pid", "--fork", "--mount-proc", "--kill-child", "bash", "run-e2e.sh", bot, output], TimeSpan.FromMinutes(4));

        Assert.True(code == 0, $"exit {code}; {run.Where}\n{printed}");
        Assert.Contains("PASS answer", printed, StringComparison.Ordinal);
        Assert.Contains("PASS handoff", printed, StringComparison.Ordinal);
        foreach (var step in new[] { "gift-step1", "gift-what", "gift-value", "gift-outcome", "gift-submitted", "office-notcovered", "office-review", "office-answer", "office-faq" })
            Assert.Contains($"PASS {step}", printed, StringComparison.Ordinal);
        // The declaration typed into the playground's cards is stored once, with what was typed.
        var store = new EthicsBot.Infrastructure.Storage.SqliteDisclosureStore(Path.Combine(output, "ethicsbot.db"));
        var stored = Assert.Single(await store.UnnotifiedAsync("iom", default));
        Assert.Equal($"GIFT-{DateTime.UtcNow.Year}-000001", stored.Reference);
        Assert.Equal("Deputy Minister, Ministry of Interior", stored.Answers.Single(a => a.Field == "source").Value);
        Assert.Equal("USD", stored.Answers.Single(a => a.Field == "currency").Value);
        Assert.True(File.Exists(Path.Combine(output, "answer.png")));
        // The report typed into the playground did not reach the bot's log.
        Assert.DoesNotContain("stealing fuel", await File.ReadAllTextAsync(Path.Combine(output, "bot.log")), StringComparison.Ordinal);
    }
}
