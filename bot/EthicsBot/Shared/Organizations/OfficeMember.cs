namespace EthicsBot.Shared.Organizations;

/// <summary>An ethics office member acting: their Entra object id and name.</summary>
public sealed record OfficeMember(string Id, string Name);
