using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// The data of a button on a form card (verb <c>disclosure</c>): the dialog, the step the card shows and the move
/// (<see cref="DisclosureDialogs.Ops"/>); Teams adds the card's inputs, by field id, which land in <see cref="Inputs"/>.
/// </summary>
public sealed record DisclosureStepData
{
    public string? Dialog { get; init; }

    public string? Org { get; init; }

    /// <summary>The step's index, as text (an older card of the dialog re-applies its own step).</summary>
    public string? Step { get; init; }

    public string? Op { get; init; }

    /// <summary>The card's inputs as sent: text, or a number or true/false as typed.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Inputs { get; init; }
}
