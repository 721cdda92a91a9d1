using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Shared.Cards;

/// <summary>
/// A button pressed on one of our cards: the turn, the organisation it came from, its verb and its data read as the
/// verb's record (every property missing when the data was absent or did not fit).
/// </summary>
public sealed record CardAction<TData>(TurnContext Turn, OrganizationProfile Organization, string Verb, TData Data);
