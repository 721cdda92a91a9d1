namespace EthicsBot.Features.Disclosures;

/// <summary>What a chat message asks of the disclosure dialogs, if anything.</summary>
public enum DisclosureCommand
{
    None,
    Start,
    Continue,
    Cancel,
    Back,
    List,
}
