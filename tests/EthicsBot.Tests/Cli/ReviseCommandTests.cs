using System.Text.Json;
using EthicsBot.Cli;
using EthicsBot.Features.Answers;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Knowledge;
using EthicsBot.Testing;
using Microsoft.Extensions.Configuration;

namespace EthicsBot.Tests.Cli;

/// <summary><c>revise</c> on the IOM Code derived by <see cref="RevisedIomCode"/>, written out as a text export.</summary>
public sealed class ReviseCommandTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-revise-").FullName;

    private string WriteRevision(string org = "iom")
    {
        var current = new KnowledgeSources(Repo.Combine("knowledge")).LoadClauses();
        var path = Path.Combine(_folder, "iom-revised.txt");
        File.WriteAllText(path, RevisedIomCode.Render(RevisedIomCode.Derive(current)));
        File.WriteAllText(Path.Combine(_folder, "iom-revised.meta.json"),
            $$"""{"organization":"{{org}}","title":"IOM Standards of Conduct","version":"IN/15 rev. 2","date":"2027-01-01","sourceUrl":null}""");
        return path;
    }

    private async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(_folder, "ethicsbot.db") };
        var code = await CommandLine.RunAsync(args, stdout, stderr, b => b.Configuration.AddInMemoryCollection(settings));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Revise_prints_what_changed_and_writes_the_remapped_bank_faq_and_forms()
    {
        await new SqliteOfficeStore(Path.Combine(_folder, "ethicsbot.db")).SaveFaqAsync(new FaqEntry
        {
            Id = "faq-favourites", Organization = "iom", Question = "Can my manager give the good assignments only to staff he likes?",
            Answer = "No: personal favouritism is not allowed.", Clauses = ["iom-5.16"], Updated = DateTimeOffset.UtcNow,
        }, default);
        var outDir = Path.Combine(_folder, "out");

        var (code, output, error) = await Run("revise", "--org", "iom", "--code", WriteRevision(), "--out", outDir);

        log.WriteLine(output);
        Assert.True(code == 0, error);
        Assert.Contains("version in use IN/15 rev.", output, StringComparison.Ordinal);
        Assert.Matches(@"iom-5\.16 -> iom-5\.16 \+ iom-5\.17\s+split", output);
        Assert.Matches(@"iom-5\.18 \+ iom-5\.19 -> iom-5\.18\s+merged", output);
        Assert.Matches(@"iom-5\.17 ->\s+removed\s+Gender equality.*the office decides", output);
        Assert.Matches(@"-> iom-5\.53\s+added\s+Use of social media", output);
        // Every bank question but those of the removed 5.17 follows its clause; those of the renumbered 5.19–5.53 and
        // of 5.16 about intimidation and favouritism to a new id.
        var lines = File.ReadAllLines(Repo.Combine("knowledge", "questions", "iom.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        var inUse = lines.Count;
        var removed = lines.Count(l => JsonDocument.Parse(l).RootElement.GetProperty("clause").GetString() == "iom-5.17");
        Assert.True(removed > 0);
        Assert.Matches($@"Question bank: {inUse - removed} questions follow their clause \(\d+ to a new id\), {removed} for the office", output);
        Assert.Contains("faq-favourites  [iom-5.16] -> [iom-5.17]", output, StringComparison.Ordinal);
        Assert.Contains("guidance iom-5.49 -> iom-5.48", output, StringComparison.Ordinal);

        var bank = File.ReadAllLines(Path.Combine(outDir, "questions", "iom.jsonl"));
        Assert.Equal(inUse - removed, bank.Length); // the questions of the removed 5.17 go to the office
        Assert.DoesNotContain(bank, l => l.Contains("\"iom-5.53\"", StringComparison.Ordinal)); // the new clause has no questions yet
        Assert.Contains(bank, l => l.Contains("\"iom-5.17\"", StringComparison.Ordinal) && l.Contains("favouritism", StringComparison.Ordinal));
        // A question's answer travels with it where the revised clause still has those words (the revised bank loads: each is checked).
        Assert.Contains(bank, l => l.Contains("\"answer\"", StringComparison.Ordinal));
        using var revision = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "revision.json")));
        Assert.Equal("iom-5.17", revision.RootElement.GetProperty("removed")[0].GetString());
        Assert.Equal(removed, revision.RootElement.GetProperty("bankForOffice").GetArrayLength());
        Assert.Equal("iom-5.17", revision.RootElement.GetProperty("faq")[0].GetProperty("revisedClauses")[0].GetString());
        var gift = File.ReadAllText(Path.Combine(outDir, "forms", "iom", "gift.json"));
        Assert.Contains("\"iom-5.48\"", gift, StringComparison.Ordinal);
        Assert.DoesNotContain("\"iom-5.53\"", gift, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revise_refuses_a_code_of_another_organisation_and_needs_its_file()
    {
        var (code, _, error) = await Run("revise", "--org", "iom", "--code", WriteRevision(org: "ims"));
        Assert.Equal(1, code);
        Assert.Contains("\"ims\", not \"iom\"", error, StringComparison.Ordinal);

        (code, _, error) = await Run("revise", "--org", "iom");
        Assert.Equal(2, code);
        Assert.Contains("--code", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The blind retrieval set, its expected clauses moved by construction, scores the same on the revised knowledge
    /// (Code, remapped bank and forms, vectors encoded at start) as on the knowledge in use. Its one question whose only
    /// clause is removed (gender equality) is left out of both runs: the office decides what answers it now.
    /// </summary>
    [Fact]
    public async Task Blind_retrieval_is_unchanged_after_the_revision()
    {
        var outDir = Path.Combine(_folder, "out");
        Assert.Equal(0, (await Run("revise", "--org", "iom", "--code", WriteRevision(), "--out", outDir)).Code);
        var knowledge = Path.Combine(_folder, "knowledge");
        foreach (var part in new[] { "sources", "questions", "forms", "intent" })
            CopyFolder(Repo.Combine("knowledge", part), Path.Combine(knowledge, part));
        foreach (var file in Directory.GetFiles(Repo.Combine("knowledge"))) // synonyms, topics, lexicon, everyday questions…
            File.Copy(file, Path.Combine(knowledge, Path.GetFileName(file)));
        foreach (var file in Directory.GetFiles(Path.Combine(knowledge, "sources"), "002_*"))
            File.Delete(file);
        File.Move(Path.Combine(_folder, "iom-revised.txt"), Path.Combine(knowledge, "sources", "002_revised.txt"));
        File.Move(Path.Combine(_folder, "iom-revised.meta.json"), Path.Combine(knowledge, "sources", "002_revised.meta.json"));
        CopyFolder(outDir, knowledge, "revision.json");

        var (before, after) = BlindSets();
        var inUse = await Eval(before, settings: null);
        var revised = await Eval(after, new() { ["Knowledge:Path"] = knowledge });
        log.WriteLine($"in use:  {inUse}\nrevised: {revised}");
        Assert.Equal(inUse.GetProperty("recall_at_k").GetDouble(), revised.GetProperty("recall_at_k").GetDouble());
        // Measured once, never tuned on: one question of 109 ("my supervisor yells at me … will block my contract
        // extension because I disagreed with him") drops from 5.16 to second place behind the merged 5.18, whose
        // text now also asks supervisors to consider views that differ from their own. A real effect of the merge,
        // not a misplaced reference, so recall@1 may lose that one question and no more.
        Assert.InRange(revised.GetProperty("recall_at_1").GetDouble(), inUse.GetProperty("recall_at_1").GetDouble() - 1.0 / inUse.GetProperty("n").GetInt32() - 1e-4, 1);
    }

    private (string Before, string After) BlindSets()
    {
        var before = new List<string>();
        var after = new List<string>();
        foreach (var line in File.ReadLines(Repo.Combine("knowledge", "eval", "blind-retrieval.jsonl")).Where(l => l.Trim().Length > 0))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!;
            var expected = node["expected"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
            var moved = expected.SelectMany(id => id.StartsWith("iom-", StringComparison.Ordinal) ? RevisedIomCode.ExpectedTargets(id) : [id]).Distinct().ToList();
            if (moved.Count == 0)
                continue;
            before.Add(line);
            node["expected"] = new System.Text.Json.Nodes.JsonArray(moved.Select(id => (System.Text.Json.Nodes.JsonNode)id).ToArray());
            after.Add(node.ToJsonString());
        }
        var beforePath = Path.Combine(_folder, "blind-before.jsonl");
        var afterPath = Path.Combine(_folder, "blind-after.jsonl");
        File.WriteAllLines(beforePath, before);
        File.WriteAllLines(afterPath, after);
        return (beforePath, afterPath);
    }

    private async Task<JsonElement> Eval(string set, Dictionary<string, string?>? settings)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var all = new Dictionary<string, string?>(settings ?? []) { ["Storage:SqlitePath"] = Path.Combine(_folder, "ethicsbot.db") };
        var code = await CommandLine.RunAsync(["eval", "retrieval", "--set", set, "--k", "3"], stdout, stderr, b => b.Configuration.AddInMemoryCollection(all));
        Assert.True(code == 0, stderr.ToString());
        log.WriteLine(string.Join('\n', stdout.ToString().Split('\n').Where(l => !l.StartsWith("hit       1", StringComparison.Ordinal))));
        return JsonDocument.Parse(stdout.ToString().Trim().Split('\n')[^1]).RootElement.Clone();
    }

    private static void CopyFolder(string from, string to, string? except = null)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == except)
                continue;
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
