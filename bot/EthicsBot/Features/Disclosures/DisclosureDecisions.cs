using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// The ethics office's decisions on disclosures — acknowledge, approve, decline with a comment — with the same rules
/// whether they come from the card in the office's channel or from the desk tab: the office card is updated and the
/// discloser told. Callers check membership first.
/// </summary>
public sealed partial class DisclosureDecisions(IDisclosureStore store, EthicsOfficeNotifier notifier, TimeProvider time, ILogger<DisclosureDecisions> logger)
{
    public async Task<DecisionOutcome> DecideAsync(OrganizationProfile organization, string id, string? decision, OfficeMember member, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(member);
        if (!DisclosureStatus.IsDecision(decision))
            return DecisionOutcome.Bad(DisclosureStatus.NotADecision(decision));
        comment = (comment ?? "").Trim();
        if (comment.Length > DisclosureCards.MaxCommentLength)
            return DecisionOutcome.Bad($"The comment is longer than {DisclosureCards.MaxCommentLength} characters.");
        if (decision == DisclosureStatus.Declined && comment.Length == 0)
            return DecisionOutcome.Bad("Please write a comment saying why the disclosure is declined; the staff member will see it.");

        var result = await store.DecideAsync(organization.Id, id,
            new DisclosureDecision(decision, member.Id, string.IsNullOrWhiteSpace(member.Name) ? "an ethics office member" : member.Name, time.GetUtcNow(), comment),
            cancellationToken).ConfigureAwait(false);
        if (result.Disclosure is null)
            return new DecisionOutcome(null, false, result.Refusal, 404);
        if (!result.Changed)
            return new DecisionOutcome(result.Disclosure, false, result.Refusal, 409);

        LogDecided(logger, result.Disclosure.Reference, decision, organization.Id);
        await notifier.UpdateOfficeCardAsync(result.Disclosure, organization, cancellationToken).ConfigureAwait(false);
        await notifier.TellDiscloserAsync(result.Disclosure, organization, cancellationToken).ConfigureAwait(false);
        return new DecisionOutcome(result.Disclosure, true, null, 200);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disclosure {Reference} {Decision} by the ethics office of {Organization}.")]
    private static partial void LogDecided(ILogger logger, string reference, string decision, string organization);
}
