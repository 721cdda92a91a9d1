using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>A yes or no in card data: anything but true or false reads as missing (null).</summary>
public sealed class CardFlagConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } flag)
            writer.WriteBooleanValue(flag);
        else
            writer.WriteNullValue();
    }
}
