using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// Turns a request body into an activity the bot can work on, or a sentence in our own words that names what is
/// wrong and where: never the serializer's message, a .NET type name or a stack trace.
/// </summary>
public static partial class ActivityReader
{
    /// <summary>The activity, or why it cannot be taken (a 400's detail).</summary>
    public static (Activity? Activity, string? Problem) Read(ReadOnlyMemory<byte> body, ServiceUrlPolicy serviceUrls)
    {
        ArgumentNullException.ThrowIfNull(serviceUrls);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = ProtocolJson.Options.MaxDepth });
        }
        catch (JsonException e)
        {
            return (null, $"The body is not a valid activity: it is not well-formed JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}), or nests deeper than {ProtocolJson.Options.MaxDepth} levels.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
                return (null, "The body is not a valid activity: it is null.");
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, "The body is not a valid activity: a JSON object was expected.");
            Activity? activity;
            try
            {
                activity = document.RootElement.Deserialize<Activity>(ProtocolJson.Options);
            }
            catch (JsonException e)
            {
                return (null, DescribeField(e.Path));
            }
            return activity is null ? (null, "The body is not a valid activity: it is null.") : (activity, Check(activity, serviceUrls));
        }
    }

    /// <summary>The longest id taken: Teams' conversation and message ids are a few hundred characters at most.</summary>
    public const int MaxIdLength = 1024;

    /// <summary>What the bot needs of every activity, and of the sender of a message or an invoke.</summary>
    private static string? Check(Activity activity, ServiceUrlPolicy serviceUrls)
    {
        // Ids go into the connector's URLs: one with control characters or of any length would only fail there.
        foreach (var (name, id) in new[] { ("id", activity.Id), ("conversation.id", activity.Conversation?.Id), ("replyToId", activity.ReplyToId),
                     ("from.id", activity.From?.Id), ("recipient.id", activity.Recipient?.Id), ("channelId", activity.ChannelId) })
            if (id is not null && (id.Length > MaxIdLength || id.Any(char.IsControl)))
                return $"The activity's '{name}' is not an id: longer than {MaxIdLength} characters, or with control characters.";
        if (string.IsNullOrWhiteSpace(activity.Type))
            return "The activity has no type.";
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
            return "The activity has no serviceUrl.";
        if (serviceUrls.Refusal(activity.ServiceUrl) is { } refusal)
            return refusal;
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            return "The activity has no conversation id.";
        if (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke && string.IsNullOrWhiteSpace(activity.From?.Id))
            return $"A {activity.Type} activity needs its sender: 'from.id' is missing.";
        if (MissingMember(activity.MembersAdded) is { } added)
            return $"'membersAdded[{added}]' is not a member with an id.";
        if (MissingMember(activity.MembersRemoved) is { } removed)
            return $"'membersRemoved[{removed}]' is not a member with an id.";
        return null;
    }

    private static int? MissingMember(IList<ChannelAccount>? members)
    {
        for (var i = 0; members is not null && i < members.Count; i++)
            if (string.IsNullOrWhiteSpace(members[i]?.Id))
                return i;
        return null;
    }

    /// <summary>"The field 'from' must be an object", from a JSON path such as <c>$.from</c> or <c>$.membersAdded[0].id</c>.</summary>
    public static string DescribeField(string? path)
    {
        var field = FieldName(path);
        if (field.Length == 0)
            return "The body is not a valid activity: a field has a value of the wrong kind.";
        var expected = ExpectedKind(path!);
        return expected is null
            ? $"The activity's field '{field}' has a value of the wrong kind."
            : $"The activity's field '{field}' must be {expected}.";
    }

    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>Follows the path through the activity's model to the kind of value expected there.</summary>
    private static string? ExpectedKind(string path)
    {
        var type = typeof(Activity);
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
            }
            else
            {
                var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            }
            if (type is null)
                return null;
        }
        return Kind(Nullable.GetUnderlyingType(type) ?? type);
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string? Kind(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time (ISO 8601)",
        _ when type.IsPrimitive || type == typeof(decimal) => "a number",
        _ when type == typeof(JsonElement) => null,
        _ when type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) => "an array",
        _ when type.IsClass => "an object",
        _ => null,
    };

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
