using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
public enum DeliveryState
{
    /// <summary>Waiting in the queue (the first card, a retry or a reminder).</summary>
    Queued,
    /// <summary>Taken by a worker, whose lease runs out if it dies: then it is queued again.</summary>
    Sending,
    /// <summary>The connector accepted the card.</summary>
    Sent,
    /// <summary>Could not be delivered (<see cref="DeliveryFailure"/> says why); not retried.</summary>
    Failed,
}
