namespace EthicsBot.Features.Answers;

/// <summary>
/// Where the ethics office's FAQ entries are kept: the answers consult them, the office edits them. Part of
/// <c>IOfficeStore</c> (same providers, same contract suite); its own interface so answering needs nothing of the office.
/// </summary>
public interface IFaqStore
{
    /// <summary>Creates or replaces a FAQ entry.</summary>
    Task SaveFaqAsync(FaqEntry entry, CancellationToken cancellationToken);

    Task<FaqEntry?> GetFaqAsync(string organization, string id, CancellationToken cancellationToken);

    /// <summary>Every FAQ entry (of every organisation when <paramref name="organization"/> is null), withdrawn ones included.</summary>
    Task<IReadOnlyList<FaqEntry>> FaqAsync(string? organization, CancellationToken cancellationToken);
}
