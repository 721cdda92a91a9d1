using EthicsBot.Disclosures;

namespace EthicsBot.Storage;

/// <summary>The outcome of a decision on a disclosure: the disclosure as it now stands, and whether this call changed it.</summary>
public sealed record DecisionResult(Disclosure? Disclosure, bool Changed, string? Refusal)
{
    public static DecisionResult NotFound { get; } = new(null, false, "There is no such disclosure.");
}

/// <summary>
/// Dialog state and disclosures, behind one interface with two providers: SQLite (embedded default) and Azure Table
/// Storage. Both pass the same contract tests (tests/EthicsBot.Tests/Storage).
/// </summary>
public interface IDisclosureStore
{
    Task<DialogState?> GetDialogAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the dialog of this conversation and user.</summary>
    Task SaveDialogAsync(DialogState state, CancellationToken cancellationToken);

    Task DeleteDialogAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>Deletes dialogs last touched before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteDialogsIdleSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the disclosure with the next reference number of its prefix, organisation and year, and ends its
    /// dialog. Idempotent: a disclosure whose id is stored already is returned as it is, with its reference, and
    /// nothing new is stored. A disclosure is stored whole or not at all.
    /// </summary>
    Task<Disclosure> SubmitAsync(Disclosure disclosure, CancellationToken cancellationToken);

    Task<Disclosure?> GetAsync(string organization, string id, CancellationToken cancellationToken);

    /// <summary>The disclosures of one person in an organisation, newest first.</summary>
    Task<IReadOnlyList<Disclosure>> ListByDiscloserAsync(string organization, string userId, CancellationToken cancellationToken);

    /// <summary>Applies a decision if the disclosure's status allows it (<see cref="DisclosureRules.Apply"/>).</summary>
    Task<DecisionResult> DecideAsync(string organization, string id, DisclosureDecision decision, CancellationToken cancellationToken);

    /// <summary>Every disclosure of an organisation, newest first (for the insights and the ethics office).</summary>
    Task<IReadOnlyList<Disclosure>> ListAsync(string organization, CancellationToken cancellationToken);

    /// <summary>How many disclosures an organisation has of each kind (noun) and status, for the insights.</summary>
    Task<IReadOnlyList<DisclosureCount>> CountByTypeAndStatusAsync(string organization, CancellationToken cancellationToken);

    /// <summary>One page of the disclosure register, newest first, and how many disclosures match (the ethics office's desk).</summary>
    Task<DisclosurePage> QueryAsync(DisclosureQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the dialogs and disclosures of this person in the organisations of <paramref name="scope"/> (the right to
    /// erasure); a dialog belongs to the organisation of its form.
    /// </summary>
    Task<DeletedCounts> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken);

    /// <summary>An organisation's disclosures not yet posted to its ethics office, oldest first (at most 500).</summary>
    Task<IReadOnlyList<Disclosure>> UnnotifiedAsync(string organization, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to post this disclosure to the ethics office until <paramref name="leaseUntil"/> (a lease,
    /// ETag-conditional in Table Storage): false when it is posted already or another instance holds a live claim. Of
    /// instances racing for one disclosure one wins, so each disclosure is posted once; a claim whose owner died runs
    /// out and the next round posts it.
    /// </summary>
    Task<bool> TryClaimPostAsync(string organization, string id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records the id of the card posted to the ethics office.</summary>
    Task MarkNotifiedAsync(string organization, string id, string officeActivityId, CancellationToken cancellationToken);
}

/// <summary>The rules both stores apply, so they cannot drift apart.</summary>
public static class DisclosureRules
{
    /// <summary>
    /// Acknowledging is for a submitted disclosure; approving or declining for a submitted or acknowledged one;
    /// a decided disclosure stays decided. Returns the updated disclosure, or why the decision cannot apply.
    /// </summary>
    public static (Disclosure? Updated, string? Refusal) Apply(Disclosure disclosure, DisclosureDecision decision)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(decision);
        if (DisclosureStatus.IsFinal(disclosure.Status))
        {
            var last = disclosure.Decisions[^1];
            return (null, $"{disclosure.Reference} was already {last.Status} by {last.ByName} on {last.At:d MMM yyyy}.");
        }
        var allowed = decision.Status switch
        {
            DisclosureStatus.Acknowledged => disclosure.Status == DisclosureStatus.Submitted,
            DisclosureStatus.Approved or DisclosureStatus.Declined => true,
            _ => false,
        };
        if (!allowed)
            return (null, decision.Status == DisclosureStatus.Acknowledged
                ? $"{disclosure.Reference} was already acknowledged."
                : $"'{decision.Status}' is not a decision on a disclosure.");
        return (disclosure with { Status = decision.Status, Decisions = [.. disclosure.Decisions, decision] }, null);
    }

    /// <summary>
    /// A decision through a store's read-modify-write (<paramref name="update"/> applies a change to the stored
    /// disclosure under the store's concurrency control and returns the stored and the updated one).
    /// </summary>
    public static async Task<DecisionResult> DecideAsync(DisclosureDecision decision,
        Func<Func<Disclosure, Disclosure?>, Task<(Disclosure? Stored, Disclosure? Updated)>> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        string? refusal = null;
        var (stored, updated) = await update(d =>
        {
            (var next, refusal) = Apply(d, decision);
            return next;
        }).ConfigureAwait(false);
        return stored is null ? DecisionResult.NotFound
            : updated is null ? new DecisionResult(stored, false, refusal)
            : new DecisionResult(updated, true, null);
    }

    /// <summary><c>GIFT-2026-000042</c>.</summary>
    public static string Reference(string prefix, int year, long sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{year}-{sequence:000000}");
}
