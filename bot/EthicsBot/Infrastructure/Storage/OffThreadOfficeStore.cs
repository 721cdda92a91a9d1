using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Shared.DataRights;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>The SQLite office store with every call on <see cref="SqliteThreads"/>.</summary>
public sealed class OffThreadOfficeStore(IOfficeStore inner, SqliteThreads threads) : IOfficeStore
{
    public Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken) => threads.Run(() => inner.RecordFeedbackAsync(feedback, cancellationToken));

    public Task<AnswerFeedback?> FeedbackAsync(string organization, string answerId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.FeedbackAsync(organization, answerId, cancellationToken));

    public Task<IReadOnlyList<AnswerFeedback>> FeedbackSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken) =>
        threads.Run(() => inner.FeedbackSinceAsync(organization, since, cancellationToken));

    public Task RecordAnswerAsync(AnswerEvent answer, CancellationToken cancellationToken) => threads.Run(() => inner.RecordAnswerAsync(answer, cancellationToken));

    public Task RecordAnswersAsync(IReadOnlyList<AnswerEvent> answers, CancellationToken cancellationToken) => threads.Run(() => inner.RecordAnswersAsync(answers, cancellationToken));

    public Task<IReadOnlyList<AnswerEvent>> AnswersSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken) =>
        threads.Run(() => inner.AnswersSinceAsync(organization, since, cancellationToken));

    public Task<bool> QueueAsync(ReviewItem item, CancellationToken cancellationToken) => threads.Run(() => inner.QueueAsync(item, cancellationToken));

    public Task<ReviewItem?> GetItemAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() => inner.GetItemAsync(organization, id, cancellationToken));

    public Task<IReadOnlyList<ReviewItem>> ItemsAsync(string organization, CancellationToken cancellationToken) => threads.Run(() => inner.ItemsAsync(organization, cancellationToken));

    public Task<(ReviewItem? Item, bool Changed)> UpdateItemAsync(string organization, string id, Func<ReviewItem, ReviewItem?> change, CancellationToken cancellationToken) =>
        threads.Run(() => inner.UpdateItemAsync(organization, id, change, cancellationToken));

    public Task SaveFaqAsync(FaqEntry entry, CancellationToken cancellationToken) => threads.Run(() => inner.SaveFaqAsync(entry, cancellationToken));

    public Task<FaqEntry?> GetFaqAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() => inner.GetFaqAsync(organization, id, cancellationToken));

    public Task<IReadOnlyList<FaqEntry>> FaqAsync(string? organization, CancellationToken cancellationToken) => threads.Run(() => inner.FaqAsync(organization, cancellationToken));

    public Task<DeletedCounts> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => threads.Run(() => inner.DeleteOlderThanAsync(cutoff, cancellationToken));

    public Task<DeletedCounts> EraseAskerAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) =>
        threads.Run(() => inner.EraseAskerAsync(userId, scope, cancellationToken));
}
