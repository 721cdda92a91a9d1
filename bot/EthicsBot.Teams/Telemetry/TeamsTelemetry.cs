using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EthicsBot.Teams.Telemetry;

/// <summary>
/// The protocol layer's spans and metrics: a span per turn and per send to the connector, turns counted and timed.
/// Tags are the activity's type, channel and conversation type; never its text, a user's name or a conversation id.
/// Nothing is recorded unless a listener (OpenTelemetry) subscribes to <see cref="Name"/>.
/// </summary>
public static class TeamsTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "EthicsBot.Teams";

    public const string TurnSpan = "turn";
    public const string SendSpan = "connector send";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("ethicsbot.turns", "{turn}", "Turns run, by activity type and outcome (ok, failed, cancelled).");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("ethicsbot.turn.duration", "s", "How long turns took, from the start of the turn to its end.");

    /// <summary>A span around one send to the connector (a message, a typing indicator); null when nothing listens.</summary>
    public static Activity? StartSend(string? activityType) =>
        Source.StartActivity(SendSpan, ActivityKind.Client)?.SetTag("teams.activity.type", activityType);

    /// <summary>Marks the span failed with the exception; false, so it can sit in an exception filter that catches nothing.</summary>
    public static bool Failed(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error).AddException(exception);
        return false;
    }

    /// <summary>
    /// An outgoing call's URL as spans and logs show it: each path segment after <c>conversations</c> or
    /// <c>activities</c> as <c>{id}</c> (the call's shape, not whose conversation it was), no query and no user info.
    /// </summary>
    public static string? UrlShape(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
            return null;
        var segments = url.AbsolutePath.Split('/');
        for (var i = 1; i < segments.Length; i++)
            if (segments[i - 1] is "conversations" or "activities" && segments[i].Length > 0)
                segments[i] = "{id}";
        return $"{url.Scheme}://{url.Authority}{string.Join('/', segments)}";
    }

    /// <summary>Counts and times one turn.</summary>
    public static void TurnEnded(string? activityType, string outcome, TimeSpan elapsed)
    {
        var type = new KeyValuePair<string, object?>("teams.activity.type", activityType);
        Turns.Add(1, type, new KeyValuePair<string, object?>("outcome", outcome));
        TurnDuration.Record(elapsed.TotalSeconds, type);
    }
}
