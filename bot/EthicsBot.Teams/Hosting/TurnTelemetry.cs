using System.Diagnostics;
using EthicsBot.Teams.Telemetry;
using Microsoft.Extensions.Logging;
using Activity = EthicsBot.Teams.Protocol.Activity;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// What one turn leaves behind while it runs and when it ends: its span (under the request that brought the activity),
/// a log scope that every line written during the turn carries (activity id and type, channel, conversation type:
/// never the text, never a user's name), and the turn's count and duration.
/// </summary>
internal sealed class TurnTelemetry : IDisposable
{
    private readonly System.Diagnostics.Activity? _span;
    private readonly IDisposable? _scope;
    private readonly string? _type;
    private readonly long _started = Stopwatch.GetTimestamp();
    private string _outcome = "ok";

    private TurnTelemetry(Activity activity, ActivityContext parent, ILogger logger)
    {
        _type = activity.Type;
        var conversationType = activity.Conversation?.ConversationType;
        _span = TeamsTelemetry.Source.StartActivity(TeamsTelemetry.TurnSpan, ActivityKind.Internal, parent);
        _span?.SetTag("teams.activity.type", activity.Type)
            .SetTag("teams.activity.id", activity.Id)
            .SetTag("teams.activity.name", activity.Name)
            .SetTag("teams.channel", activity.ChannelId)
            .SetTag("teams.conversation.type", conversationType);
        _scope = TurnScope(logger, activity.Type, activity.Id, activity.ChannelId, conversationType);
    }

    /// <summary>The span of the request that queued the turn, so the turn shows under it though it runs on the conversation's lane.</summary>
    public static ActivityContext CurrentParent() => System.Diagnostics.Activity.Current?.Context ?? default;

    public static TurnTelemetry Begin(Activity activity, ActivityContext parent, ILogger logger) => new(activity, parent, logger);

    public void Failed(Exception exception)
    {
        _outcome = "failed";
        TeamsTelemetry.Failed(_span, exception);
    }

    public void Cancelled() => _outcome = "cancelled";

    public void Dispose()
    {
        TeamsTelemetry.TurnEnded(_type, _outcome, Stopwatch.GetElapsedTime(_started));
        _scope?.Dispose();
        _span?.Dispose();
    }

    private static readonly Func<ILogger, string?, string?, string?, string?, IDisposable?> TurnScope =
        LoggerMessage.DefineScope<string?, string?, string?, string?>("Turn of {ActivityType} activity {ActivityId} on {ChannelId}, {ConversationType} conversation");
}
