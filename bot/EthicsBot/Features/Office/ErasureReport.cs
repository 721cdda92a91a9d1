using EthicsBot.Shared.DataRights;

namespace EthicsBot.Features.Office;

/// <summary>What an erasure deleted, organisation by organisation, and how far it reached.</summary>
public sealed record ErasureReport(ErasureReach Reach, IReadOnlyList<ErasedIn> Erased)
{
    public DeletedCounts Total => Erased.Aggregate(new DeletedCounts(0, 0, 0, 0, 0), (sum, e) => sum + e.Counts);
}
