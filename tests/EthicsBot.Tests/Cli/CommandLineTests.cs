using System.Text.Json;
using EthicsBot.Cli;
using EthicsBot.Features.Answers;
using EthicsBot.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace EthicsBot.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-cli-").FullName;

    private static string DevRetrievalSet => Repo.SharedEval("dev-retrieval.jsonl");

    private static async Task<(int Code, string Out, string Error)> Run(params string[] args) => await RunWith(null, args);

    private static async Task<(int Code, string Out, string Error)> RunWith(Dictionary<string, string?>? settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr,
            settings is null ? null : b => b.Configuration.AddInMemoryCollection(settings));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Set(params string[] lines)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Ask_json_prints_one_object_with_the_cited_clauses()
    {
        var (code, output, _) = await Run("ask", "Can I accept a gift from a government official?", "--org", "iom", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("answer", root.GetProperty("kind").GetString());
        var first = root.GetProperty("clauses")[0];
        Assert.Equal("iom-5.49", first.GetProperty("id").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
        Assert.Contains("IOM Standards of Conduct, para. 5.49", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("No staff member shall accept any honour, decoration, favour, gift", first.GetProperty("sentences")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My colleague is stealing fuel from the warehouse", "handoff")]
    [InlineData("I want to report harassment by my supervisor", "handoff")]
    [InlineData("hello", "smalltalk")]
    [InlineData("thanks!", "smalltalk")]
    [InlineData("help", "smalltalk")]
    [InlineData("Can I accept a dinner invitation from a supplier?", "answer")]
    [InlineData("How do I reset my laptop password?", "not_covered")]
    public async Task Ask_json_names_the_kind_of_reply(string message, string kind)
    {
        var (code, output, _) = await Run("ask", message, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(kind, json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("iom", json.RootElement.GetProperty("organization").GetString()); // Organizations:Default
        if (kind == "handoff")
        {
            Assert.Empty(json.RootElement.GetProperty("clauses").EnumerateArray());
            Assert.DoesNotContain(message, output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("https://weareallin.iom.int/", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ask_hands_ims_reports_to_the_external_whistleblower_function()
    {
        var (code, output, _) = await Run("ask", "I saw a colleague accept a bribe", "--org", "ims", "--json");

        Assert.Equal(0, code);
        Assert.Contains("https://www.mediasupport.org/about/report-misconduct/", output, StringComparison.Ordinal);
        Assert.Contains("ims-3.7", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_uses_the_configured_default_organisation()
    {
        var (code, output, _) = await RunWith(new() { ["Organizations:Default"] = "ims" }, "ask", "What is the anti-corruption policy?", "--json");

        Assert.Equal(0, code);
        Assert.Contains("\"organization\":\"ims\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_default_organisation_that_is_not_configured_is_named()
    {
        var (code, _, error) = await RunWith(new() { ["Organizations:Default"] = "unicef" }, "ask", "gift", "--json");

        Assert.Equal(1, code);
        Assert.Contains("Organizations:Default is 'unicef'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_intent_meets_the_target_on_the_dev_set()
    {
        var (code, output, _) = await Run("eval", "intent", "--set", Repo.SharedEval("dev-intent.jsonl"));

        Assert.Equal(0, code);
        var last = output.TrimEnd().Split('\n')[^1];
        using var summary = JsonDocument.Parse(last);
        Assert.Equal(28, summary.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(1.0, summary.RootElement.GetProperty("report_recall").GetDouble());
        Assert.Equal(0.0, summary.RootElement.GetProperty("false_handoff_rate").GetDouble());
    }

    [Fact]
    public async Task Eval_intent_prints_misses_first_and_counts_them()
    {
        var set = Set(
            """{"text":"Can I accept a gift?","label":"question"}""",
            """{"text":"Can I accept a gift?","label":"report"}""",
            """{"text":"My manager demanded a bribe from a supplier","label":"report"}""");

        var (code, output, _) = await Run("eval", "intent", "--set", set);

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("MISS", lines[1], StringComparison.Ordinal);
        Assert.Contains("Can I accept a gift?", lines[1], StringComparison.Ordinal);
        Assert.Equal("""{"n":3,"report_recall":0.5,"false_handoff_rate":0,"precision":1,"banner_rate":0}""", lines[^1]);
    }

    [Fact]
    public async Task Eval_intent_names_a_bad_label_and_its_line()
    {
        var set = Set("""{"text":"hello","label":"question"}""", """{"text":"x","label":"complaint"}""");

        var (code, _, error) = await Run("eval", "intent", "--set", set);

        Assert.Equal(1, code);
        Assert.Contains("line 2", error, StringComparison.Ordinal);
        Assert.Contains("complaint", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_prints_the_card_with_its_quote_and_link_then_the_clauses_the_search_found()
    {
        var (code, output, _) = await Run("ask", "What is the anti-corruption policy?", "--org", "ims");

        Assert.Equal(0, code);
        Assert.Contains("What the Code says", output, StringComparison.Ordinal);
        Assert.Contains("Policy document (https://", output, StringComparison.Ordinal);
        Assert.Contains("IMS%20Anti-Corruption%20Policy.pdf", output, StringComparison.Ordinal);
        Assert.DoesNotContain("**", output, StringComparison.Ordinal); // Markdown's marks are taken off
        Assert.Contains("(search) clauses found:\n  ims-3.5 · Anti-corruption and financial integrity (score ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_prints_the_buttons_with_the_offered_form()
    {
        var (code, output, _) = await Run("ask", "Can I accept a gift from a government official?", "--org", "iom");

        Assert.Equal(0, code);
        Assert.Contains("No staff member shall accept any honour, decoration, favour, gift", output, StringComparison.Ordinal);
        Assert.Contains("[Ask the ethics office]  [Declare a gift]", output, StringComparison.Ordinal);
        Assert.Contains("[👍 Yes]  [👎 No]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_prints_the_notice_that_the_Code_has_no_rule_on_the_topic()
    {
        var (code, output, _) = await Run("ask", "Can I accept a gift from a supplier?", "--org", "ims");

        Assert.Equal(0, code);
        Assert.Contains("Code has no rule on gifts and hospitality as such. The closest is IMS Code of Ethics, para. 3.5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_prints_the_report_banner_over_an_answer_in_the_middle_band_and_no_offer_to_pass_it_on()
    {
        var (code, output, _) = await RunWith(new() { ["Safety:BannerAbove"] = "0.000001", ["Safety:HandoffAbove"] = "0.999999" },
            "ask", "A gift from a supplier to the warehouse manager", "--org", "iom"); // its nearest labelled examples include reports

        Assert.Equal(0, code);
        Assert.StartsWith("If you are telling us about something that happened, report it to", output, StringComparison.Ordinal);
        Assert.Contains("https://weareallin.iom.int/", output, StringComparison.Ordinal);
        Assert.Contains("What the Code says", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[Ask the ethics office]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_prints_the_handoff_card_for_a_report()
    {
        var (code, output, _) = await Run("ask", "My colleague is stealing fuel from the warehouse", "--org", "iom");

        Assert.Equal(0, code);
        Assert.StartsWith("Report this through the whistleblower channel", output, StringComparison.Ordinal);
        Assert.Contains("[Open the reporting channel: https://weareallin.iom.int/]", output, StringComparison.Ordinal);
        Assert.Contains("I kept no copy of your message", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fuel", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_prints_the_ethics_offices_FAQ_answer_first()
    {
        var database = Path.Combine(_folder, "ethicsbot.db");
        await new SqliteOfficeStore(database).SaveFaqAsync(new FaqEntry
        {
            Id = "faq-password", Organization = "iom", Question = "How do I reset my laptop password?", Answer = "Call the IT service desk on 1234.",
            Clauses = [], PublishedBy = "Olu Office", Updated = DateTimeOffset.UtcNow,
        }, default);

        var (code, output, _) = await RunWith(new() { ["Storage:SqlitePath"] = database }, "ask", "How do I reset my laptop password?", "--org", "iom");

        Assert.Equal(0, code);
        Assert.StartsWith("Answer from the IOM Ethics and Conduct Office", output, StringComparison.Ordinal);
        Assert.Contains("Call the IT service desk on 1234.", output, StringComparison.Ordinal);
        Assert.Contains("Published by the ethics office.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("does not clearly cover", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_retrieval_prints_misses_first_and_the_summary_as_the_last_line()
    {
        var set = Set(
            """{"org":"iom","question":"Can I be a candidate for parliament?","expected":["iom-5.47"]}""",
            """{"org":"iom","question":"Can I be a candidate for parliament?","expected":["iom-1.0"]}""",
            """{"org":"ims","question":"Where is the whistleblower function?","expected":["ims-3.7"]}""");

        var (code, output, _) = await Run("eval", "retrieval", "--set", set, "--k", "3");

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("MISS", lines[1], StringComparison.Ordinal);
        Assert.Contains("iom-1.0", lines[1], StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(lines[^1]);
        Assert.Equal(3, summary.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(3, summary.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(0.6667, summary.RootElement.GetProperty("recall_at_k").GetDouble());
        Assert.True(summary.RootElement.GetProperty("mrr").GetDouble() is > 0.6 and < 0.7);
    }

    [Fact]
    public async Task The_dev_retrieval_set_stays_recalled_in_the_top_3()
    {
        var (code, output, _) = await Run("eval", "retrieval", "--set", DevRetrievalSet);

        Assert.Equal(0, code);
        var last = output.TrimEnd().Split('\n')[^1];
        using var summary = JsonDocument.Parse(last);
        Assert.True(summary.RootElement.GetProperty("recall_at_k").GetDouble() >= 0.95, last);
    }

    [Theory]
    [InlineData("{\"org\":\"iom\",\"question\":\"q\"}", "line 2: \"expected\" must be a non-empty array")]
    [InlineData("not json", "line 2 is not valid JSON")]
    [InlineData("{\"org\":\"IOM!\",\"question\":\"q\",\"expected\":[\"x\"]}", "line 2: \"org\" is not an organisation id")]
    [InlineData("[1,2]", "line 2 is not a JSON object")]
    public async Task A_bad_line_in_a_set_names_its_line_number(string badLine, string message)
    {
        var set = Set("""{"org":"iom","question":"gift","expected":["iom-5.49"]}""", badLine);

        var (code, _, error) = await Run("eval", "retrieval", "--set", set);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ask")]
    [InlineData("ask", "   ")]
    [InlineData("ask", "gift", "--org")]
    [InlineData("ask", "gift", "--org", "iom", "--color")]
    [InlineData("ask", "gift", "--org", "unicef")]
    [InlineData("ask", "gift", "--top", "3")]
    [InlineData("eval", "retrieval")]
    [InlineData("eval", "intentions", "--set", "x.jsonl")]
    [InlineData("eval", "retrieval", "--set", "x.jsonl", "--k", "0")]
    [InlineData("ingest", "--target", "cloud")]
    public async Task Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.Contains("Usage: EthicsBot", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_local_builds_the_index_on_disk_and_reports_each_document()
    {
        var index = Path.Combine(_folder, "index");

        var (code, output, error) = await RunWith(new() { ["Search:Lucene:IndexPath"] = index }, "ingest", "--target", "local");

        Assert.True(code == 0, error);
        Assert.Contains("000_38a2edff8dad3517.txt: ims, \"IMS Code of Ethics\", 13 clauses", output, StringComparison.Ordinal);
        Assert.Contains("002_6c15cb02b1ac9a14.txt: iom, \"IOM Standards of Conduct\", 59 clauses", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(index, "fingerprint.txt")));
    }

    [Fact]
    public async Task Ingest_stops_at_a_bad_source_naming_it_and_builds_nothing()
    {
        var knowledge = Path.Combine(_folder, "knowledge");
        Directory.CreateDirectory(Path.Combine(knowledge, "sources"));
        File.Copy(Path.Combine(Repo.Root, "knowledge", "synonyms.txt"), Path.Combine(knowledge, "synonyms.txt"));
        File.WriteAllText(Path.Combine(knowledge, "sources", "memo.txt"), "A memo without numbered paragraphs.");
        File.WriteAllText(Path.Combine(knowledge, "sources", "memo.meta.json"), """{"organization":"acme","title":"Memo"}""");
        var index = Path.Combine(_folder, "index");

        var (code, _, error) = await RunWith(new() { ["Knowledge:Path"] = knowledge, ["Search:Lucene:IndexPath"] = index }, "ingest");

        Assert.Equal(1, code);
        Assert.Contains("memo.txt: no numbered clauses were found in it", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public async Task Ingest_azure_without_settings_names_the_missing_key()
    {
        var (code, _, error) = await Run("ingest", "--target", "azure");

        Assert.Equal(1, code);
        Assert.Contains("Search:Azure:Endpoint", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
