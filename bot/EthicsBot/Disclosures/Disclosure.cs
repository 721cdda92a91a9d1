using System.Text.Json.Serialization;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Disclosures;

/// <summary>Who is making a disclosure: the Teams user in a conversation, and where to tell them about it later.</summary>
public sealed record Discloser(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("conversation")] ConversationReference Conversation)
{
    /// <summary>The conversation the dialog runs in; with <see cref="UserId"/> the key of its state.</summary>
    [JsonIgnore] public string ConversationId => Conversation.Conversation?.Id ?? "";
}

/// <summary>
/// A disclosure being filled in: which form, which step, what was typed so far. Kept per conversation and user
/// until it is submitted, cancelled or left idle too long.
/// </summary>
public sealed record DialogState
{
    /// <summary>A new id per dialog; it becomes the disclosure's id, which makes submitting idempotent.</summary>
    [JsonPropertyName("dialogId")] public required string DialogId { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("form")] public required string FormId { get; init; }
    /// <summary>0 to steps − 1: a step of the form; steps: the summary to confirm.</summary>
    [JsonPropertyName("step")] public int Step { get; init; }
    [JsonPropertyName("values")] public Dictionary<string, string> Values { get; init; } = [];
    [JsonPropertyName("discloser")] public required Discloser Discloser { get; init; }
    [JsonPropertyName("started")] public DateTimeOffset Started { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset Updated { get; init; }
}

/// <summary>Where a disclosure stands with the ethics office.</summary>
public static class DisclosureStatus
{
    public const string Submitted = "submitted";
    public const string Acknowledged = "acknowledged";
    public const string Approved = "approved";
    public const string Declined = "declined";

    public static bool IsFinal(string status) => status is Approved or Declined;

    public static string Describe(string status) => status switch
    {
        Submitted => "Submitted, waiting for the ethics office",
        Acknowledged => "Acknowledged by the ethics office",
        Approved => "Approved",
        Declined => "Declined",
        _ => status,
    };
}

/// <summary>One answer of a submitted disclosure, kept as the discloser saw it (the form file may change later).</summary>
public sealed record DisclosureAnswer(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("display")] string Display);

/// <summary>What the ethics office decided, by whom and when.</summary>
public sealed record DisclosureDecision(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("byId")] string ById,
    [property: JsonPropertyName("byName")] string ByName,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("comment")] string Comment);

/// <summary>A submitted disclosure.</summary>
public sealed record Disclosure
{
    /// <summary>The dialog id it was submitted from.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("form")] public required string FormId { get; init; }
    [JsonPropertyName("formTitle")] public required string FormTitle { get; init; }
    /// <summary>What the disclosure is called in a sentence: "gift declaration".</summary>
    [JsonPropertyName("noun")] public string Noun { get; init; } = "disclosure";
    /// <summary>Given by the store on the first submit, e.g. <c>GIFT-2026-000042</c>.</summary>
    [JsonPropertyName("reference")] public string Reference { get; init; } = "";
    [JsonPropertyName("referencePrefix")] public required string ReferencePrefix { get; init; }
    [JsonPropertyName("discloser")] public required Discloser Discloser { get; init; }
    [JsonPropertyName("answers")] public required IReadOnlyList<DisclosureAnswer> Answers { get; init; }
    [JsonPropertyName("submitted")] public DateTimeOffset Submitted { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = DisclosureStatus.Submitted;
    /// <summary>Every decision in order (acknowledged, then approved or declined).</summary>
    [JsonPropertyName("decisions")] public IReadOnlyList<DisclosureDecision> Decisions { get; init; } = [];
    /// <summary>The card posted to the ethics office conversation, once it was posted.</summary>
    [JsonPropertyName("officeActivityId")] public string? OfficeActivityId { get; init; }

    [JsonIgnore] public bool OfficeNotified => OfficeActivityId is not null;

    /// <summary>"Gift declaration GIFT-2026-000042".</summary>
    [JsonIgnore] public string Name => $"{char.ToUpperInvariant(Noun[0])}{Noun[1..]} {Reference}";
}
