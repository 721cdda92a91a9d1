using System.Text.Json;

namespace EthicsBot.Tests.Teams;

/// <summary>Activities shaped like the ones Teams sends to a bot.</summary>
internal static class Activities
{
    public static string Message(string serviceUrl, string text, string? id = null, string conversation = "a:1on1-conversation", string? tenant = null) =>
        JsonSerializer.Serialize(new
        {
            type = "message",
            id = id ?? Guid.NewGuid().ToString("N"),
            timestamp = DateTimeOffset.UtcNow,
            serviceUrl,
            channelId = "msteams",
            from = new { id = "29:user-1", name = "Amina Staff", aadObjectId = "00000000-0000-0000-0000-0000000000a1" },
            conversation = new { id = conversation, conversationType = "personal", tenantId = tenant ?? "tenant-1" },
            recipient = new { id = "28:ethicsbot", name = "EthicsBot" },
            text,
            textFormat = "plain",
            locale = "en-US",
            entities = new object[] { new { type = "clientInfo", locale = "en-US", platform = "Web" } },
            channelData = new { tenant = new { id = tenant ?? "tenant-1" } },
        });

    public static string MembersAdded(string serviceUrl) =>
        JsonSerializer.Serialize(new
        {
            type = "conversationUpdate",
            id = Guid.NewGuid().ToString("N"),
            serviceUrl,
            channelId = "msteams",
            from = new { id = "29:user-1", aadObjectId = "00000000-0000-0000-0000-0000000000a1" },
            conversation = new { id = "a:1on1-conversation", conversationType = "personal", tenantId = "tenant-1" },
            recipient = new { id = "28:ethicsbot", name = "EthicsBot" },
            membersAdded = new[] { new { id = "28:ethicsbot" } },
            channelData = new { tenant = new { id = "tenant-1" } },
        });

    public static string CardAction(string serviceUrl, string verb, object data) =>
        JsonSerializer.Serialize(new
        {
            type = "invoke",
            name = "adaptiveCard/action",
            id = Guid.NewGuid().ToString("N"),
            serviceUrl,
            channelId = "msteams",
            from = new { id = "29:user-1", aadObjectId = "00000000-0000-0000-0000-0000000000a1" },
            conversation = new { id = "a:1on1-conversation", conversationType = "personal", tenantId = "tenant-1" },
            recipient = new { id = "28:ethicsbot", name = "EthicsBot" },
            replyToId = "activity-1",
            value = new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" },
        });
}
