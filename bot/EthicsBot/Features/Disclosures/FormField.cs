using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>One input: its type, bounds, the Code guidance beside it and how to pre-fill it from a question.</summary>
public sealed class FormField
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("label")] public string Label { get; set; } = "";
    [JsonPropertyName("type")] public string Type { get; set; } = FieldTypes.Text;
    [JsonPropertyName("required")] public bool Required { get; set; }
    [JsonPropertyName("placeholder")] public string? Placeholder { get; set; }
    [JsonPropertyName("choices")] public List<FormChoice> Choices { get; set; } = [];

    /// <summary>Longest text accepted; defaults to 200 (text) and 2000 (longtext).</summary>
    [JsonPropertyName("maxLength")] public int? MaxLength { get; set; }

    [JsonPropertyName("min")] public decimal? Min { get; set; }
    [JsonPropertyName("max")] public decimal? Max { get; set; }

    /// <summary>A regular expression the whole text must match, and the message when it does not.</summary>
    [JsonPropertyName("pattern")] public string? Pattern { get; set; }
    [JsonPropertyName("patternMessage")] public string? PatternMessage { get; set; }

    /// <summary>Stores the text in upper case (currency codes).</summary>
    [JsonPropertyName("uppercase")] public bool Uppercase { get; set; }

    /// <summary>A date that cannot be later than today (when something happened).</summary>
    [JsonPropertyName("notInFuture")] public bool NotInFuture { get; set; }

    /// <summary>A date no older than this many days.</summary>
    [JsonPropertyName("maxAgeDays")] public int? MaxAgeDays { get; set; }

    [JsonPropertyName("guidance")] public FieldGuidance? Guidance { get; set; }

    /// <summary>Rules that pre-fill the field from the question that started the form.</summary>
    [JsonPropertyName("prefill")] public List<PrefillRule> Prefill { get; set; } = [];

    public const int DefaultTextLength = 200;
    public const int DefaultLongTextLength = 2000;

    public int EffectiveMaxLength => MaxLength ?? (Type == FieldTypes.LongText ? DefaultLongTextLength : DefaultTextLength);
}
