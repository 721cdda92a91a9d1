using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;

namespace EthicsBot.Tests.Safety;

/// <summary>
/// The report screen's second opinion in the sentence model's banner band: the nearest labelled examples of the report
/// corpus and the everyday office questions.
/// </summary>
public sealed class ReportNeighboursTests : IClassFixture<ReportScreenTests.Shipped>
{
    private static readonly (IReadOnlyList<VectorEntry> Entries, string Fingerprint, string Path) Plan =
        SafetyServices.NeighboursPlan(new KnowledgeSettings { Path = Repo.Combine("knowledge") });

    private static readonly Lazy<SemanticVectors?> Vectors = new(() => SemanticVectors.TryLoad(Plan.Path, Plan.Fingerprint, Plan.Entries));

    private readonly ReportScreenTests.Shipped _shipped;

    public ReportNeighboursTests(ReportScreenTests.Shipped shipped) => _shipped = shipped;

    [Fact]
    public void The_shipped_vectors_are_those_of_the_corpus_and_the_everyday_questions()
    {
        Assert.True(Vectors.Value is not null, "knowledge/intent/neighbours.bin does not match the report corpus or everyday.jsonl: run `embed` (docs/command-line.md)");
        Assert.Contains(Plan.Entries, e => e.Clause == ReportNeighbours.ReportLabel);
        Assert.Contains(Plan.Entries, e => e.Clause == ReportNeighbours.QuestionLabel);
    }

    [Fact]
    public async Task An_office_question_the_model_is_unsure_of_keeps_its_answer_without_the_banner()
    {
        const string question = "the projector in the big meeting room stopped working again";
        var alone = await new ReportScreen(_shipped.Encoder, _shipped.Model).ScreenAsync(question);
        var withNeighbours = await new ReportScreen(_shipped.Encoder, _shipped.Model, neighbours: new ReportNeighbours(Vectors.Value!)).ScreenAsync(question);

        Assert.Equal(ReportAction.Banner, alone.Action);
        Assert.Equal(ReportAction.Answer, withNeighbours.Action);
        Assert.Contains(withNeighbours.Signals, s => s.StartsWith("nearest examples are questions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_the_model_is_unsure_of_keeps_the_banner()
    {
        var verdict = await new ReportScreen(_shipped.Encoder, _shipped.Model, neighbours: new ReportNeighbours(Vectors.Value!))
            .ScreenAsync("the partner puts names of its own staff on the cash distribution list. acceptable?");

        Assert.True(verdict.Probability < ReportNeighbours.ModelBelow, $"p={verdict.Probability:0.00}");
        Assert.Equal(ReportAction.Banner, verdict.Action);
    }

    [Fact]
    public void The_share_of_reports_is_weighed_by_nearness_among_the_nearest_ten()
    {
        // Eleven examples on two axes: ten questions along x, one report along y; a vector between them, nearer y.
        float[] Unit(double angle) => [(float)Math.Cos(angle), (float)Math.Sin(angle)];
        var entries = new List<VectorEntry>();
        var matrix = new List<float>();
        for (var i = 0; i < 10; i++)
        {
            entries.Add(new VectorEntry(ReportNeighbours.QuestionLabel, VectorKind.Question, $"q{i}", entries.Count));
            matrix.AddRange(Unit(0.01 * i));
        }
        entries.Add(new VectorEntry(ReportNeighbours.ReportLabel, VectorKind.Question, "r", entries.Count));
        matrix.AddRange(Unit(Math.PI / 2));
        var neighbours = new ReportNeighbours(SemanticVectors.FromMatrix(entries, [.. matrix], 2));

        var nearReport = neighbours.ReportShare(Unit(1.4));
        var nearQuestions = neighbours.ReportShare(Unit(0.05));

        // The farthest question (q0 or q9 by angle) is left out; the report's weight is its cosine.
        Assert.InRange(nearReport, 0.1, 0.5);
        Assert.Equal(Math.Cos(Math.PI / 2 - 1.4) / (Math.Cos(Math.PI / 2 - 1.4) + Enumerable.Range(1, 9).Sum(i => Math.Cos(1.4 - (0.01 * i)))), nearReport, 4);
        Assert.Equal(0, nearQuestions, 6);
    }

    [Fact]
    public void With_nothing_near_the_vote_is_no_evidence_of_a_question()
    {
        var neighbours = new ReportNeighbours(SemanticVectors.FromMatrix([new VectorEntry(ReportNeighbours.QuestionLabel, VectorKind.Question, "q", 0)], [1f, 0f], 2));

        Assert.Equal(1, neighbours.ReportShare([-1f, 0f]));
        Assert.True(neighbours.ReportShare([-1f, 0f]) >= ReportNeighbours.QuestionBelow);
    }
}
