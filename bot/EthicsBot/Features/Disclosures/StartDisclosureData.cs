namespace EthicsBot.Features.Disclosures;

/// <summary>The data of "Declare a gift" under an answer (verb <c>startDisclosure</c>): the form, and the question that pre-fills it.</summary>
public sealed record StartDisclosureData
{
    /// <summary>The form's id (gift, conflict, outside).</summary>
    public string? Type { get; init; }

    public string? Org { get; init; }

    public string? Question { get; init; }

    /// <summary>The language of the answer the button was under (ISO 639-1): the form opens in it.</summary>
    public string? Lang { get; init; }
}
