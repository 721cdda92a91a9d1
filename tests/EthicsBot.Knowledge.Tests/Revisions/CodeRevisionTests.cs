using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Revisions;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Testing;
using Xunit.Abstractions;

namespace EthicsBot.Knowledge.Tests.Revisions;

public class CodeRevisionTests(ITestOutputHelper output)
{
    private static IReadOnlyList<Clause> Iom => Repo.Clauses.Where(c => c.Organization == "iom").ToList();

    private static readonly Lazy<IReadOnlyList<Clause>> Revised = new(() => RevisedIomCode.Derive(Repo.Clauses));

    private static readonly Lazy<RevisionReport> Report = new(() => CodeRevision.Compare(Iom, Revised.Value));

    [Fact]
    public void Thresholds_sit_between_neighbours_and_rewordings()
    {
        foreach (var org in new[] { "iom", "ims" })
        {
            var clauses = Repo.Clauses.Where(c => c.Organization == org && !c.IsHeadingOnly).ToList();
            var space = new TermSpace(clauses.Select(c => c.Text));
            var vectors = clauses.Select(c => space.Vector(c.Text)).ToList();
            var pairs = from a in Enumerable.Range(0, clauses.Count) from b in Enumerable.Range(0, clauses.Count) where a != b select (a, b);
            var (cosA, cosB) = pairs.MaxBy(p => vectors[p.a].Cosine(vectors[p.b]));
            var cosine = vectors[cosA].Cosine(vectors[cosB]);
            var (inA, inB) = pairs.MaxBy(p => vectors[p.a].ContainedIn(vectors[p.b]));
            var contained = vectors[inA].ContainedIn(vectors[inB]);
            output.WriteLine($"{org}: most similar different clauses {clauses[cosA].Id}/{clauses[cosB].Id} {cosine:F3}; most contained {clauses[inA].Id} in {clauses[inB].Id} {contained:F3}");
            Assert.True(cosine < CodeRevision.MatchMin, $"{org}: {cosine:F3}");
            Assert.True(contained < CodeRevision.ContainedMin, $"{org}: {contained:F3}");
        }
        foreach (var change in Report.Value.Changes.Where(c => c.Kind is ChangeKind.Reworded or ChangeKind.Merged or ChangeKind.Split || c.Similarity is > 0 and < 1))
            output.WriteLine($"{change.Kind} {string.Join('+', change.Old)} -> {string.Join('+', change.New)}: {change.Similarity:F3}");
    }

    [Fact]
    public void An_unchanged_code_is_unchanged()
    {
        var report = CodeRevision.Compare(Iom, Iom);
        Assert.True(report.IsUnchanged);
        Assert.Equal(Iom.Select(c => c.Id), report.Changes.SelectMany(c => c.New));
    }

    [Fact]
    public void The_derived_revision_is_reported_clause_by_clause()
    {
        var report = Report.Value;
        Assert.Equal([RevisedIomCode.Added], report.Added);
        Assert.Equal([RevisedIomCode.Removed], report.Removed);
        Assert.Contains(new ClauseChange(ChangeKind.Split, ["iom-5.16"], ["iom-5.16", "iom-5.17"], 0, false), report.Changes, KindAndIds.Instance);
        Assert.Contains(new ClauseChange(ChangeKind.Merged, ["iom-5.18", "iom-5.19"], ["iom-5.18"], 0, false), report.Changes, KindAndIds.Instance);
        Assert.Equal(ChangeKind.Reworded, report.ChangeOf("iom-5.12")!.Kind);
        Assert.Equal(ChangeKind.Renumbered, report.ChangeOf("iom-5.49")!.Kind);
        Assert.NotEqual(Iom.Single(c => c.Id == "iom-5.49").Text, Revised.Value.Single(c => c.Id == "iom-5.48").Text);
        Assert.Equal(ChangeKind.Unchanged, report.ChangeOf("iom-5.54")!.Kind);
        foreach (var clause in Iom)
            Assert.Equal(RevisedIomCode.ExpectedTargets(clause.Id), report.ChangeOf(clause.Id)!.New);
        Assert.DoesNotContain(report.Changes, c => c.NeedsOffice && c.Kind != ChangeKind.Removed);
        Assert.Equal(Revised.Value.Select(c => c.Id), report.Changes.SelectMany(c => c.New));
    }

    [Fact]
    public async Task Bank_questions_land_on_the_right_revised_clause()
    {
        var bank = QuestionBank.Load(Path.Combine(Repo.Knowledge, "questions"), Repo.Clauses).Where(q => q.Clause.StartsWith("iom-", StringComparison.Ordinal)).ToList();
        using var encoder = new MiniLmEmbeddingGenerator();
        var byMeaning = await Score(bank, new MeaningChooser(encoder));
        var byWording = await Score(bank, new WordingChooser());
        output.WriteLine($"by meaning: {byMeaning}\nby wording: {byWording}");
        Assert.True(byMeaning.Affected >= 0.95, byMeaning.ToString());
        Assert.Equal(1.0, byMeaning.Unaffected);
        Assert.True(byMeaning.Split >= 0.85, byMeaning.ToString());
    }

    private sealed record BankScore(double Affected, int AffectedCount, double Unaffected, double Split, int ForOffice)
    {
        public override string ToString() =>
            $"affected clauses {Affected:P1} of {AffectedCount} right, unaffected {Unaffected:P1}, split 5.16 {Split:P1}, {ForOffice} for the office";
    }

    private static async Task<BankScore> Score(IReadOnlyList<BankQuestion> bank, IClauseChooser chooser)
    {
        var remapped = await new ReferenceRemapper(Report.Value, chooser).RemapBankAsync(bank, CancellationToken.None);
        Assert.Equal(bank.Count, remapped.Bank.Count + remapped.ForOffice.Count);
        var landed = remapped.Bank.Select(q => (q.Question, q.Clause)).ToHashSet();
        var office = remapped.ForOffice.ToHashSet();
        bool Right(BankQuestion q)
        {
            var expected = RevisedIomCode.ExpectedTargets(q.Clause);
            return expected.Count switch
            {
                0 => office.Contains(q),
                1 => landed.Contains((q.Question, expected[0])),
                _ => landed.Contains((q.Question, RevisedIomCode.SplitAnswers[q.Question])),
            };
        }
        var affected = bank.Where(q => !RevisedIomCode.ExpectedTargets(q.Clause).SequenceEqual([q.Clause])).ToList();
        var unaffected = bank.Except(affected).ToList();
        var split = bank.Where(q => q.Clause == RevisedIomCode.SplitOld).ToList();
        return new BankScore(
            affected.Count(Right) / (double)affected.Count, affected.Count,
            unaffected.Count(Right) / (double)unaffected.Count,
            split.Count(Right) / (double)split.Count,
            remapped.ForOffice.Count);
    }

    public static TheoryData<string, string, string[], string[], string[]> FaqEntries => new()
    {
        { "Can my manager give the interesting assignments only to the staff he likes?", "No: favouritism is not allowed.", ["iom-5.16"], ["iom-5.17"], [] },
        { "Is a colleague's sexual joke at a work party harassment?", "Yes, harassment connected with work is prohibited.", ["iom-5.16"], ["iom-5.16"], [] },
        { "Must my supervisor share information with the team?", "Yes, leaders should communicate effectively.", ["iom-5.18", "iom-5.19"], ["iom-5.18"], [] },
        { "Does IOM promote equality between men and women?", "Yes.", ["iom-5.17"], [], ["iom-5.17"] },
        { "Can I accept a gift from a minister?", "Only with the Director General's approval.", ["iom-5.49", "iom-5.50"], ["iom-5.48", "iom-5.49"], [] },
        { "May I post my views on a controversial policy?", "Not publicly.", ["iom-5.12"], ["iom-5.12"], [] },
        { "Where can I report misconduct?", "To the office.", ["iom-5.54", "ims-3.5"], ["iom-5.54", "ims-3.5"], [] },
    };

    [Theory]
    [MemberData(nameof(FaqEntries))]
    public async Task Faq_entries_follow_their_clauses(string question, string answer, string[] clauses, string[] expected, string[] forOffice)
    {
        using var encoder = new MiniLmEmbeddingGenerator();
        var remapped = await new ReferenceRemapper(Report.Value, new MeaningChooser(encoder)).RemapAsync(clauses, question + "\n" + answer, CancellationToken.None);
        Assert.Equal(expected, remapped.Clauses);
        Assert.Equal(forOffice, remapped.ForOffice);
    }

    [Fact]
    public async Task A_reference_without_text_goes_to_every_part_of_a_split()
    {
        var remapped = await new ReferenceRemapper(Report.Value, new WordingChooser()).RemapAsync(["iom-5.16", "iom-5.20"], null, CancellationToken.None);
        Assert.Equal(["iom-5.16", "iom-5.17", "iom-5.19"], remapped.Clauses);
    }

    [Fact]
    public void The_rendered_revision_parses_back_to_the_same_clauses()
    {
        var metadata = new DocumentMetadata("iom", Iom[0].DocumentTitle, "rev. 2", null, null);
        var parsed = CodeParser.Parse(RevisedIomCode.Render(Revised.Value).Split('\n'), metadata, "revised.txt");
        Assert.Equal(Revised.Value.Select(c => (c.Id, c.Title)), parsed.Select(c => (c.Id, c.Title)));
        Assert.Equal(Revised.Value.Select(c => c.Text), parsed.Select(c => c.Text));
    }

    private sealed class KindAndIds : IEqualityComparer<ClauseChange>
    {
        public static KindAndIds Instance { get; } = new();

        public bool Equals(ClauseChange? x, ClauseChange? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Old.SequenceEqual(y.Old) && x.New.SequenceEqual(y.New);

        public int GetHashCode(ClauseChange obj) => obj.Kind.GetHashCode();
    }
}
