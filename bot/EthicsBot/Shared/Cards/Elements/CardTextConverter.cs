using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Text in card data: anything but a non-blank string reads as missing (null).</summary>
public sealed class CardTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return reader.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
