using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Shared.Chat;

/// <summary>
/// A feature's typed commands ("review", "declare a gift", "my acknowledgements"): the bot offers each message that is
/// not a report to the features in the order they were registered, and the first that takes it answers it.
/// </summary>
public interface IChatCommands
{
    /// <summary>True when the message was this feature's command and has been answered.</summary>
    Task<bool> TryHandleMessageAsync(TurnContext turn, string text, OrganizationProfile organization, CancellationToken cancellationToken);

    /// <summary>Members were added to a conversation the bot is in: the bot itself (the app installed for a person, or added to a team or chat), or people joining a team.</summary>
    Task OnMembersAddedAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken) => Task.CompletedTask;
}
