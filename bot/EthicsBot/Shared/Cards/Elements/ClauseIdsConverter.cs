using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Clause ids in card data: the strings of an array, at most ten; anything else reads as none.</summary>
public sealed class ClauseIdsConverter : JsonConverter<IReadOnlyList<string>>
{
    public const int Most = 10;

    public override bool HandleNull => true;

    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return [];
        }
        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String && ids.Count < Most)
                ids.Add(reader.GetString()!);
            else
                reader.Skip();
        }
        return ids;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var id in value ?? [])
            writer.WriteStringValue(id);
        writer.WriteEndArray();
    }
}
