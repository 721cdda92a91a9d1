using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// A form's words in another language (<c>knowledge/forms/&lt;org&gt;/&lt;lang&gt;/&lt;form&gt;.json</c>): its title,
/// steps, labels, choices, guidance and what happens next, keyed by the English form's ids. Only words: the fields,
/// bounds, choices' values, rules and clauses stay the English form's, so an answer means the same in any language. A
/// text left out shows in English; an id the form does not have stops the bot, naming the file.
/// </summary>
public sealed class FormTexts
{
    /// <summary>Longest button title, as for the English form.</summary>
    public const int MaxButton = 40;

    /// <summary>A form's button title fits: not blank, at most <see cref="MaxButton"/> characters (the English form's and each language's).</summary>
    public static bool ButtonFits(string? button) => !string.IsNullOrWhiteSpace(button) && button.Length <= MaxButton;

    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("noun")] public string? Noun { get; set; }
    [JsonPropertyName("button")] public string? Button { get; set; }
    [JsonPropertyName("intro")] public string? Intro { get; set; }
    [JsonPropertyName("steps")] public Dictionary<string, string> Steps { get; set; } = [];
    [JsonPropertyName("fields")] public Dictionary<string, FieldTexts> Fields { get; set; } = [];
    [JsonPropertyName("whatNext")] public string? WhatNext { get; set; }
    [JsonPropertyName("whatNextRules")] public List<string> WhatNextRules { get; set; } = [];

    public sealed class FieldTexts
    {
        [JsonPropertyName("label")] public string? Label { get; set; }
        [JsonPropertyName("placeholder")] public string? Placeholder { get; set; }
        [JsonPropertyName("patternMessage")] public string? PatternMessage { get; set; }
        [JsonPropertyName("guidance")] public string? Guidance { get; set; }
        [JsonPropertyName("choices")] public Dictionary<string, string> Choices { get; set; } = [];

        public void ApplyTo(FormField field, Action<string> fail)
        {
            ArgumentNullException.ThrowIfNull(field);
            ArgumentNullException.ThrowIfNull(fail);
            field.Label = Label ?? field.Label;
            field.Placeholder = Placeholder ?? field.Placeholder;
            field.PatternMessage = PatternMessage ?? field.PatternMessage;
            if (Guidance is not null && field.Guidance is { } guidance)
                guidance.Text = Guidance;
            foreach (var (value, title) in Choices)
            {
                if (field.Choices.Find(c => c.Value == value) is { } choice)
                    choice.Title = title;
                else
                    fail($"field '{field.Id}' has no choice '{value}'.");
            }
        }
    }

    /// <summary>The English form in these words: a copy, so the English one is untouched.</summary>
    public FormDefinition Apply(FormDefinition english, string file)
    {
        ArgumentNullException.ThrowIfNull(english);
        void Fail(string problem) => throw new FormDefinitionException($"{file}: {problem}");
        var form = JsonSerializer.Deserialize<FormDefinition>(JsonSerializer.Serialize(english))!;
        form.Organization = english.Organization;
        // A copy to show: the rules are read from the English form (offers, pre-fill), whose compiled patterns the catalog
        // keys by those objects; the pre-fill rules are shared all the same, a field's pattern is registered by the catalog.
        foreach (var (field, own) in form.Fields.Zip(english.Fields))
            field.Prefill = own.Prefill;
        (form.Title, form.Noun, form.Intro, form.WhatNext) = (Title ?? form.Title, Noun ?? form.Noun, Intro ?? form.Intro, WhatNext ?? form.WhatNext);
        if (form.Offer is { } offer && Button is not null)
            offer.Button = Button;
        foreach (var (id, title) in Steps)
            (form.Steps.Find(s => s.Id == id) ?? throw new FormDefinitionException($"{file}: the form has no step '{id}'.")).Title = title;
        foreach (var (id, texts) in Fields)
            texts.ApplyTo(form.Fields.FirstOrDefault(f => f.Id == id) ?? throw new FormDefinitionException($"{file}: the form has no field '{id}'."), Fail);
        if (WhatNextRules.Count > form.WhatNextRules.Count)
            Fail($"{WhatNextRules.Count} texts for {form.WhatNextRules.Count} 'whatNextRules'.");
        for (var i = 0; i < WhatNextRules.Count; i++)
            form.WhatNextRules[i].Text = WhatNextRules[i];
        // What the English form must have, its words must have too (FormCatalog's checks).
        if (form.Offer is { } o && !ButtonFits(o.Button))
            Fail($"'button' must be 1 to {MaxButton} characters.");
        if (string.IsNullOrWhiteSpace(form.Title) || form.Steps.Any(s => string.IsNullOrWhiteSpace(s.Title)) || form.Fields.Any(f => string.IsNullOrWhiteSpace(f.Label)))
            Fail("a title or label is empty.");
        return form;
    }
}
