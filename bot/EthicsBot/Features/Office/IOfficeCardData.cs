namespace EthicsBot.Features.Office;

/// <summary>The data of every button on an ethics office card names the organisation whose office may press it.</summary>
public interface IOfficeCardData
{
    string? Org { get; }
}
