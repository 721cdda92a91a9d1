using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>Why a card could not be delivered, in the words the progress page uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryFailure>))]
public enum DeliveryFailure
{
    /// <summary>The bot has no personal chat with the person: the app is not installed for them.</summary>
    NotInstalled,
    /// <summary>The person blocked the bot or uninstalled the app (403).</summary>
    Blocked,
    /// <summary>The conversation or the person is gone (404): they left the organisation.</summary>
    Left,
    /// <summary>The due date passed before the card could go out.</summary>
    Expired,
    /// <summary>The connector kept failing (server errors, throttling) through every attempt.</summary>
    Error,
}
