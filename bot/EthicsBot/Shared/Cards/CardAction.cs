using System.Text.Json;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Shared.Cards;

/// <summary>A button pressed on one of our cards: the turn, the organisation it came from, its verb and its data (an empty object when it sent none).</summary>
public sealed record CardAction(TurnContext Turn, OrganizationProfile Organization, string Verb, JsonElement Data);
