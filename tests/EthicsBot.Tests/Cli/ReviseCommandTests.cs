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
        // 576 questions of the renumbered 5.19–5.53, and those of 5.16 about intimidation and favouritism.
        Assert.Matches(@"Question bank: 826 questions follow their clause \(5[78]\d to a new id\), 14 for the office", output);
        Assert.Contains("faq-favourites  [iom-5.16] -> [iom-5.17]", output, StringComparison.Ordinal);
        Assert.Contains("guidance iom-5.49 -> iom-5.48", output, StringComparison.Ordinal);

        var bank = File.ReadAllLines(Path.Combine(outDir, "questions", "iom.jsonl"));
        Assert.Equal(840 - 14, bank.Length); // the 14 questions of the removed 5.17 go to the office
        Assert.DoesNotContain(bank, l => l.Contains("\"iom-5.53\"", StringComparison.Ordinal)); // the new clause has no questions yet
        Assert.Contains(bank, l => l.Contains("\"iom-5.17\"", StringComparison.Ordinal) && l.Contains("favouritism", StringComparison.Ordinal));
        using var revision = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "revision.json")));
        Assert.Equal("iom-5.17", revision.RootElement.GetProperty("removed")[0].GetString());
        Assert.Equal(14, revision.RootElement.GetProperty("bankForOffice").GetArrayLength());
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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
