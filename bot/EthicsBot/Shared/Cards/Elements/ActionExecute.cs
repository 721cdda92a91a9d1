namespace EthicsBot.Shared.Cards.Elements;

/// <summary>
/// A Universal Action: Teams sends it back as an <c>adaptiveCard/action</c> invoke with this verb and data, the data
/// being the record the verb's handler reads (<see cref="EthicsBot.Shared.Cards.CardActionRouter.On{TData}"/>), plus the card's inputs.
/// </summary>
public sealed record ActionExecute(string Verb, object Data) : AdaptiveAction
{
    /// <summary><c>none</c> to send no inputs (so the client does not insist on required fields first).</summary>
    public string? AssociatedInputs { get; init; }
}
