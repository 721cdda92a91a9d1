using System.Text.Json;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Shared.Cards;

/// <summary>
/// The card actions (Action.Execute invokes) by verb: each feature registers its verbs with the record its data reads
/// into (<see cref="ICardActions"/>); the invoke's value is read here once, and an unknown verb is answered in our words.
/// </summary>
public sealed class CardActionRouter
{
    private readonly Dictionary<string, Func<TurnContext, OrganizationProfile, JsonElement, CancellationToken, Task<InvokeResponse>>> _handlers = new(StringComparer.Ordinal);

    public CardActionRouter(IEnumerable<ICardActions> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var feature in features)
            feature.Register(this);
    }

    /// <summary>
    /// Routes <paramref name="verb"/> to <paramref name="handler"/> with its data read as <typeparamref name="TData"/>
    /// (the record the card's button was built from); a verb belongs to one feature only. Data that does not fit reads
    /// as missing values, which the handler answers as it answers missing ones.
    /// </summary>
    public void On<TData>(string verb, Func<CardAction<TData>, CancellationToken, Task<InvokeResponse>> handler) where TData : new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handlers.TryAdd(verb, (turn, organization, data, ct) => handler(new CardAction<TData>(turn, organization, verb, CardJson.ReadData<TData>(data)), ct)))
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
        var data = action.TryGetProperty("data", out var d) ? d : default;
        return handler(turn, organization, data, cancellationToken);
    }
}
