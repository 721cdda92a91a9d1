using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

[JsonConverter(typeof(JsonStringEnumConverter<CampaignStatus>))]
public enum CampaignStatus
{
    /// <summary>Created, nothing sent yet.</summary>
    Draft,
    /// <summary>Launched: cards go out, reminders follow, new joiners are asked.</summary>
    Running,
    /// <summary>Stopped by the office: nothing more is sent; acknowledgements still count.</summary>
    Stopped,
}
