using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>What the bot answers: its kind, the clauses it cites, and the short text shown first.</summary>
public sealed record Answer(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("clauses")] IReadOnlyList<CitedClause> Clauses,
    [property: JsonPropertyName("text")] string Text)
{
    public const string AnswerKind = "answer";
    public const string NotCoveredKind = "not_covered";
    public const string HandoffKind = "handoff";
    public const string SmallTalkKind = "smalltalk";

    /// <summary>The disclosure the question calls for (<c>gift</c>, <c>conflict</c>, <c>outside</c>), if any.</summary>
    [JsonPropertyName("disclosure")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Disclosure { get; init; }

    /// <summary>The button that starts that disclosure ("Declare a gift"), from the form file.</summary>
    [JsonPropertyName("disclosure_button")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisclosureButton { get; init; }

    /// <summary>The short answer a language model wrote from the clauses (checked), when Azure OpenAI is configured.</summary>
    [JsonPropertyName("grounded")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GroundedText? Grounded { get; init; }

    /// <summary>Why the model's answer is not shown (timeout, throttling, outage, failed checks); the extractive one is.</summary>
    [JsonPropertyName("grounded_fallback")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroundedFallback { get; init; }

    /// <summary>
    /// The report screen was unsure (the middle band): the answer carries the handoff banner on top, and the message is
    /// treated as a report for privacy (no offer to pass it on, nothing of it kept, never sent to a language model).
    /// </summary>
    [JsonPropertyName("report_banner")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReportBanner { get; init; }

    /// <summary>The topic asked about that the organisation's Codes have no rule of their own on (the closest clauses are shown).</summary>
    [JsonPropertyName("no_rule_on")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoRuleOn { get; init; }

    /// <summary>The question was in this language and translated (by the language model) into English for the search.</summary>
    [JsonPropertyName("translated_from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TranslatedFrom { get; init; }

    /// <summary>The language of the question, answered from its own bank, and of the card's fixed text (null: English).</summary>
    [JsonPropertyName("language")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }

    /// <summary>The ethics office's published answer to this question, shown before the clauses.</summary>
    [JsonPropertyName("faq")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OfficeAnswer? Faq { get; init; }
}
