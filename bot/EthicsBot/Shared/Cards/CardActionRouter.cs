using System.Text.Json;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Shared.Cards;

/// <summary>
/// The card actions (Action.Execute invokes) by verb: each feature registers its verbs (<see cref="ICardActions"/>);
/// the invoke's value is read here once, and an unknown verb is answered in our words.
/// </summary>
public sealed class CardActionRouter
{
    private readonly Dictionary<string, Func<CardAction, CancellationToken, Task<InvokeResponse>>> _handlers = new(StringComparer.Ordinal);

    public CardActionRouter(IEnumerable<ICardActions> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var feature in features)
            feature.Register(this);
    }

    /// <summary>Routes <paramref name="verb"/> to <paramref name="handler"/>; a verb belongs to one feature only.</summary>
    public void Map(string verb, Func<CardAction, CancellationToken, Task<InvokeResponse>> handler)
    {
        if (!_handlers.TryAdd(verb, handler))
            throw new InvalidOperationException($"The card verb '{verb}' is registered twice.");
    }

    public Task<InvokeResponse> RouteAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("verb", out var verbElement) || verbElement.ValueKind != JsonValueKind.String)
            return Task.FromResult(AdaptiveCardInvoke.Error(400, "BadRequest", "The card action has no verb."));
        var verb = verbElement.GetString()!;
        if (!_handlers.TryGetValue(verb, out var handler))
            return Task.FromResult(AdaptiveCardInvoke.Error(400, "BadRequest", $"Unknown card action '{verb}'."));
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        return handler(new CardAction(turn, organization, verb, data), cancellationToken);
    }
}
