using System.Text.Json.Serialization;

namespace EthicsBot.Disclosures;

/// <summary>
/// A disclosure form, read from <c>knowledge/forms/&lt;org&gt;/&lt;id&gt;.json</c>: its steps, fields, validation and the
/// Code clauses that guide each field. An ethics office changes a form by editing that file; no code changes.
/// </summary>
public sealed class FormDefinition
{
    /// <summary>The form id (<c>gift</c>, <c>conflict</c>, <c>outside</c>, <c>acknowledgement</c>); the file name.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    /// <summary>The organisation whose folder the form is in (set by the loader).</summary>
    [JsonIgnore] public string Organization { get; set; } = "";

    /// <summary>Shown as the card title, e.g. "Declare a gift, hospitality, honour or award".</summary>
    [JsonPropertyName("title")] public string Title { get; set; } = "";

    /// <summary>A short noun for messages: "gift declaration".</summary>
    [JsonPropertyName("noun")] public string Noun { get; set; } = "";

    /// <summary>Reference numbers look like <c>GIFT-2026-000042</c>: this prefix, the year, a sequence.</summary>
    [JsonPropertyName("referencePrefix")] public string ReferencePrefix { get; set; } = "";

    /// <summary>Words that, with "declare"/"disclose"/…, start this form from a message ("declare a gift").</summary>
    [JsonPropertyName("keywords")] public List<string> Keywords { get; set; } = [];

    [JsonPropertyName("intro")] public string Intro { get; set; } = "";

    /// <summary>The clauses the form rests on, listed on its first card.</summary>
    [JsonPropertyName("clauses")] public List<string> Clauses { get; set; } = [];

    [JsonPropertyName("steps")] public List<FormStep> Steps { get; set; } = [];

    /// <summary>What happens after submitting, shown with the reference number.</summary>
    [JsonPropertyName("whatNext")] public string WhatNext { get; set; } = "";

    /// <summary>
    /// What happens next when the answers call for another rule of the Code (IOM 5.49's approval rather than 5.50's
    /// minor gift): the first rule whose field has one of its values wins; otherwise <see cref="WhatNext"/>.
    /// </summary>
    [JsonPropertyName("whatNextRules")] public List<WhatNextRule> WhatNextRules { get; set; } = [];

    public IEnumerable<FormField> Fields => Steps.SelectMany(s => s.Fields);

    /// <summary>What happens next for a disclosure with these answers (field id → stored value).</summary>
    public string WhatNextFor(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return WhatNextRules.FirstOrDefault(r => values.TryGetValue(r.Field, out var v) && r.In.Contains(v, StringComparer.Ordinal))?.Text ?? WhatNext;
    }
}

/// <summary>"When field is one of these values, this is what happens next."</summary>
public sealed class WhatNextRule
{
    [JsonPropertyName("field")] public string Field { get; set; } = "";
    [JsonPropertyName("in")] public List<string> In { get; set; } = [];
    [JsonPropertyName("text")] public string Text { get; set; } = "";
}

/// <summary>One card of a form.</summary>
public sealed class FormStep
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("intro")] public string? Intro { get; set; }
    [JsonPropertyName("fields")] public List<FormField> Fields { get; set; } = [];
}

/// <summary>The kinds of input a form field can be.</summary>
public static class FieldTypes
{
    public const string Text = "text";
    public const string LongText = "longtext";
    public const string Choice = "choice";
    public const string Number = "number";
    public const string Date = "date";
    /// <summary>A check box that must be ticked when required ("I have read the Code").</summary>
    public const string Confirm = "confirm";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Text, LongText, Choice, Number, Date, Confirm };
}

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

public sealed class FormChoice
{
    [JsonPropertyName("value")] public string Value { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
}

/// <summary>Guidance from the Code shown under a field: the clause, and a short text (the clause's first sentence when empty).</summary>
public sealed class FieldGuidance
{
    [JsonPropertyName("clause")] public string Clause { get; set; } = "";
    [JsonPropertyName("text")] public string? Text { get; set; }
}

/// <summary>
/// When <see cref="Pattern"/> matches the question, the field gets <see cref="Value"/>, or the text of the match's
/// group named <c>value</c>. The first rule that matches wins.
/// </summary>
public sealed class PrefillRule
{
    [JsonPropertyName("pattern")] public string Pattern { get; set; } = "";
    [JsonPropertyName("value")] public string? Value { get; set; }
}
