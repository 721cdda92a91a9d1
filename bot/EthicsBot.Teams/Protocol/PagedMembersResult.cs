namespace EthicsBot.Teams.Protocol;

/// <summary>One page of a conversation's or team's members (<c>GET /v3/conversations/{id}/pagedmembers</c>); more while a continuation token comes back.</summary>
public sealed class PagedMembersResult
{
    public IList<ChannelAccount> Members { get; set; } = [];
    public string? ContinuationToken { get; set; }
}
