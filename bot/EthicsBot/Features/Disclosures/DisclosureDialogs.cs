using System.Globalization;
using System.Text.Json;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Features.Safety;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Organizations;
using Microsoft.Extensions.Options;

using EthicsBot.Shared.Localization;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// The disclosure dialogs: one form at a time per conversation and user, step by step, each step a card; state is
/// stored after every step, so a restart of the bot loses nothing and "continue my disclosure" picks up where the
/// person stopped. Cancel and back work at every step; invalid input comes back on the same card with the problem
/// beside the field and everything typed still there. Submitting is idempotent: the dialog id is the disclosure id.
/// </summary>
public sealed class DisclosureDialogs(FormCatalog forms, IDisclosureStore store, IOptions<DisclosureSettings> settings, TimeProvider time,
    OrganizationDirectory organizations, ReportScreen screen)
{
    public static class Ops
    {
        public const string Next = "next";
        public const string Back = "back";
        public const string Cancel = "cancel";
        public const string Submit = "submit";
    }

    public FormCatalog Forms => forms;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Starts a form, pre-filled from the question that led to it; an open dialog is shown instead of being replaced.</summary>
    public async Task<DialogReply> StartAsync(OrganizationProfile organization, string formId, Discloser discloser, string? question, CancellationToken cancellationToken,
        string? language = null)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(discloser);
        var form = forms.Find(organization.Id, formId);
        if (form is null)
            return DialogReply.Say($"There is no '{formId}' form for {organization.Name}. {Available(organization)}");

        var open = await OpenDialogAsync(discloser, cancellationToken).ConfigureAwait(false);
        if (open.State is { } current && forms.Find(current.Organization, current.FormId) is { } currentForm)
        {
            var t = CardLanguages.Default.For(current.Language);
            var note = t[current.FormId == formId ? "DisclosureAlreadyOpen" : "DisclosureFinishFirst", currentForm.InLanguage(current.Language).Noun].Value;
            return DialogReply.Show(CardFor(currentForm, current, note: note));
        }

        var now = time.GetUtcNow();
        var state = new DialogState
        {
            DialogId = Guid.NewGuid().ToString("N"),
            Organization = organization.Id,
            FormId = form.Id,
            Step = 0,
            Values = FieldValues.Prefill(form, question, Today, forms),
            Discloser = discloser,
            Started = now,
            Updated = now,
            Language = CardLanguages.Default.For(language) is { Language: not "en" } known ? known.Language : null,
        };
        await store.SaveDialogAsync(state, cancellationToken).ConfigureAwait(false);
        var prefilled = state.Values.Count > 0 ? CardLanguages.Default.For(state.Language)["DisclosurePrefilled"].Value : null;
        return DialogReply.Show(CardFor(form, state, note: prefilled, open.ExpiredNote));
    }

    /// <summary>"continue my disclosure": the step the person stopped at.</summary>
    public async Task<DialogReply> ContinueAsync(Discloser discloser, CancellationToken cancellationToken)
    {
        var open = await OpenDialogAsync(discloser, cancellationToken).ConfigureAwait(false);
        if (open.State is not { } state || forms.Find(state.Organization, state.FormId) is not { } form)
            return DialogReply.Say(open.ExpiredNote ?? "You have no disclosure in progress. Say \"declare a gift\", \"disclose a conflict of interest\" or \"declare an outside activity\" to start one.");
        return DialogReply.Show(CardFor(form, state));
    }

    /// <summary>"cancel" typed in the chat.</summary>
    public async Task<DialogReply> CancelAsync(Discloser discloser, CancellationToken cancellationToken)
    {
        var open = await OpenDialogAsync(discloser, cancellationToken).ConfigureAwait(false);
        if (open.State is not { } state)
            return DialogReply.Say(open.ExpiredNote ?? "There is no disclosure in progress to cancel.");
        await store.DeleteDialogAsync(discloser.ConversationId, discloser.UserId, cancellationToken).ConfigureAwait(false);
        return DialogReply.Say($"Cancelled your {forms.Find(state.Organization, state.FormId)?.Noun ?? "disclosure"}: nothing was submitted or kept.");
    }

    /// <summary>"back" typed in the chat: the previous step, as it was filled in.</summary>
    public async Task<DialogReply> BackAsync(Discloser discloser, CancellationToken cancellationToken)
    {
        var open = await OpenDialogAsync(discloser, cancellationToken).ConfigureAwait(false);
        if (open.State is not { } state || forms.Find(state.Organization, state.FormId) is not { } form)
            return DialogReply.Say(open.ExpiredNote ?? "There is no disclosure in progress.");
        return DialogReply.Show(await MoveAsync(form, state, Math.Max(0, state.Step - 1), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>"my disclosures": the person's own disclosures with their status.</summary>
    public async Task<DialogReply> ListAsync(OrganizationProfile organization, Discloser discloser, CancellationToken cancellationToken, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var mine = await store.ListByDiscloserAsync(organization.Id, discloser.UserId, cancellationToken).ConfigureAwait(false);
        var open = await OpenDialogAsync(discloser, cancellationToken).ConfigureAwait(false);
        var inProgress = open.State is { } s ? forms.Find(s.Organization, s.FormId)?.InLanguage(CardLanguages.Default.For(language).Language).Noun : null;
        // Each disclosure named in the list's language (a display copy; the stored one keeps the English noun).
        var shown = CardLanguages.Default.For(language).Language;
        var named = mine.Select(d => d with { Noun = forms.Find(d.Organization, d.FormId)?.InLanguage(shown).Noun ?? d.Noun }).ToList();
        return DialogReply.Show(DisclosureCards.List(named, inProgress, organization, language));
    }

    /// <summary>A button on a form card: next, back, cancel or submit, with the card's inputs in <paramref name="data"/>.</summary>
    public async Task<DialogReply> ActAsync(Discloser discloser, DisclosureStepData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discloser);
        ArgumentNullException.ThrowIfNull(data);
        var (dialogId, op, organization) = (data.Dialog, data.Op, data.Org);
        if (dialogId is null || op is null || organization is null || op is not (Ops.Next or Ops.Back or Ops.Cancel or Ops.Submit))
            return DialogReply.Say("This form action is incomplete (it needs the dialog, the organisation and next, back, cancel or submit).");

        var open = await OpenDialogAsync(discloser, cancellationToken).ConfigureAwait(false);
        if (open.State is not { } state || state.DialogId != dialogId)
        {
            // Not the open dialog: submitted already (a redelivery or a second click), or cancelled or expired. A
            // disclosure id is shown only to its discloser: anyone else hears what they would of an unknown id.
            if (await store.GetAsync(organization, dialogId, cancellationToken).ConfigureAwait(false) is { } submitted
                && string.Equals(submitted.Discloser.UserId, discloser.UserId, StringComparison.Ordinal))
                return DialogReply.Show(DisclosureCards.Submitted(submitted, forms.Find(submitted.Organization, submitted.FormId)));
            if (open.State is { } other && forms.Find(other.Organization, other.FormId) is { } otherForm)
                return DialogReply.Show(CardFor(otherForm, other, note: CardLanguages.Default.For(other.Language)["DisclosureCardClosed"]));
            return DialogReply.Say(open.ExpiredNote ?? "This form is closed (it was cancelled, or expired). Nothing from it was submitted; start again when you are ready.");
        }
        if (forms.Find(state.Organization, state.FormId) is not { } form)
        {
            await store.DeleteDialogAsync(discloser.ConversationId, discloser.UserId, cancellationToken).ConfigureAwait(false);
            return DialogReply.Say("This form was withdrawn by the ethics office; nothing was submitted.");
        }

        switch (op)
        {
            case Ops.Cancel:
                await store.DeleteDialogAsync(discloser.ConversationId, discloser.UserId, cancellationToken).ConfigureAwait(false);
                return DialogReply.Show(DisclosureCards.Cancelled(form, state.Language));

            case Ops.Back:
                return DialogReply.Show(await MoveAsync(form, state, Math.Max(0, state.Step - 1), cancellationToken).ConfigureAwait(false));

            case Ops.Next:
                // The step the card was for: an older card of this dialog (clicked again, or redelivered) re-applies its step.
                if (!int.TryParse(data.Step, NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 0 || step >= form.Steps.Count || step > state.Step)
                    return DialogReply.Show(CardFor(form, state));
                return DialogReply.Show(await NextAsync(form, state, step, data.Inputs, cancellationToken).ConfigureAwait(false));

            default:
                return await SubmitAsync(form, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AdaptiveCard> NextAsync(FormDefinition form, DialogState state, int step, IReadOnlyDictionary<string, JsonElement>? inputs, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(state.Values, StringComparer.Ordinal);
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        // Checked as shown: the field's label and the problem in the person's language.
        var t = CardLanguages.Default.For(state.Language);
        foreach (var field in form.InLanguage(state.Language).Steps[step].Fields)
        {
            var raw = ReadInput(inputs, field.Id, out var shapeError);
            var result = shapeError is null ? FieldValues.Check(field, raw, Today, forms, t) : new FieldResult(null, shapeError);
            // What would be kept (a text answer) or shown again (a refused value, as typed) is screened first: a report
            // is never stored, and never echoed back either — a value refused for its length may be one.
            var echo = result.Error is null ? null : CardBuilder.Clip(raw ?? "", field.EffectiveMaxLength + 200);
            var said = result.Error is null ? (field.Type is FieldTypes.Text or FieldTypes.LongText ? result.Value : null) : echo;
            var verdict = string.IsNullOrWhiteSpace(said) ? null : await screen.ScreenAsync(said, cancellationToken).ConfigureAwait(false);
            // The handoff band refuses; the banner's unsure middle would refuse honest descriptions of one's own gift,
            // so it only keeps a refused value from being shown again.
            if (verdict?.Action == ReportAction.Handoff)
            {
                // The field comes back empty with the whistleblower channel beside it.
                errors[field.Id] = ReportRefusal(state.Organization);
                typed[field.Id] = "";
                values.Remove(field.Id);
            }
            else if (result.Error is null)
                values[field.Id] = result.Value!;
            else
            {
                errors[field.Id] = verdict?.TreatAsReport == true ? $"{result.Error} What you typed is not shown again." : result.Error;
                typed[field.Id] = verdict?.TreatAsReport == true ? "" : echo!;
                values.Remove(field.Id);
            }
        }
        if (errors.Count > 0)
        {
            // The valid answers are kept; the card shows everything as it was typed, each problem beside its field.
            var kept = state with { Step = step, Values = values, Updated = time.GetUtcNow() };
            await store.SaveDialogAsync(kept, cancellationToken).ConfigureAwait(false);
            return DisclosureCards.Step(form, kept, Today, errors, typed);
        }
        return await MoveAsync(form, state with { Values = values }, step + 1, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogReply> SubmitAsync(FormDefinition form, DialogState state, CancellationToken cancellationToken)
    {
        // Everything is checked again: a card can be replayed, and the form file may have changed meanwhile.
        var shown = form.InLanguage(state.Language);
        var t = CardLanguages.Default.For(state.Language);
        for (var i = 0; i < shown.Steps.Count; i++)
        {
            var errors = shown.Steps[i].Fields
                .Select(f => (f.Id, Result: FieldValues.Check(f, state.Values.GetValueOrDefault(f.Id), Today, forms, t)))
                .Where(r => r.Result.Error is not null)
                .ToDictionary(r => r.Id, r => r.Result.Error!, StringComparer.Ordinal);
            if (errors.Count > 0)
            {
                var back = state with { Step = i, Updated = time.GetUtcNow() };
                await store.SaveDialogAsync(back, cancellationToken).ConfigureAwait(false);
                return DialogReply.Show(DisclosureCards.Step(form, back, Today, errors, null, t["DisclosureCheckStep"]));
            }
        }
        var disclosure = new Disclosure
        {
            Id = state.DialogId,
            Organization = state.Organization,
            FormId = form.Id,
            FormTitle = form.Title,
            Noun = form.Noun,
            ReferencePrefix = form.ReferencePrefix,
            Discloser = state.Discloser,
            // In the office's words (the English form's labels and choices); what was typed stays as typed, its language noted.
            Answers = [.. form.Fields.Select(f => new DisclosureAnswer(f.Id, f.Label, state.Values.GetValueOrDefault(f.Id) ?? "", FieldValues.Display(f, state.Values.GetValueOrDefault(f.Id))))],
            Submitted = time.GetUtcNow(),
            Language = state.Language,
        };
        var stored = await store.SubmitAsync(disclosure, cancellationToken).ConfigureAwait(false);
        Telemetry.BotTelemetry.DisclosureSubmitted(stored.Organization, stored.FormId);
        return new DialogReply(DisclosureCards.Submitted(stored, form), null, stored);
    }

    private async Task<AdaptiveCard> MoveAsync(FormDefinition form, DialogState state, int step, CancellationToken cancellationToken)
    {
        var moved = state with { Step = Math.Clamp(step, 0, form.Steps.Count), Updated = time.GetUtcNow() };
        await store.SaveDialogAsync(moved, cancellationToken).ConfigureAwait(false);
        return CardFor(form, moved);
    }

    private AdaptiveCard CardFor(FormDefinition form, DialogState state, string? note = null, string? expiredNote = null)
    {
        var notes = string.Join(" ", new[] { expiredNote, note }.Where(n => n is not null));
        return state.Step >= form.Steps.Count
            ? DisclosureCards.Summary(form, state, notes.Length > 0 ? notes : null)
            : DisclosureCards.Step(form, state, Today, null, null, notes.Length > 0 ? notes : null);
    }

    /// <summary>The open dialog of this person here; an idle one is discarded, and a sentence says so.</summary>
    private async Task<(DialogState? State, string? ExpiredNote)> OpenDialogAsync(Discloser discloser, CancellationToken cancellationToken)
    {
        var state = await store.GetDialogAsync(discloser.ConversationId, discloser.UserId, cancellationToken).ConfigureAwait(false);
        if (state is null)
            return (null, null);
        if (time.GetUtcNow() - state.Updated <= settings.Value.IdleTimeout)
            return (state, null);
        await store.DeleteDialogAsync(discloser.ConversationId, discloser.UserId, cancellationToken).ConfigureAwait(false);
        var noun = forms.Find(state.Organization, state.FormId)?.Noun ?? "disclosure";
        return (null, $"Your {noun} started on {state.Started:d MMM} was left unfinished for more than {Describe(settings.Value.IdleTimeout)} and was discarded; nothing was submitted.");
    }

    private string ReportRefusal(string organizationId)
    {
        var channel = (organizations.Find(organizationId) ?? organizations.Default).Whistleblower;
        return $"This sounds like a report of misconduct, which I cannot keep, so I left it out. Please report it through {channel.Name} ({channel.Url}); good-faith reporters are protected ({channel.ProtectionClause}).";
    }

    private string Available(OrganizationProfile organization)
    {
        var titles = forms.ForOrganization(organization.Id).Select(f => f.Title).ToList();
        return titles.Count == 0 ? "" : $"Forms: {string.Join("; ", titles)}.";
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0} minutes";

    /// <summary>A card input as text; inputs arrive as strings, but a number or true/false is accepted as typed.</summary>
    private static string? ReadInput(IReadOnlyDictionary<string, JsonElement>? inputs, string name, out string? problem)
    {
        problem = null;
        if (inputs is null || !inputs.TryGetValue(name, out var v))
            return null;
        switch (v.ValueKind)
        {
            case JsonValueKind.String: return v.GetString();
            case JsonValueKind.Number: return v.GetRawText();
            case JsonValueKind.True: return "true";
            case JsonValueKind.False: return "false";
            case JsonValueKind.Null: return null;
            default:
                problem = "This answer came in a shape the form does not accept (a list or an object).";
                return null;
        }
    }
}
