using System.Text.Json;
using System.Text.RegularExpressions;

namespace EthicsBot.Tests.Safety;

/// <summary>The labelled corpus the report model is trained on, and its separation from the blind set.</summary>
public sealed partial class CorpusTests
{
    private static List<JsonElement> Lines(params string[] path) =>
        File.ReadLines(Repo.Combine(path)).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>Lower case, letters and digits only: two lines that differ by case or punctuation are the same line.</summary>
    private static string Key(string text) => NonWord().Replace(text.ToLowerInvariant(), " ").Trim();

    [Fact]
    public void The_corpus_has_valid_labels_no_duplicates_and_enough_of_each()
    {
        var corpus = Lines("knowledge", "intent", "corpus.jsonl");

        Assert.All(corpus, l => Assert.Contains(l.GetProperty("label").GetString(), new[] { "report", "question" }));
        Assert.All(corpus, l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("text").GetString())));
        Assert.True(corpus.Count(l => l.GetProperty("label").GetString() == "report") >= 400);
        Assert.True(corpus.Count(l => l.GetProperty("label").GetString() == "question") >= 400);
        var duplicates = corpus.GroupBy(l => Key(l.GetProperty("text").GetString()!)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Contains(corpus, l => l.GetProperty("lang").GetString() == "fr");
        Assert.Contains(corpus, l => l.GetProperty("lang").GetString() == "es");
    }

    [Fact]
    public void No_line_is_shared_between_the_corpus_and_the_evaluation_sets()
    {
        var corpus = Lines("knowledge", "intent", "corpus.jsonl").Select(l => Key(l.GetProperty("text").GetString()!)).ToHashSet();
        var blind = Lines("knowledge", "eval", "blind-intent.jsonl");

        Assert.True(blind.Count >= 120);
        Assert.DoesNotContain(blind.Select(l => l.GetProperty("text").GetString()!), t => corpus.Contains(Key(t)));
        var dev = Lines("..", "shared", "eval", "dev-intent.jsonl");
        Assert.DoesNotContain(dev.Select(l => l.GetProperty("text").GetString()!), t => corpus.Contains(Key(t)));
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}

/// <summary><c>train intent</c>: seeded and reproducible, and what it writes is a model the bot can load.</summary>
public sealed class TrainIntentTests
{
    [Fact]
    public async Task Training_twice_with_the_same_seed_writes_the_same_model_which_loads()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-train-").FullName;
        var corpus = Path.Combine(folder, "corpus.jsonl");
        // A slice of the real corpus: 30 of each label.
        var lines = File.ReadLines(Repo.Combine("knowledge", "intent", "corpus.jsonl")).ToList();
        await File.WriteAllLinesAsync(corpus, lines.Where(l => l.Contains("\"report\"", StringComparison.Ordinal)).Take(30)
            .Concat(lines.Where(l => l.Contains("\"question\"", StringComparison.Ordinal)).Take(30)));

        async Task<string> Train(string name)
        {
            var output = Path.Combine(folder, name);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await EthicsBot.Cli.CommandLine.RunAsync(["train", "intent", "--corpus", corpus, "--out", output, "--seed", "7"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            Assert.Contains("\"handoff_above\"", stdout.ToString(), StringComparison.Ordinal);
            return output;
        }

        var first = await Train("a.json");
        var second = await Train("b.json");

        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
        var model = EthicsBot.Features.Safety.ReportModel.Load(first, 384);
        Assert.Equal(60, model.Examples);
        Assert.Equal(7, model.Seed);
        Directory.Delete(folder, true);
    }
}
