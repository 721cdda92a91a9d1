namespace EthicsBot.Shared.Cards;

/// <summary>A feature's card buttons: it maps each of its verbs to a handler on the <see cref="CardActionRouter"/>.</summary>
public interface ICardActions
{
    void Register(CardActionRouter router);
}
