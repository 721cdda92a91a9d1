using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

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

    /// <summary>When an answer offers this form (null: only when asked for by name or keyword).</summary>
    [JsonPropertyName("offer")] public FormOfferRule? Offer { get; set; }

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

    /// <summary>The form in other languages (<see cref="FormTexts"/>), by ISO 639-1 code; set by the loader.</summary>
    [JsonIgnore] public IReadOnlyDictionary<string, FormDefinition> Translations { get; set; } = new Dictionary<string, FormDefinition>(StringComparer.Ordinal);

    /// <summary>The form in <paramref name="language"/> when there are its words for it; otherwise this (English) one.</summary>
    public FormDefinition InLanguage(string? language) =>
        language is not null && Translations.TryGetValue(language, out var translated) ? translated : this;

    /// <summary>What happens next for a disclosure with these answers (field id → stored value).</summary>
    public string WhatNextFor(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return WhatNextRules.FirstOrDefault(r => values.TryGetValue(r.Field, out var v) && r.In.Contains(v, StringComparer.Ordinal))?.Text ?? WhatNext;
    }
}
