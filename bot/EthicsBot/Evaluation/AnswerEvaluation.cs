using System.Text.Json;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Safety;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Evaluation;

/// <summary>
/// Runs each question of an answer set down the bot's own path — the report screen, a disclosure request, small talk,
/// the answer, the card — and judges what the card shows: the kind, the clause first, the quote on the first screen,
/// the form button and the report banner.
/// </summary>
public static class AnswerEvaluation
{
    public static async Task<IReadOnlyList<AnswerResult>> RunAsync(Assistant assistant, OrganizationDirectory organizations, FormCatalog forms,
        IEnumerable<AnswerCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(cases);
        var results = new List<AnswerResult>();
        foreach (var c in cases)
        {
            var organization = organizations.Find(c.Organization)
                ?? throw new InvalidDataException($"line {c.Line}: \"{c.Organization}\" is not a configured organisation.");
            results.Add(await RunOneAsync(assistant, organization, forms, c, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    /// <summary>The same order as the bot's message dispatch (office commands aside: the asker is not a member).</summary>
    private static async Task<AnswerResult> RunOneAsync(Assistant assistant, OrganizationProfile organization, FormCatalog forms, AnswerCase c,
        CancellationToken cancellationToken)
    {
        var verdict = await assistant.Screen.ScreenAsync(c.Question, cancellationToken).ConfigureAwait(false);
        if (verdict.Action == ReportAction.Handoff)
            return new AnswerResult(c, Answer.HandoffKind, null, 0, "", null, Alarm: true);
        if (DisclosureIntent.Match(c.Question, forms.ForOrganization(organization.Id)) is { Command: DisclosureCommand.Start, Form: { } started })
            return new AnswerResult(c, "dialog", null, 0, "", started.Id, Alarm: false);
        var answer = assistant.Classify(c.Question, organization, verdict)
                     ?? await assistant.AnswerQuestionAsync(c.Question, organization, verdict, cancellationToken).ConfigureAwait(false);
        var card = BotCards.Answer(answer, "eval", c.Question, organization).ToJson();
        var first = answer.Clauses.Count > 0 ? answer.Clauses[0] : null;
        return new AnswerResult(c, answer.Kind, first?.Id, first?.Score ?? 0, CardScreen.Text(card), OfferedForm(card), Alarm: HasBanner(card))
        {
            VisibleCharacters = CardScreen.VisibleCharacters(card),
        };
    }

    public static AnswerSummary Summarize(IReadOnlyList<AnswerResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new AnswerSummary(results.Count,
            Rate(results.Select(r => (bool?)r.KindRight)),
            Rate(results.Select(r => r.ClauseRight)),
            Rate(results.Select(r => r.QuoteRight)),
            Rate(results.Select(r => r.FormRight)),
            Rate(results.Select(r => (bool?)r.NoFalseAlarm)),
            Rate(results.Select(r => (bool?)r.FullyRight)),
            results.Count == 0 ? 0 : results.Max(r => r.VisibleCharacters));
    }

    /// <summary>The share right among the judged (non-null); 1 when none is judged.</summary>
    private static double Rate(IEnumerable<bool?> parts)
    {
        var judged = parts.Where(p => p.HasValue).ToList();
        return judged.Count == 0 ? 1 : Math.Round(judged.Count(p => p == true) / (double)judged.Count, 4);
    }

    /// <summary>The form the card's "Declare…" button starts, if it has one.</summary>
    private static string? OfferedForm(JsonElement card) =>
        Actions(card).Where(a => a.TryGetProperty("verb", out var verb) && verb.GetString() == DisclosureCards.Verbs.Start)
            .Select(a => a.GetProperty("data").TryGetProperty("type", out var type) ? type.GetString() : null).FirstOrDefault();

    private static IEnumerable<JsonElement> Actions(JsonElement card) =>
        card.TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : [];

    /// <summary>The report banner: an attention container on top of the answer.</summary>
    private static bool HasBanner(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Any(e => e.TryGetProperty("style", out var style) && style.GetString() == "attention");
}
