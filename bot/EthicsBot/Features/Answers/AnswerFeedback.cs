namespace EthicsBot.Features.Answers;

/// <summary>A 👍/👎 on one answer: which answer, which clauses it cited, and the verdict. Nothing about the asker.</summary>
public sealed record AnswerFeedback(string AnswerId, string Organization, IReadOnlyList<string> Clauses, bool Helpful, DateTimeOffset At);
