using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.DataRights;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>The SQLite disclosure store with every call on <see cref="SqliteThreads"/>.</summary>
public sealed class OffThreadDisclosureStore(IDisclosureStore inner, SqliteThreads threads) : IDisclosureStore
{
    public Task<DialogState?> GetDialogAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.GetDialogAsync(conversationId, userId, cancellationToken));

    public Task SaveDialogAsync(DialogState state, CancellationToken cancellationToken) => threads.Run(() => inner.SaveDialogAsync(state, cancellationToken));

    public Task DeleteDialogAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.DeleteDialogAsync(conversationId, userId, cancellationToken));

    public Task<int> DeleteDialogsIdleSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        threads.Run(() => inner.DeleteDialogsIdleSinceAsync(cutoff, cancellationToken));

    public Task<Disclosure> SubmitAsync(Disclosure disclosure, CancellationToken cancellationToken) => threads.Run(() => inner.SubmitAsync(disclosure, cancellationToken));

    public Task<Disclosure?> GetAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() => inner.GetAsync(organization, id, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> ListByDiscloserAsync(string organization, string userId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.ListByDiscloserAsync(organization, userId, cancellationToken));

    public Task<DecisionResult> DecideAsync(string organization, string id, DisclosureDecision decision, CancellationToken cancellationToken) =>
        threads.Run(() => inner.DecideAsync(organization, id, decision, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> ListAsync(string organization, CancellationToken cancellationToken) => threads.Run(() => inner.ListAsync(organization, cancellationToken));

    public Task<IReadOnlyList<DisclosureCount>> CountByTypeAndStatusAsync(string organization, CancellationToken cancellationToken) =>
        threads.Run(() => inner.CountByTypeAndStatusAsync(organization, cancellationToken));

    public Task<DisclosurePage> QueryAsync(DisclosureQuery query, CancellationToken cancellationToken) => threads.Run(() => inner.QueryAsync(query, cancellationToken));

    public Task<DeletedCounts> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) =>
        threads.Run(() => inner.EraseUserAsync(userId, scope, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> UnnotifiedAsync(string organization, CancellationToken cancellationToken) => threads.Run(() => inner.UnnotifiedAsync(organization, cancellationToken));

    public Task<bool> TryClaimPostAsync(string organization, string id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        threads.Run(() => inner.TryClaimPostAsync(organization, id, owner, now, leaseUntil, cancellationToken));

    public Task MarkNotifiedAsync(string organization, string id, string officeActivityId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.MarkNotifiedAsync(organization, id, officeActivityId, cancellationToken));
}
