using EthicsBot.Knowledge.Search.Languages;
using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Knowledge.Tests.Search.Languages;

/// <summary>Questions in French, Spanish, Arabic and Portuguese, searched in each language's own question bank.</summary>
public sealed class LanguageBankSearchTests
{
    private static readonly Lazy<LanguageBankSearch> Shipped = new(() =>
        LanguageBankSearch.Load(Path.Combine(Repo.Knowledge, "questions", "languages"), Repo.Clauses, new LanguageBankWeights(), c => [c.Text]));

    private static string[] Top(string question, string language, string organization, int k = 3) =>
        [.. Shipped.Value.Search(question, language, organization, k).Select(h => h.Clause.Id)];

    [Fact]
    public void Each_language_has_at_least_eight_questions_for_every_clause_the_English_bank_has()
    {
        var english = QuestionBank.Load(Path.Combine(Repo.Knowledge, "questions"), Repo.Clauses).Select(q => q.Clause).ToHashSet(StringComparer.Ordinal);
        var ids = Repo.Clauses.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["ar", "es", "fr", "pt"], Shipped.Value.Languages);
        foreach (var language in Shipped.Value.Languages)
        {
            var bank = QuestionBank.LoadFile(Path.Combine(Repo.Knowledge, "questions", "languages", $"{language}.jsonl"), ids);
            var counts = bank.GroupBy(q => q.Clause, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var clause in english)
                Assert.True(counts.GetValueOrDefault(clause) >= 8, $"{language}: {clause} has {counts.GetValueOrDefault(clause)} questions");
        }
    }

    [Fact]
    public void No_bank_question_is_a_line_of_an_evaluation_set()
    {
        var evaluated = Directory.EnumerateFiles(Path.Combine(Repo.Knowledge, "eval"), "*.jsonl")
            .SelectMany(File.ReadLines).Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .SelectMany(e => new[] { "question", "text" }.Where(k => e.TryGetProperty(k, out _)).Select(k => e.GetProperty(k).GetString()!.Trim()))
            .ToHashSet(StringComparer.Ordinal);
        var ids = Repo.Clauses.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var language in Shipped.Value.Languages)
            foreach (var question in QuestionBank.LoadFile(Path.Combine(Repo.Knowledge, "questions", "languages", $"{language}.jsonl"), ids))
                Assert.DoesNotContain(question.Question, evaluated);
    }

    [Theory]
    [InlineData("Est-ce que je peux garder le cadeau qu'un fournisseur m'a envoyé ?", "fr")]
    [InlineData("¿Puedo aceptar un regalo de un proveedor?", "es")]
    [InlineData("هل يمكنني قبول هدية من مورد؟", "ar")]
    [InlineData("Posso aceitar um presente de um fornecedor?", "pt")]
    public void A_gift_from_a_supplier_finds_the_gift_clauses(string question, string language)
    {
        Assert.Contains(Top(question, language, "iom"), id => id is "iom-5.49" or "iom-5.50");
    }

    [Theory]
    [InlineData("Puis-je me présenter aux élections municipales dans ma ville ?", "fr", "iom-5.47")]
    [InlineData("¿Puedo dar clases en la universidad los fines de semana?", "es", "iom-5.46")]
    [InlineData("Posso usar o portátil da IMS para coisas pessoais à noite?", "pt", "ims-3.6")]
    public void A_question_finds_the_clause_that_answers_it(string question, string language, string expected)
    {
        Assert.Contains(expected, Top(question, language, expected.Split('-')[0]));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("pt")]
    public void Each_language_gate_is_measured_on_its_own_held_out_questions(string language)
    {
        var gate = Shipped.Value.Gate(language);

        Assert.InRange(gate.Threshold, 0.05, 0.95);
        Assert.True(gate.BankAnswered >= 0.75, $"bank answered {gate.BankAnswered}");
        Assert.True(gate.EverydayStopped >= 0.75, $"everyday stopped {gate.EverydayStopped}");
        Assert.True(gate.RecallAt3 > gate.RecallAt1 && gate.RecallAt1 > 0.25, $"recall@1 {gate.RecallAt1}, @3 {gate.RecallAt3}");
    }

    [Fact]
    public void An_everyday_office_question_scores_under_its_language_gate()
    {
        var best = Shipped.Value.Search("Comment je réinitialise le mot de passe de mon ordinateur portable ?", "fr", "iom", 1)[0].Score;

        Assert.True(best < Shipped.Value.Gate("fr").Threshold, $"score {best}");
    }

    [Fact]
    public void A_line_naming_a_clause_the_Codes_do_not_have_stops_the_load_naming_file_and_line()
    {
        using var folder = new TempFolder();
        folder.File("xx.jsonl", """{"clause":"iom-5.49","question":"Ok?"}""" + "\n" + """{"clause":"iom-9.99","question":"Nope?"}""");

        var error = Assert.Throws<KnowledgeException>(() => LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights(), _ => []));

        Assert.Contains("xx.jsonl line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("iom-9.99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_without_a_bank_is_not_answered_and_is_refused_by_name()
    {
        Assert.False(Shipped.Value.Answers("sw"));
        Assert.False(Shipped.Value.Answers(null));
        var error = Assert.Throws<ArgumentException>(() => Shipped.Value.Search("Je", "sw", "iom", 3));
        Assert.Contains("\"sw\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_question_held_out_no_longer_finds_itself()
    {
        // A bank made of one clause's two questions: held out, the question is matched only by the other one.
        using var folder = new TempFolder();
        folder.File("fr.jsonl", """{"clause":"iom-5.47","question":"Puis-je être candidat aux élections ?"}""" + "\n" + """{"clause":"iom-5.47","question":"Un mandat de maire, c'est permis ?"}""");
        using var search = LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights { Keyword = 0 }, _ => []);

        var gate = search.Gate("fr");
        var whole = search.Search("Puis-je être candidat aux élections ?", "fr", "iom", 1)[0].Score;

        // With no everyday questions the gate is the lowest held-out score.
        Assert.True(whole > 0.4, $"with itself {whole}");
        Assert.True(gate.Threshold < whole - 0.15, $"held out, the best score falls: {gate.Threshold} against {whole}");
    }

    [Fact]
    public void The_shipped_gates_are_the_ones_measured_on_the_shipped_banks()
    {
        var shipped = ShippedGates.Read(Path.Combine(Repo.Knowledge, "questions", "languages", ShippedGates.FileName));

        Assert.Equal(Shipped.Value.Languages, shipped.Keys.Order(StringComparer.Ordinal));
        foreach (var language in Shipped.Value.Languages)
        {
            Assert.True(shipped[language].Fingerprint == Shipped.Value.Fingerprint(language),
                $"{language}: the bank changed since gates.json was written; run `embed` (docs/command-line.md)");
            Assert.Equal(Shipped.Value.MeasureGate(language), shipped[language].Gate);
        }
    }

    [Fact]
    public void A_shipped_gate_is_read_only_while_its_bank_is_the_one_it_was_measured_on()
    {
        using var folder = new TempFolder();
        folder.File("fr.jsonl", """{"clause":"iom-5.47","question":"Puis-je être candidat aux élections ?"}""" + "\n" + """{"clause":"iom-5.47","question":"Un mandat de maire, c'est permis ?"}""");
        string fingerprint;
        using (var first = LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights(), _ => []))
            fingerprint = first.Fingerprint("fr");
        var gates = Path.Combine(folder.Path, ShippedGates.FileName);

        ShippedGates.Write(gates, [("fr", fingerprint, new LanguageGate(0.77, 1, 1, 1, 1))]);
        using (var matching = LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights(), _ => []))
            Assert.Equal(0.77, matching.Gate("fr").Threshold);
        using (var otherWeights = LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights { Keyword = 0.5 }, _ => []))
            Assert.NotEqual(0.77, otherWeights.Gate("fr").Threshold);

        folder.File("fr.jsonl", """{"clause":"iom-5.47","question":"Puis-je être candidat aux élections ?"}""");
        using var edited = LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights(), _ => []);
        Assert.NotEqual(fingerprint, edited.Fingerprint("fr"));
        Assert.NotEqual(0.77, edited.Gate("fr").Threshold);
    }

    [Fact]
    public void A_gates_file_that_is_not_embeds_stops_the_load_naming_the_file()
    {
        using var folder = new TempFolder();
        folder.File("fr.jsonl", """{"clause":"iom-5.47","question":"Puis-je être candidat aux élections ?"}""");
        folder.File(ShippedGates.FileName, """{"fr": {"fingerprint": "abc", "threshold": "high"}}""");

        var error = Assert.Throws<KnowledgeException>(() => LanguageBankSearch.Load(folder.Path, Repo.Clauses, new LanguageBankWeights(), _ => []));

        Assert.Contains(ShippedGates.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("embed", error.Message, StringComparison.Ordinal);
    }
}
