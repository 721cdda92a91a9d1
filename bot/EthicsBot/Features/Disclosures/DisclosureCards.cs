using EthicsBot.Shared.Cards;
using System.Globalization;
using EthicsBot.Shared.Cards.Elements;
using static EthicsBot.Shared.Cards.CardBuilder;
using EthicsBot.Shared.Localization;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Disclosures;

/// <summary>The cards of the disclosure dialogs, for the discloser and for the ethics office.</summary>
public static class DisclosureCards
{
    public static class Verbs
    {
        /// <summary>"Declare a gift" under an answer (data: type, org, question).</summary>
        public const string Start = "startDisclosure";
        /// <summary>A button on a form card (data: dialog, org, step, op and the inputs).</summary>
        public const string Dialog = "disclosure";
        public const string MyDisclosures = "myDisclosures";
        /// <summary>An ethics office member acknowledges, approves or declines (data: org, id, decision, comment).</summary>
        public const string Decide = "disclosureDecision";
        /// <summary>Teams asks for the office card as it now stands (Universal Actions refresh).</summary>
        public const string Refresh = "disclosureRefresh";
    }

    /// <summary>Longest comment an ethics office member can add to a decision.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>"IOM 5.50" for <c>iom-5.50</c>.</summary>
    public static string ClauseName(string clauseId)
    {
        ArgumentNullException.ThrowIfNull(clauseId);
        var dash = clauseId.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? clauseId : $"{clauseId[..dash].ToUpperInvariant()} {clauseId[(dash + 1)..]}";
    }

    /// <summary>One step of a form: labelled inputs, Code guidance under the field it concerns, problems beside their field.</summary>
    public static AdaptiveCard Step(FormDefinition form, DialogState state, DateOnly today, IReadOnlyDictionary<string, string>? errors, IReadOnlyDictionary<string, string>? typed, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(state);
        // The form in the dialog's language (its words; its fields and rules are the same), the card's text too.
        form = form.InLanguage(state.Language);
        var t = CardLanguages.Default.For(state.Language);
        var step = form.Steps[state.Step];
        List<AdaptiveElement> body =
        [
            Text(form.Title, size: "Medium", weight: "Bolder"),
            Text(t["DisclosureStepOf", state.Step + 1, form.Steps.Count + 1, step.Title], subtle: true, spacing: "None"),
        ];
        if (note is not null)
            body.Add(Text(note, color: "Accent"));
        if (state.Step == 0)
        {
            if (!string.IsNullOrWhiteSpace(form.Intro))
                body.Add(Text(form.Intro));
            if (form.Clauses.Count > 0)
                body.Add(Text(t["DisclosureBasedOn", string.Join(", ", form.Clauses.Select(ClauseName))], subtle: true, spacing: "Small"));
        }
        if (!string.IsNullOrWhiteSpace(step.Intro))
            body.Add(Text(step.Intro));
        if (errors is { Count: > 0 })
            body.Add(Text(errors.Count == 1 ? t["DisclosureCorrectOne"] : t["DisclosureCorrectMany", errors.Count], weight: "Bolder", color: "Attention"));

        foreach (var field in step.Fields)
        {
            var value = typed?.GetValueOrDefault(field.Id) ?? state.Values.GetValueOrDefault(field.Id);
            body.Add(Input(field, value, today, t));
            if (field.Guidance is { } guidance)
                body.Add(Text($"{ClauseName(guidance.Clause)}: {guidance.Text}", subtle: true, spacing: "Small", size: "Small"));
            if (errors?.GetValueOrDefault(field.Id) is { } error)
                body.Add(Text($"⚠ {error}", color: "Attention", spacing: "Small", weight: "Bolder"));
        }

        var last = state.Step == form.Steps.Count - 1;
        List<AdaptiveAction> actions = [Execute(t[last ? "DisclosureReview" : "DisclosureNext"], Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Next), style: "positive")];
        if (state.Step > 0)
            actions.Add(WithoutInputs(Execute(t["DisclosureBack"], Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Back))));
        actions.Add(WithoutInputs(Execute(t["DisclosureCancel"], Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Cancel), style: "destructive")));
        return t.Directed(Card(body, actions));
    }

    /// <summary>The last step: everything as it will be submitted, to confirm.</summary>
    public static AdaptiveCard Summary(FormDefinition form, DialogState state, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(state);
        form = form.InLanguage(state.Language);
        var t = CardLanguages.Default.For(state.Language);
        List<AdaptiveElement> body =
        [
            Text(form.Title, size: "Medium", weight: "Bolder"),
            Text(t["DisclosureStepOf", form.Steps.Count + 1, form.Steps.Count + 1, t["DisclosureCheckAndSubmit"]], subtle: true, spacing: "None"),
        ];
        if (note is not null)
            body.Add(Text(note, color: "Accent"));
        body.Add(Facts([.. form.Fields.Select(f => (f.Label, TypedText.Escape(FieldValues.Display(f, state.Values.GetValueOrDefault(f.Id), t))))]));
        body.Add(Text(t["DisclosureWhenYouSubmit"], subtle: true, spacing: "Medium"));
        return t.Directed(Card(body,
        [
            Execute(t["DisclosureSubmit"], Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Submit), style: "positive"),
            WithoutInputs(Execute(t["DisclosureBack"], Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Back))),
            WithoutInputs(Execute(t["DisclosureCancel"], Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Cancel), style: "destructive")),
        ]));
    }

    /// <summary>After submitting: the reference number and what happens next. Shown again, unchanged, on a repeated submit.</summary>
    public static AdaptiveCard Submitted(Disclosure disclosure, FormDefinition? form)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        form = form?.InLanguage(disclosure.Language);
        var t = CardLanguages.Default.For(disclosure.Language);
        List<AdaptiveElement> body =
        [
            Text(t["DisclosureSubmittedTitle", form is null ? disclosure.Name : $"{Capitalise(form.Noun)} {disclosure.Reference}"], size: "Medium", weight: "Bolder", color: "Good"),
            Text(t["DisclosureReference", disclosure.Reference], size: "Large"),
            Facts((t["DisclosureSubmittedLabel"], At(disclosure.Submitted, t)), (t["DisclosureStatusLabel"], Status(disclosure.Status, t))),
        ];
        var next = form?.WhatNextFor(disclosure.Answers.ToDictionary(a => a.Field, a => a.Value, StringComparer.Ordinal));
        if (!string.IsNullOrWhiteSpace(next))
            body.Add(Text(t["DisclosureWhatNext", next], spacing: "Medium"));
        body.Add(Text(t["DisclosureDecisionComes"], subtle: true));
        return t.Directed(Card(body, [Execute(t["DisclosureMyDisclosures"], Verbs.MyDisclosures, new MyDisclosuresData { Org = disclosure.Organization })]));
    }

    public static AdaptiveCard Cancelled(FormDefinition form, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var t = CardLanguages.Default.For(language);
        return t.Directed(Card(
        [
            Text(t["DisclosureCancelledTitle", form.InLanguage(language).Title], size: "Medium", weight: "Bolder"),
            Text(t["DisclosureNothingKept"]),
        ]));
    }

    /// <summary>A status as the discloser reads it, in their language (the office's cards keep <see cref="DisclosureStatus.Describe"/>).</summary>
    private static string Status(string status, JsonStringLocalizer t) => status switch
    {
        DisclosureStatus.Submitted => t["StatusSubmitted"],
        DisclosureStatus.Acknowledged => t["StatusAcknowledged"],
        DisclosureStatus.Approved => t["StatusApproved"],
        DisclosureStatus.Declined => t["StatusDeclined"],
        _ => DisclosureStatus.Describe(status),
    };

    /// <summary>"my disclosures": the person's own, newest first, with status and the office's comment.</summary>
    public static AdaptiveCard List(IReadOnlyList<Disclosure> disclosures, string? inProgress, OrganizationProfile organization, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(disclosures);
        ArgumentNullException.ThrowIfNull(organization);
        const int shown = 20;
        var t = CardLanguages.Default.For(language);
        List<AdaptiveElement> body = [Text(disclosures.Count == 0 ? t["DisclosureNone"] : t["DisclosureYours", disclosures.Count], size: "Medium", weight: "Bolder")];
        foreach (var d in disclosures.Take(shown))
        {
            List<AdaptiveElement> items =
            [
                Text($"**{d.Reference}** · {Capitalise(d.Noun)}"),
                Text(t["DisclosureSubmittedOn", At(d.Submitted, t), Status(d.Status, t)], subtle: true, spacing: "None"),
            ];
            if (d.Decisions.Count > 0 && d.Decisions[^1] is { Comment.Length: > 0 } last)
                items.Add(Text($"{organization.EthicsOffice.Name}: “{TypedText.Escape(last.Comment)}”", italic: true, spacing: "Small"));
            body.Add(Container(items, separator: true));
        }
        if (disclosures.Count > shown)
            body.Add(Text(t["DisclosureOlder", disclosures.Count - shown, organization.EthicsOffice.Name], subtle: true));
        if (inProgress is not null)
            body.Add(Text(t["DisclosureInProgress", inProgress], spacing: "Medium"));
        return t.Directed(Card(body));
    }

    /// <summary>
    /// The card in the ethics office conversation. Members get the comment box and the decisions; anyone else the
    /// same facts without buttons. Teams asks for it again (refresh) so each viewer sees the current state.
    /// </summary>
    public static AdaptiveCard Office(Disclosure disclosure, OrganizationProfile organization, bool forMember, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(organization);
        var final = DisclosureStatus.IsFinal(disclosure.Status);
        List<AdaptiveElement> body =
        [
            Text(disclosure.Name, size: "Medium", weight: "Bolder"),
            Facts([("From", TypedText.Escape(disclosure.Discloser.Name)), ("Submitted", At(disclosure.Submitted)), ("Status", DisclosureStatus.Describe(disclosure.Status)),
                .. disclosure.Language is null ? [] : new[] { ("Written in", CardLanguages.Default.For(disclosure.Language)["EnglishName"].Value) }]),
            Container([Facts([.. disclosure.Answers.Select(a => (a.Label, TypedText.Escape(Clip(a.Display, 600))))])], style: "emphasis", separator: true),
        ];
        if (note is not null)
            body.Insert(1, Text(note, color: "Attention"));
        foreach (var decision in disclosure.Decisions)
            body.Add(Text($"{Capitalise(decision.Status)} by {TypedText.Escape(decision.ByName)}, {At(decision.At)}" + (decision.Comment.Length > 0 ? $": “{TypedText.Escape(decision.Comment)}”" : ""), subtle: true, spacing: "Small"));

        List<AdaptiveAction> actions = [];
        if (forMember && !final)
        {
            body.Add(new InputText { Id = "comment", Label = "Comment for the staff member (required to decline)", IsMultiline = true, MaxLength = MaxCommentLength });
            foreach (var decision in DisclosureRules.Open(disclosure.Status))
                actions.Add(Execute(DecisionButton(decision), Verbs.Decide, Decision(disclosure, decision), style: DecisionStyle(decision)));
        }
        var refresh = new CardRefresh(new ActionExecute(Verbs.Refresh, new DisclosureKeyData { Org = disclosure.Organization, Id = disclosure.Id }));
        return Card(body, actions) with { Refresh = final ? null : refresh };
    }

    /// <summary>What someone outside the ethics office sees of an office card.</summary>
    public static AdaptiveCard MembersOnly(OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return Card(
        [
            Text("Disclosure", size: "Medium", weight: "Bolder"),
            Text($"Disclosures are visible to members of the {organization.EthicsOffice.Name} only."),
        ]);
    }

    /// <summary>The title of a decision's button (<see cref="DisclosureRules.Open"/>); the desk's buttons say the same.</summary>
    public static string DecisionButton(string decision) => decision switch
    {
        DisclosureStatus.Acknowledged => "Acknowledge",
        DisclosureStatus.Approved => "Approve",
        _ => "Decline",
    };

    /// <summary>The style of a decision's button: approving positive, declining destructive, acknowledging plain.</summary>
    public static string? DecisionStyle(string decision) => decision switch
    {
        DisclosureStatus.Approved => "positive",
        DisclosureStatus.Declined => "destructive",
        _ => null,
    };

    private static DisclosureDecisionData Decision(Disclosure disclosure, string decision) =>
        new() { Org = disclosure.Organization, Id = disclosure.Id, Decision = decision };

    private static DisclosureStepData Control(DialogState state, string op) => new()
    {
        Dialog = state.DialogId,
        Org = state.Organization,
        Step = state.Step.ToString(CultureInfo.InvariantCulture),
        Op = op,
    };

    /// <summary>The message Teams shows when the input fails its own checks, naming each of them; null when it makes none.</summary>
    private static string? ClientCheckMessage(FormField field, JsonStringLocalizer t) => field.Type switch
    {
        FieldTypes.Confirm => field.Required ? t["FieldTickToConfirm"].Value : null,
        FieldTypes.Date when field.NotInFuture => field.Required ? t["FieldRequiredNotFuture", field.Label].Value : t["FieldNotFuture", field.Label].Value,
        _ => field.Required ? t["FieldRequired", field.Label].Value : null,
    };

    /// <summary>What a number field's empty input says it expects, when the form file gives no placeholder.</summary>
    private static string NumberPlaceholder(FormField field, JsonStringLocalizer t) => field.Max is { } max
        ? t["FieldNumberRange", (field.Min ?? 0).ToString(CultureInfo.InvariantCulture), max.ToString("#,0.##", CultureInfo.InvariantCulture)]
        : t["FieldNumberFrom", (field.Min ?? 0).ToString(CultureInfo.InvariantCulture)];

    /// <summary>Back and cancel send no inputs, so the client does not insist on required fields first.</summary>
    private static ActionExecute WithoutInputs(ActionExecute action) => action with { AssociatedInputs = "none" };

    /// <summary>Up to this many choices show as radio buttons, every one readable at once; more fold into a dropdown.</summary>
    private const int MaxRadioChoices = 6;

    /// <summary>
    /// A field's input. Numbers and text are plain text inputs with no range or length of their own: clients clamp an
    /// Input.Number to its min (-5 became 0), drop what it cannot parse ("1,200") and cut a text at its maxLength
    /// ("dollars" became "dol"), each silently. What was typed reaches the server whole, which reads it or says, beside
    /// the field, what it expects (<see cref="FieldValues"/>).
    /// </summary>
    private static AdaptiveInput Input(FormField field, string? value, DateOnly today, JsonStringLocalizer t)
    {
        var given = string.IsNullOrEmpty(value) ? null : value;
        var placeholder = field.Placeholder;
        AdaptiveInput input = field.Type switch
        {
            FieldTypes.Choice => new InputChoiceSet([.. field.Choices.Select(c => new Choice(c.Title, c.Value))])
            {
                Style = field.Choices.Count <= MaxRadioChoices ? "expanded" : "compact",
                Value = given,
            },
            FieldTypes.Number => new InputText
            {
                Placeholder = placeholder ?? NumberPlaceholder(field, t),
                Value = given,
            },
            FieldTypes.Date => new InputDate
            {
                Max = field.NotInFuture ? today.AddDays(1).ToString(FieldValues.DateFormat, CultureInfo.InvariantCulture) : null,
                Placeholder = placeholder,
                Value = given,
            },
            FieldTypes.Confirm => new InputToggle(field.Label) { Value = given },
            _ => new InputText
            {
                IsMultiline = Flag(field.Type == FieldTypes.LongText),
                Placeholder = placeholder,
                Value = given,
            },
        };
        // Teams shows one message for every check it makes on the input (required, min, max): it says them all.
        return input with { Id = field.Id, Label = field.Label, IsRequired = Flag(field.Required), ErrorMessage = ClientCheckMessage(field, t) };
    }

    private static string At(DateTimeOffset at, JsonStringLocalizer? t = null) =>
        at.UtcDateTime.ToString(t is null || t.Language == "en" ? "d MMM yyyy, HH:mm 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Capitalise(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
