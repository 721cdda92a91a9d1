using EthicsBot.Features.Answers;
using EthicsBot.Shared.DataRights;

namespace EthicsBot.Features.Office;

/// <summary>
/// The ethics office's side: feedback, answer events for the insights, the review queue and the FAQ. Same two
/// providers as the disclosures (SQLite by default, Azure Table Storage), one contract suite.
/// </summary>
public interface IOfficeStore : IFaqStore
{
    /// <summary>Records or replaces the feedback on an answer (a second click changes the verdict, it does not add one).</summary>
    Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken);

    Task<AnswerFeedback?> FeedbackAsync(string organization, string answerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnswerFeedback>> FeedbackSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Records that an answer was given (what it was about, not the question).</summary>
    Task RecordAnswerAsync(AnswerEvent answer, CancellationToken cancellationToken);

    /// <summary>Records answer events in one write (they come in batches from the <see cref="AnswerEventWriter"/>).</summary>
    Task RecordAnswersAsync(IReadOnlyList<AnswerEvent> answers, CancellationToken cancellationToken);

    Task<IReadOnlyList<AnswerEvent>> AnswersSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Queues a question; false when that answer's question is queued already.</summary>
    Task<bool> QueueAsync(ReviewItem item, CancellationToken cancellationToken);

    Task<ReviewItem?> GetItemAsync(string organization, string id, CancellationToken cancellationToken);

    /// <summary>Every item of an organisation, open and closed, oldest first.</summary>
    Task<IReadOnlyList<ReviewItem>> ItemsAsync(string organization, CancellationToken cancellationToken);

    /// <summary>
    /// Changes an item under concurrency control: <paramref name="change"/> sees the stored item and returns the new one,
    /// or null to leave it (e.g. it was closed meanwhile). Returns what is stored afterwards and whether it changed.
    /// </summary>
    Task<(ReviewItem? Item, bool Changed)> UpdateItemAsync(string organization, string id, Func<ReviewItem, ReviewItem?> change, CancellationToken cancellationToken);

    /// <summary>Deletes review items, answer events and feedback older than <paramref name="cutoff"/>.</summary>
    Task<DeletedCounts> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Deletes every review item asked by this person in the organisations of <paramref name="scope"/> (the right to erasure).</summary>
    Task<DeletedCounts> EraseAskerAsync(string userId, ErasureScope scope, CancellationToken cancellationToken);
}
