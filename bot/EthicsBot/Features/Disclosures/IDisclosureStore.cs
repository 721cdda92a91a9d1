using EthicsBot.Shared.DataRights;

namespace EthicsBot.Features.Disclosures;

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
