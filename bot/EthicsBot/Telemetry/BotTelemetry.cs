using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EthicsBot.Telemetry;

/// <summary>
/// The bot's own spans (the search, the answer) and metrics (answers by kind, handoffs, disclosures submitted).
/// Dimensions are the organisation, the answer's kind and the form: never message text, never a conversation id or a
/// person. A leaf: features call it, it calls nothing of theirs. Nothing is recorded unless OpenTelemetry listens.
/// </summary>
public static class BotTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "EthicsBot";

    public const string SearchSpan = "search";
    public const string AnswerSpan = "answer";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Answers = Meter.CreateCounter<long>("ethicsbot.answers", "{answer}", "Questions answered, by organisation and kind (answer, not_covered, smalltalk).");

    private static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("ethicsbot.handoffs", "{handoff}", "Messages handed to the whistleblower channel, by organisation.");

    private static readonly Counter<long> Disclosures = Meter.CreateCounter<long>("ethicsbot.disclosures.submitted", "{disclosure}", "Disclosures submitted, by organisation and form.");

    /// <summary>A span around the clause search of one question.</summary>
    public static Activity? StartSearch(string organization) =>
        Source.StartActivity(SearchSpan)?.SetTag("ethicsbot.organization", organization);

    /// <summary>A span around answering one question: search, FAQ, grounded answer.</summary>
    public static Activity? StartAnswer(string organization) =>
        Source.StartActivity(AnswerSpan)?.SetTag("ethicsbot.organization", organization);

    public static void Answered(string organization, string kind) =>
        Answers.Add(1, new KeyValuePair<string, object?>("ethicsbot.organization", organization), new KeyValuePair<string, object?>("ethicsbot.answer.kind", kind));

    public static void HandedOff(string organization) =>
        Handoffs.Add(1, new KeyValuePair<string, object?>("ethicsbot.organization", organization));

    public static void DisclosureSubmitted(string organization, string form) =>
        Disclosures.Add(1, new KeyValuePair<string, object?>("ethicsbot.organization", organization), new KeyValuePair<string, object?>("ethicsbot.form", form));
}
