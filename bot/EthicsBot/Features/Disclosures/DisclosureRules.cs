namespace EthicsBot.Features.Disclosures;

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
        if (!Open(disclosure.Status).Contains(decision.Status))
            return (null, decision.Status == DisclosureStatus.Acknowledged
                ? $"{disclosure.Reference} was already acknowledged."
                : $"'{decision.Status}' is not a decision on a disclosure.");
        return (disclosure with { Status = decision.Status, Decisions = [.. disclosure.Decisions, decision] }, null);
    }

    /// <summary>
    /// The decisions the ethics office may take on a disclosure in this status, in the order they are offered (the
    /// office card's buttons and the desk's): none once decided; acknowledging only while it is just submitted.
    /// </summary>
    public static IReadOnlyList<string> Open(string status) =>
        DisclosureStatus.IsFinal(status) ? []
        : status == DisclosureStatus.Submitted ? [DisclosureStatus.Acknowledged, DisclosureStatus.Approved, DisclosureStatus.Declined]
        : [DisclosureStatus.Approved, DisclosureStatus.Declined];

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
