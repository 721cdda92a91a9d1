using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>
/// How cards and their actions' data are written and read: camelCase, nulls left out. Reading data is forgiving,
/// as the hand-reading before it was: a value of the wrong kind (or blank text) reads as missing, so that the handler
/// gives its own clear answer rather than the request failing.
/// </summary>
public static class CardJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new CardTextConverter(), new CardFlagConverter() },
    };

    /// <summary>The data of a card action as <typeparamref name="TData"/>; what is not an object, or does not fit, reads as empty.</summary>
    public static TData ReadData<TData>(JsonElement data) where TData : new()
    {
        if (data.ValueKind != JsonValueKind.Object)
            return new TData();
        try
        {
            return data.Deserialize<TData>(Options) ?? new TData();
        }
        catch (JsonException)
        {
            return new TData();
        }
    }
}
