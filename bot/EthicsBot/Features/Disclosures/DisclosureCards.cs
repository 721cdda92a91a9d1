using System.Globalization;
using System.Text.Json.Nodes;
using static EthicsBot.Shared.Cards.CardBuilder;
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
    public static JsonObject Step(FormDefinition form, DialogState state, DateOnly today, IReadOnlyDictionary<string, string>? errors, IReadOnlyDictionary<string, string>? typed, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(state);
        var step = form.Steps[state.Step];
        var body = new JsonArray
        {
            Text(form.Title, size: "Medium", weight: "Bolder"),
            Text($"Step {state.Step + 1} of {form.Steps.Count + 1} · {step.Title}", subtle: true, spacing: "None"),
        };
        if (note is not null)
            body.Add(Text(note, color: "Accent"));
        if (state.Step == 0)
        {
            if (!string.IsNullOrWhiteSpace(form.Intro))
                body.Add(Text(form.Intro));
            if (form.Clauses.Count > 0)
                body.Add(Text($"Based on {string.Join(", ", form.Clauses.Select(ClauseName))} of the Code.", subtle: true, spacing: "Small"));
        }
        if (!string.IsNullOrWhiteSpace(step.Intro))
            body.Add(Text(step.Intro));
        if (errors is { Count: > 0 })
            body.Add(Text(errors.Count == 1 ? "Please correct the answer marked below." : $"Please correct the {errors.Count} answers marked below.", weight: "Bolder", color: "Attention"));

        foreach (var field in step.Fields)
        {
            var value = typed?.GetValueOrDefault(field.Id) ?? state.Values.GetValueOrDefault(field.Id);
            body.Add(Input(field, value, today));
            if (field.Guidance is { } guidance)
                body.Add(Text($"{ClauseName(guidance.Clause)}: {guidance.Text}", subtle: true, spacing: "Small", size: "Small"));
            if (errors?.GetValueOrDefault(field.Id) is { } error)
                body.Add(Text($"⚠ {error}", color: "Attention", spacing: "Small", weight: "Bolder"));
        }

        var last = state.Step == form.Steps.Count - 1;
        var actions = new JsonArray { Execute(last ? "Review" : "Next", Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Next), style: "positive") };
        if (state.Step > 0)
            actions.Add(WithoutInputs(Execute("Back", Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Back))));
        actions.Add(WithoutInputs(Execute("Cancel", Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Cancel), style: "destructive")));
        return Card(body, actions);
    }

    /// <summary>The last step: everything as it will be submitted, to confirm.</summary>
    public static JsonObject Summary(FormDefinition form, DialogState state, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(state);
        var body = new JsonArray
        {
            Text(form.Title, size: "Medium", weight: "Bolder"),
            Text($"Step {form.Steps.Count + 1} of {form.Steps.Count + 1} · Check and submit", subtle: true, spacing: "None"),
        };
        if (note is not null)
            body.Add(Text(note, color: "Accent"));
        body.Add(Facts([.. form.Fields.Select(f => (f.Label, FieldValues.Display(f, state.Values.GetValueOrDefault(f.Id))))]));
        body.Add(Text("When you submit, you get a reference number and the ethics office receives your disclosure. Use Back to change an answer.", subtle: true, spacing: "Medium"));
        return Card(body, new JsonArray
        {
            Execute("Submit", Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Submit), style: "positive"),
            WithoutInputs(Execute("Back", Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Back))),
            WithoutInputs(Execute("Cancel", Verbs.Dialog, Control(state, DisclosureDialogs.Ops.Cancel), style: "destructive")),
        });
    }

    /// <summary>After submitting: the reference number and what happens next. Shown again, unchanged, on a repeated submit.</summary>
    public static JsonObject Submitted(Disclosure disclosure, FormDefinition? form)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        var body = new JsonArray
        {
            Text($"{disclosure.Name} submitted", size: "Medium", weight: "Bolder", color: "Good"),
            Text($"Your reference number is **{disclosure.Reference}**.", size: "Large"),
            Facts(("Submitted", At(disclosure.Submitted)), ("Status", DisclosureStatus.Describe(disclosure.Status))),
        };
        var next = form?.WhatNextFor(disclosure.Answers.ToDictionary(a => a.Field, a => a.Value, StringComparer.Ordinal));
        if (!string.IsNullOrWhiteSpace(next))
            body.Add(Text($"**What happens next.** {next}", spacing: "Medium"));
        body.Add(Text("The decision will come to this chat. Type \"my disclosures\" at any time to see the status.", subtle: true));
        return Card(body, new JsonArray { Execute("My disclosures", Verbs.MyDisclosures, new JsonObject { ["org"] = disclosure.Organization }) });
    }

    public static JsonObject Cancelled(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Card(new JsonArray
        {
            Text($"{form.Title}: cancelled", size: "Medium", weight: "Bolder"),
            Text("Nothing was submitted, and what you had typed was not kept."),
        });
    }

    /// <summary>"my disclosures": the person's own, newest first, with status and the office's comment.</summary>
    public static JsonObject List(IReadOnlyList<Disclosure> disclosures, string? inProgress, OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(disclosures);
        ArgumentNullException.ThrowIfNull(organization);
        const int shown = 20;
        var body = new JsonArray { Text(disclosures.Count == 0 ? "You have not submitted any disclosures" : $"Your disclosures ({disclosures.Count})", size: "Medium", weight: "Bolder") };
        foreach (var d in disclosures.Take(shown))
        {
            var items = new JsonArray
            {
                Text($"**{d.Reference}** · {Capitalise(d.Noun)}"),
                Text($"Submitted {At(d.Submitted)} · {DisclosureStatus.Describe(d.Status)}", subtle: true, spacing: "None"),
            };
            if (d.Decisions.Count > 0 && d.Decisions[^1] is { Comment.Length: > 0 } last)
                items.Add(Text($"{organization.EthicsOffice.Name}: “{last.Comment}”", italic: true, spacing: "Small"));
            body.Add(Container(items, separator: true));
        }
        if (disclosures.Count > shown)
            body.Add(Text($"And {disclosures.Count - shown} older ones; ask the {organization.EthicsOffice.Name} for the full list.", subtle: true));
        if (inProgress is not null)
            body.Add(Text($"You also have a {inProgress} in progress: type \"continue my disclosure\".", spacing: "Medium"));
        return Card(body);
    }

    /// <summary>
    /// The card in the ethics office conversation. Members get the comment box and the decisions; anyone else the
    /// same facts without buttons. Teams asks for it again (refresh) so each viewer sees the current state.
    /// </summary>
    public static JsonObject Office(Disclosure disclosure, OrganizationProfile organization, bool forMember, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(organization);
        var final = DisclosureStatus.IsFinal(disclosure.Status);
        var body = new JsonArray
        {
            Text(disclosure.Name, size: "Medium", weight: "Bolder"),
            Facts(("From", disclosure.Discloser.Name), ("Submitted", At(disclosure.Submitted)), ("Status", DisclosureStatus.Describe(disclosure.Status))),
            Container(new JsonArray { Facts([.. disclosure.Answers.Select(a => (a.Label, Clip(a.Display, 600)))]) }, style: "emphasis", separator: true),
        };
        if (note is not null)
            body.Insert(1, Text(note, color: "Attention"));
        foreach (var decision in disclosure.Decisions)
            body.Add(Text($"{Capitalise(decision.Status)} by {decision.ByName}, {At(decision.At)}" + (decision.Comment.Length > 0 ? $": “{decision.Comment}”" : ""), subtle: true, spacing: "Small"));

        var key = new JsonObject { ["org"] = disclosure.Organization, ["id"] = disclosure.Id };
        var card = Card(body);
        if (forMember && !final)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = "comment", ["label"] = "Comment for the staff member (required to decline)",
                ["isMultiline"] = true, ["maxLength"] = MaxCommentLength,
            });
            var actions = new JsonArray();
            if (disclosure.Status == DisclosureStatus.Submitted)
                actions.Add(Execute("Acknowledge", Verbs.Decide, Decision(key, DisclosureStatus.Acknowledged)));
            actions.Add(Execute("Approve", Verbs.Decide, Decision(key, DisclosureStatus.Approved), style: "positive"));
            actions.Add(Execute("Decline", Verbs.Decide, Decision(key, DisclosureStatus.Declined), style: "destructive"));
            card["actions"] = actions;
        }
        if (!final)
            card["refresh"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = Verbs.Refresh, ["data"] = key.DeepClone() } };
        return card;
    }

    /// <summary>What someone outside the ethics office sees of an office card.</summary>
    public static JsonObject MembersOnly(OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return Card(new JsonArray
        {
            Text("Disclosure", size: "Medium", weight: "Bolder"),
            Text($"Disclosures are visible to members of the {organization.EthicsOffice.Name} only."),
        });
    }

    private static JsonObject Decision(JsonObject key, string decision)
    {
        var data = (JsonObject)key.DeepClone();
        data["decision"] = decision;
        return data;
    }

    private static JsonObject Control(DialogState state, string op) => new()
    {
        ["dialog"] = state.DialogId,
        ["org"] = state.Organization,
        ["step"] = state.Step.ToString(CultureInfo.InvariantCulture),
        ["op"] = op,
    };

    /// <summary>The message Teams shows when the input fails its own checks, naming each of them; null when it makes none.</summary>
    private static string? ClientCheckMessage(FormField field) => field.Type switch
    {
        FieldTypes.Confirm => field.Required ? "Please tick the box to confirm." : null,
        FieldTypes.Date when field.NotInFuture => field.Required ? $"{field.Label} is required, and cannot be in the future." : $"{field.Label} cannot be in the future.",
        FieldTypes.Number => $"{field.Label}{(field.Required ? " is required and" : "")} must be a number from {(field.Min ?? 0).ToString(CultureInfo.InvariantCulture)}"
                             + (field.Max is { } max ? $" to {max.ToString("#,0.##", CultureInfo.InvariantCulture)}." : " up."),
        _ => field.Required ? $"{field.Label} is required." : null,
    };

    /// <summary>Back and cancel send no inputs, so the client does not insist on required fields first.</summary>
    private static JsonObject WithoutInputs(JsonObject action)
    {
        action["associatedInputs"] = "none";
        return action;
    }

    private static JsonObject Input(FormField field, string? value, DateOnly today)
    {
        var input = new JsonObject { ["id"] = field.Id, ["label"] = field.Label };
        switch (field.Type)
        {
            case FieldTypes.Choice:
                input["type"] = "Input.ChoiceSet";
                input["style"] = field.Choices.Count <= 5 ? "expanded" : "compact";
                input["choices"] = new JsonArray([.. field.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
                break;
            case FieldTypes.Number:
                input["type"] = "Input.Number";
                input["min"] = field.Min ?? 0;
                if (field.Max is { } max)
                    input["max"] = max;
                break;
            case FieldTypes.Date:
                input["type"] = "Input.Date";
                if (field.NotInFuture)
                    input["max"] = today.AddDays(1).ToString(FieldValues.DateFormat, CultureInfo.InvariantCulture);
                break;
            case FieldTypes.Confirm:
                input["type"] = "Input.Toggle";
                input["title"] = field.Label;
                input["valueOn"] = "true";
                input["valueOff"] = "false";
                break;
            default:
                input["type"] = "Input.Text";
                input["maxLength"] = field.EffectiveMaxLength;
                if (field.Type == FieldTypes.LongText)
                    input["isMultiline"] = true;
                break;
        }
        if (field.Placeholder is not null && field.Type is not (FieldTypes.Choice or FieldTypes.Confirm))
            input["placeholder"] = field.Placeholder;
        if (field.Required)
        {
            input["isRequired"] = true;
        }
        // Teams shows one message for every check it makes on the input (required, min, max): it says them all.
        if (ClientCheckMessage(field) is { } message)
            input["errorMessage"] = message;
        if (!string.IsNullOrEmpty(value))
        {
            if (field.Type == FieldTypes.Number)
            {
                if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    input["value"] = number;
            }
            else
                input["value"] = value;
        }
        return input;
    }

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Capitalise(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
