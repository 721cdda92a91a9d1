namespace EthicsBot.Features.Answers;

/// <summary>How answers are made, configuration section <c>Answers</c>.</summary>
public sealed class AnswerSettings
{
    public const string Section = "Answers";

    /// <summary>
    /// Below this score of the best clause the Code is said not to cover the question. The scale is the search's:
    /// 0.30 on the hybrid search's 0..1 scale (the default), 3.3 on Lucene's BM25 alone (docs/knowledge-and-search.md,
    /// "Gating"). Unset: the one that suits the configured search.
    /// </summary>
    public double? NotCoveredBelow { get; set; }

    /// <summary>Clauses scoring below this share of the best one's score are not shown beside it.</summary>
    public double ShowWithin { get; set; } = 0.85;

    public const double HybridNotCoveredBelow = 0.30;
    public const double KeywordNotCoveredBelow = 3.3;

    /// <summary>How many clauses an answer cites at most.</summary>
    public int Clauses { get; set; } = 3;
}
