using System.Text.Json;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Embeddings;

namespace EthicsBot.Tests.Safety;

/// <summary>The shipped n-gram model: what it was trained on, and the figures its thresholds gave.</summary>
public sealed class NgramModelTests
{
    private static readonly NgramModel Shipped = NgramModel.Load(Repo.Combine("knowledge", "intent", "ngram-model.json"));

    [Fact]
    public void It_understands_the_languages_of_the_corpus_files_present_and_judges_all_but_the_encoders()
    {
        var files = Directory.GetFiles(Repo.Combine("knowledge", "intent", "languages"), "*.jsonl")
            .Append(Repo.Combine("knowledge", "intent", "corpus.jsonl"));
        var languages = files.SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("lang").GetString()!).ToHashSet();

        Assert.Equal(languages.Order(StringComparer.Ordinal), Shipped.Languages); // a new language file needs `train intent`
        Assert.Equal(languages.Except(MiniLmEmbeddingGenerator.Languages).Order(StringComparer.Ordinal), Shipped.Judges.Keys.Order(StringComparer.Ordinal));
        Assert.All(Shipped.Languages, l => Assert.True(Shipped.Names.ContainsKey(l), $"no name for {l} in languages/names.json"));
    }

    [Fact]
    public void Its_out_of_fold_figures_meet_the_targets_in_each_judged_language()
    {
        Assert.All(Shipped.Judges, j =>
        {
            var figures = j.Value.Validation!;
            Assert.True(figures.ReportRecall >= 0.95, $"{j.Key}: recall {figures.ReportRecall}");
            Assert.True(figures.FalseHandoffRate <= 0.05, $"{j.Key}: false handoff {figures.FalseHandoffRate}");
            Assert.True(figures.N >= 500, $"{j.Key}: {figures.N} lines");
            // The corpus's questions are its hardest (one's own gift, relative, side job; rule questions naming a
            // wrongdoing): the banner may sit on more of them than on the questions staff ask about the Code, the banks'.
            Assert.True(figures.BannerRate <= 0.40, $"{j.Key}: banner {figures.BannerRate} on the corpus's questions");
            Assert.NotNull(figures.Bank);
            Assert.True(figures.Bank.FalseHandoffRate <= 0.02, $"{j.Key}: false handoff {figures.Bank.FalseHandoffRate} on the bank");
            Assert.True(figures.Bank.BannerRate <= 0.25, $"{j.Key}: banner {figures.Bank.BannerRate} on the bank");
        });
    }

    [Theory]
    [InlineData("رئیس دفتر برادرزاده‌اش را بدون مصاحبه به حیث راننده استخدام کرد")] // Dari: ی ک in 3 of 9 words
    [InlineData("یکی از همکاران معلومات شخصی مهاجرین را به یک قاچاقبر داده")]
    [InlineData("Yıldız ağabeyim şoför, her akşam yakıtı çalıyor")] // Turkish ı ğ ş
    [InlineData("Мой начальник берёт деньги у поставщиков")]
    public void Words_in_letters_of_no_language_it_knows_are_unfamiliar_however_known_they_look(string message) =>
        Assert.True(Shipped.HasUnfamiliarLetters(message), string.Join(" of ", Shipped.LetterCoverage(message)));

    [Theory]
    [InlineData("Can I accept a gift from a supplier in Şanlıurfa?")] // places and names keep their letters
    [InlineData("Can I accept a gift from Mr Dvořák and Ms Şahin?")]
    [InlineData("Can I accept a gift from Nguyễn Thị Hương?")]
    [InlineData("Posso aceitar um almoço do fornecedor na 2ª feira e na 3ª feira?")]
    [InlineData("Est-ce que je peux accepter l'invitation de M. Schröder et de Søren à un dîner ?")]
    [InlineData("Mon chef gonfle les factures, ça fait trois mois. ¿Qué hago? مديري يسرق")]
    public void Names_places_and_a_stray_letter_are_not(string message) =>
        Assert.False(Shipped.HasUnfamiliarLetters(message), string.Join(" of ", Shipped.LetterCoverage(message)));

    [Fact]
    public void An_older_file_without_letters_checks_none() =>
        Assert.False((Shipped with { Letters = "" }).HasUnfamiliarLetters("Мой начальник берёт деньги у поставщиков"));

    [Fact]
    public void A_missing_or_corrupt_file_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-ngram-").FullName;
        var missing = Path.Combine(folder, "ngram-model.json");
        var corrupt = Path.Combine(folder, "corrupt.json");
        var wrongSize = Path.Combine(folder, "short.json");
        File.WriteAllText(corrupt, "{\"bits\": 18, \"report\": ");
        File.WriteAllText(wrongSize, JsonSerializer.Serialize(Shipped with { Report = new LinearWeights([1, 2, 3], 0) }, NgramModel.Json));

        Assert.Contains(missing, Assert.Throws<InvalidDataException>(() => NgramModel.Load(missing)).Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, Assert.Throws<InvalidDataException>(() => NgramModel.Load(corrupt)).Message, StringComparison.Ordinal);
        Assert.Contains("report weights", Assert.Throws<InvalidDataException>(() => NgramModel.Load(wrongSize)).Message, StringComparison.Ordinal);
        Directory.Delete(folder, true);
    }
}

/// <summary>
/// <c>train intent</c>'s n-gram model: the same data and seed write the same file, which loads; the bank of each
/// language beside the corpus's folder is learnt as that language's questions, but for the questions marked as telling
/// of misconduct.
/// </summary>
public sealed class TrainNgramTests
{
    [Fact]
    public async Task Training_twice_with_the_same_seed_writes_the_same_ngram_model_which_loads()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-train-ngram-").FullName;
        var corpus = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "intent")).FullName, "corpus.jsonl");
        var languages = Directory.CreateDirectory(Path.Combine(folder, "intent", "languages")).FullName;
        var banks = Directory.CreateDirectory(Path.Combine(folder, "questions", "languages")).FullName;
        // Slices of the real data: 20 reports and 20 questions in English, and as many in Arabic; 30 lines of the Arabic bank.
        static IEnumerable<string> Slice(string path) => File.ReadLines(path).Where(l => l.Contains("\"report\"", StringComparison.Ordinal)).Take(20)
            .Concat(File.ReadLines(path).Where(l => l.Contains("\"question\"", StringComparison.Ordinal)).Take(20));
        await File.WriteAllLinesAsync(corpus, Slice(Repo.Combine("knowledge", "intent", "corpus.jsonl")).Where(l => l.Contains("\"lang\": \"en\"", StringComparison.Ordinal) || l.Contains("\"lang\":\"en\"", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(Path.Combine(languages, "ar.jsonl"), Slice(Repo.Combine("knowledge", "intent", "languages", "ar.jsonl")));
        File.Copy(Repo.Combine("knowledge", "intent", "languages", "names.json"), Path.Combine(languages, "names.json"));
        var bank = File.ReadLines(Repo.Combine("knowledge", "questions", "languages", "ar.jsonl")).Where(l => !l.Contains("\"tells\"", StringComparison.Ordinal)).Take(29)
            .Append(File.ReadLines(Repo.Combine("knowledge", "questions", "languages", "ar.jsonl")).First(l => l.Contains("\"tells\": true", StringComparison.Ordinal)));
        await File.WriteAllLinesAsync(Path.Combine(banks, "ar.jsonl"), bank);

        async Task<string> Train(string name)
        {
            var output = Path.Combine(folder, name);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await EthicsBot.Cli.CommandLine.RunAsync(["train", "intent", "--corpus", corpus, "--out", Path.Combine(folder, "model.json"), "--ngram-out", output, "--seed", "7"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            Assert.Contains("ar: {\"handoff_above\"", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("bank languages/ar.jsonl: 29 questions learnt as questions; left out 1 marked as telling of misconduct, 0 the rules hand off", stdout.ToString(), StringComparison.Ordinal);
            return output;
        }

        var first = await Train("a.json");
        var second = await Train("b.json");

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        var model = NgramModel.Load(first);
        Assert.Equal(["ar", "en"], model.Languages);
        Assert.Equal(["ar"], model.Judges.Keys);
        Assert.Equal(20 + 20 + 29, model.Judges["ar"].Validation!.N);
        Assert.Contains("questions/languages/ar.jsonl", model.TrainedOn);
        Assert.Equal("Arabic", model.Names["ar"]);
        Assert.Equal(7, model.Seed);
        Directory.Delete(folder, true);
    }
}
