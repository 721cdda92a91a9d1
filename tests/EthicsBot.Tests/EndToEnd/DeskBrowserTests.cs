using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Teams.Protocol;
using Xunit.Abstractions;

namespace EthicsBot.Tests.EndToEnd;

/// <summary>
/// The ethics office's desk in a real browser (Debian's Chromium driven by Playwright), inside a loopback-only network
/// namespace (tests/e2e/run-desk-e2e.sh): a member signs in with a token from a loopback OpenID metadata server,
/// answers a queued question (the asker's chat gets it at the loopback connector), filters the register to one
/// supplier, approves that disclosure (the discloser is told), downloads the CSV and Excel exports (opened here),
/// edits a FAQ entry and looks at the charts; a non-member and a forged token are refused everywhere. Needs root
/// (unshare), node and /usr/bin/chromium, which ./test.sh installs. Screenshots are kept only when ETHICSBOT_E2E_OUTPUT
/// names a folder (<see cref="E2eOutput"/>).
/// </summary>
public sealed class DeskBrowserTests(ITestOutputHelper log)
{
    private const string Connector = "http://127.0.0.1:39391/";

    private static ConversationReference Chat(string conversation) => new()
    {
        ServiceUrl = Connector,
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal", TenantId = "tenant-1" },
        User = new ChannelAccount { Id = "29:" + conversation, AadObjectId = "user-" + conversation },
        Bot = new ChannelAccount { Id = "28:ethicsbot" },
    };

    private static Disclosure Gift(string giver, string conversation, int daysAgo) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Organization = "iom", FormId = "gift", FormTitle = "Declare a gift", Noun = "gift declaration", ReferencePrefix = "GIFT",
        Discloser = new Discloser("user-" + conversation, "Amina Staff", Chat(conversation)),
        Answers = [new DisclosureAnswer("item", "What it was", "a hamper", "a hamper"), new DisclosureAnswer("source", "Who gave it", giver, giver)],
        Submitted = DateTimeOffset.UtcNow.AddDays(-daysAgo),
    };

    [Fact]
    public async Task A_member_works_the_desk_in_a_browser_and_others_are_refused()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is missing: ./test.sh installs it (apt-get install chromium).");
        await NodeTools.EnsureInstalledAsync();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var bot = Repo.Combine("bot", "EthicsBot", "bin", configuration, "net10.0", "EthicsBot.dll");
        Assert.True(File.Exists(bot), $"the bot is not built at {bot}");
        using var run = new E2eOutput("desk-e2e");
        var output = run.Path;

        // What the office has today: one waiting question, two gift declarations, a FAQ entry, answers for the charts.
        var database = Path.Combine(output, "ethicsbot.db");
        var office = new SqliteOfficeStore(database);
        var disclosures = new SqliteDisclosureStore(database);
        await office.QueueAsync(new ReviewItem
        {
            Id = "q-hamper", Organization = "iom", Question = "Can I accept a hamper from a supplier at Eid?", Clauses = ["iom-5.49"],
            Asker = Chat("a:asker-chat"), At = DateTimeOffset.UtcNow.AddDays(-3),
        }, default);
        var acme = await disclosures.SubmitAsync(Gift("Acme Logistics", "a:discloser-acme", 2), default);
        await disclosures.SubmitAsync(Gift("Blue River Transport", "a:discloser-blue", 5), default);
        await office.SaveFaqAsync(new FaqEntry { Id = "faq-pen", Organization = "iom", Question = "Can I keep a pen from a supplier?", Answer = "Yes.", Clauses = ["iom-5.50"], Updated = DateTimeOffset.UtcNow }, default);
        for (var i = 0; i < 30; i++)
            await office.RecordAnswerAsync(new AnswerEvent($"a{i}", "iom", DateTimeOffset.UtcNow.AddDays(-(i % 3) * 7 - 1), i % 4 == 0 ? "not_covered" : "answer", i % 2 == 0 ? "iom-5.49" : "iom-5.50", false), default);

        var (code, printed) = await NodeTools.RunAsync("unshare", ["--net", "--pid", "--fork", "--mount-proc", "--kill-child", "bash", "run-desk-e2e.sh", bot, output], TimeSpan.FromMinutes(4));

        log.WriteLine($"{run.Where}\n{printed}");
        Assert.True(code == 0, $"exit {code}; {run.Where}\n{printed}");
        foreach (var step in new[] { "desk-queue", "desk-answer", "desk-asker-told", "desk-publish", "desk-register", "desk-register-filtered", "desk-export-csv", "desk-export-xlsx",
            "desk-disclosure", "desk-approved", "desk-discloser-told", "desk-faq", "desk-faq-edited", "desk-insights", "desk-non-member", "desk-forged-token", "desk-refusals" })
            Assert.Contains($"PASS {step}", printed, StringComparison.Ordinal);

        // The files the browser downloaded: the filtered register, one row, the supplier's.
        var csv = (await File.ReadAllTextAsync(Path.Combine(output, "disclosures.csv"))).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith($"{acme.Reference},IOM", csv[1], StringComparison.Ordinal);
        Assert.Contains("Who gave it: Acme Logistics", csv[1], StringComparison.Ordinal);
        var rows = MiniExcelLibs.MiniExcel.Query(Path.Combine(output, "disclosures.xlsx"), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(acme.Reference, row["Reference"]);

        // What the browser did is in the store.
        Assert.Equal(ReviewStatus.Answered, (await office.GetItemAsync("iom", "q-hamper", default))!.Status);
        Assert.Equal(DisclosureStatus.Approved, (await disclosures.GetAsync("iom", acme.Id, default))!.Status);
        Assert.Equal("Yes: a pen of token value is a minor gift (IOM 5.50).", (await office.GetFaqAsync("iom", "faq-pen", default))!.Answer);
        Assert.Equal("Can I accept a hamper from a supplier at a religious festival?", (await office.GetFaqAsync("iom", "q-hamper", default))!.Question);
        foreach (var shot in new[] { "desk-queue", "desk-answer", "desk-publish", "desk-register-filtered", "desk-approved", "desk-faq-edited", "desk-insights", "desk-non-member" })
            Assert.True(File.Exists(Path.Combine(output, shot + ".png")), shot);
    }
}
