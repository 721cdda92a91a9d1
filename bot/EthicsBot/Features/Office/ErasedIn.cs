using EthicsBot.Shared.DataRights;

namespace EthicsBot.Features.Office;

/// <summary>What an erasure deleted in one organisation (<paramref name="Name"/> as staff know it).</summary>
public sealed record ErasedIn(string Name, DeletedCounts Counts);
