using System.Numerics.Tensors;
using System.Text.Json;
using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Features.Safety;

/// <summary>
/// A second opinion on an English message the sentence model is unsure of (its banner band): the labelled English
/// messages it was trained on (<c>intent/corpus.jsonl</c>) and the everyday office questions (<c>everyday.jsonl</c>),
/// each as its sentence vector, vote by nearness. The model is linear over the sentence vector and puts the world of
/// office questions ("the shared drive is full, who manages it?", "salary not received yet, when is payday?") in its
/// middle band; their nearest labelled neighbours are office questions, and they keep their answer without the banner
/// (<see cref="ReportScreen"/>). The vectors come from <c>intent/neighbours.bin</c>, written by <c>embed</c>; when the
/// corpus has changed since, they are encoded at start.
/// </summary>
public sealed class ReportNeighbours
{
    /// <summary>The clause ids the examples are kept under in the vector file.</summary>
    public const string ReportLabel = "*report";
    public const string QuestionLabel = "*question";

    /// <summary>How many nearest examples vote.</summary>
    public const int Voters = 10;

    /// <summary>
    /// Below this share of reports among the nearest examples (weighted by similarity) a message in the banner band is
    /// an office question: in effect, none of the ten is a report (one report among ten weighs about 0.08 to 0.12, so a
    /// cut there would split such messages by chance; a second reader found a report at 0.101). Measured on the dev
    /// intent sets (blind-intent to blind-intent4, staff, reader sets): no report lost its banner at 0.1 or below.
    /// </summary>
    public const double QuestionBelow = 0.05;

    /// <summary>Above this sentence-model probability the banner stays whatever the neighbours say.</summary>
    public const double ModelBelow = 0.7;

    public const string FileName = "neighbours.bin";

    private readonly SemanticVectors _vectors;
    private readonly bool[] _report;

    public ReportNeighbours(SemanticVectors vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        _vectors = vectors;
        _report = [.. vectors.Entries.Select(e => e.Clause == ReportLabel)];
    }

    /// <summary>The similarity-weighted share of reports among the <see cref="Voters"/> examples nearest <paramref name="vector"/>.</summary>
    public double ReportShare(ReadOnlySpan<float> vector)
    {
        var nearest = new PriorityQueue<int, float>(Voters + 1);
        for (var row = 0; row < _report.Length; row++)
        {
            var similarity = TensorPrimitives.Dot(vector, _vectors.Vector(row));
            if (nearest.Count < Voters)
                nearest.Enqueue(row, similarity);
            else if (nearest.TryPeek(out _, out var least) && similarity > least)
                nearest.EnqueueDequeue(row, similarity);
        }
        double reports = 0, all = 0;
        while (nearest.TryDequeue(out var row, out var similarity))
        {
            var weight = Math.Max(0, similarity);
            all += weight;
            reports += _report[row] ? weight : 0;
        }
        return all == 0 ? 1 : reports / all; // nothing near at all: no evidence of a question
    }

    /// <summary>What the vector file holds: the corpus's English lines (report or question), then the everyday questions.</summary>
    public static IReadOnlyList<VectorEntry> Plan(string corpusPath, string everydayPath)
    {
        var entries = new List<VectorEntry>();
        if (File.Exists(corpusPath))
        {
            foreach (var line in File.ReadLines(corpusPath).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.TryGetProperty("lang", out var lang) && lang.GetString() is { } language && language != "en")
                    continue;
                var label = root.GetProperty("label").GetString() == "report" ? ReportLabel : QuestionLabel;
                entries.Add(new VectorEntry(label, VectorKind.Question, root.GetProperty("text").GetString() ?? "", entries.Count));
            }
        }
        foreach (var question in QuestionBank.LoadEveryday(everydayPath))
            entries.Add(new VectorEntry(QuestionLabel, VectorKind.Question, question, entries.Count));
        return entries;
    }
}
