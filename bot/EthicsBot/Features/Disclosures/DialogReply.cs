using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Features.Disclosures;

/// <summary>What the dialog answers: a card (which replaces the card acted on), or a sentence; and a disclosure just stored.</summary>
public sealed record DialogReply(AdaptiveCard? Card, string? Text, Disclosure? Submitted = null)
{
    public static DialogReply Say(string text) => new(null, text);
    public static DialogReply Show(AdaptiveCard card) => new(card, null);
}
