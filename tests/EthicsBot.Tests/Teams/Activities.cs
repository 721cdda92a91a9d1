using System.Text.Json;
using System.Text.Json.Nodes;

namespace EthicsBot.Tests.Teams;

/// <summary>Activities shaped like the ones Teams sends to a bot in a 1:1 chat.</summary>
internal static class Activities
{
    public static string Message(string serviceUrl, string text, string? id = null, string conversation = "a:1on1-conversation", string? tenant = null,
        string conversationType = "personal", string? aadObjectId = null, string name = "Amina Staff")
    {
        var activity = Envelope("message", serviceUrl, id, conversation, tenant ?? "tenant-1", conversationType);
        activity["timestamp"] = DateTimeOffset.UtcNow;
        activity["from"]!["name"] = name;
        if (aadObjectId is not null)
        {
            activity["from"]!["aadObjectId"] = aadObjectId;
            activity["from"]!["id"] = "29:" + aadObjectId;
        }
        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["locale"] = "en-US";
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["platform"] = "Web" });
        return activity.ToJsonString();
    }

    public static string MembersAdded(string serviceUrl, string conversation = "a:1on1-conversation", string conversationType = "personal",
        string? aadObjectId = null, string? name = null, string tenant = "tenant-1")
    {
        var activity = Envelope("conversationUpdate", serviceUrl, conversation: conversation, conversationType: conversationType, tenant: tenant);
        if (aadObjectId is not null)
        {
            activity["from"]!["aadObjectId"] = aadObjectId;
            activity["from"]!["id"] = "29:" + aadObjectId;
            activity["from"]!["name"] = name;
        }
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:ethicsbot" });
        return activity.ToJsonString();
    }

    public static string CardAction(string serviceUrl, string verb, object data, string? id = null, string? aadObjectId = null,
        string conversation = "a:1on1-conversation", string conversationType = "personal", string? name = null, string tenant = "tenant-1")
    {
        var activity = Envelope("invoke", serviceUrl, id, conversation, tenant, conversationType);
        if (aadObjectId is not null)
            activity["from"]!["aadObjectId"] = aadObjectId;
        if (name is not null)
            activity["from"]!["name"] = name;
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "activity-1";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = JsonSerializer.SerializeToNode(data) },
            ["trigger"] = "manual",
        };
        return activity.ToJsonString();
    }

    /// <summary>What every activity from Teams carries: where it comes from, the conversation, the tenant.</summary>
    private static JsonObject Envelope(string type, string serviceUrl, string? id = null, string conversation = "a:1on1-conversation", string tenant = "tenant-1", string conversationType = "personal") => new()
    {
        ["type"] = type,
        ["id"] = id ?? Guid.NewGuid().ToString("N"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:user-1", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000a1" },
        ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = conversationType, ["tenantId"] = tenant },
        ["recipient"] = new JsonObject { ["id"] = "28:ethicsbot", ["name"] = "EthicsBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
    };
}
