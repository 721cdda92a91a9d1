namespace EthicsBot.Teams.Protocol;

/// <summary>
/// What <c>POST /v3/conversations</c> takes to open a conversation: in Teams, a personal chat between the bot and one
/// member (<see cref="IsGroup"/> false), in the member's tenant.
/// </summary>
public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public IList<ChannelAccount> Members { get; set; } = [];
    public string? TenantId { get; set; }
    /// <summary>Teams reads the tenant here: <c>{ "tenant": { "id": … } }</c>.</summary>
    public object? ChannelData { get; set; }

    /// <summary>A personal chat with <paramref name="member"/> (their Teams id, <c>29:…</c>) in <paramref name="tenantId"/>.</summary>
    public static ConversationParameters Personal(string botId, string member, string tenantId) => new()
    {
        Bot = new ChannelAccount { Id = botId },
        Members = [new ChannelAccount { Id = member }],
        TenantId = tenantId,
        ChannelData = new { tenant = new { id = tenantId } },
    };
}
