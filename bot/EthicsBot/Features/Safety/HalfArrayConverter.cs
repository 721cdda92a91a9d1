using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Features.Safety;

/// <summary>
/// Weights in a model file as base64 of 16-bit floats, little-endian: a quarter the size of JSON numbers. Half
/// precision (three significant digits) changes no decision the screen makes from them (the shipped model's figures
/// are measured after this rounding).
/// </summary>
public sealed class HalfArrayConverter : JsonConverter<float[]>
{
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % 2 != 0)
            throw new JsonException("16-bit weights need an even number of bytes.");
        var values = new float[bytes.Length / 2];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(2 * i));
        return values;
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var bytes = new byte[value.Length * 2];
        for (var i = 0; i < value.Length; i++)
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(2 * i), (Half)value[i]);
        writer.WriteBase64StringValue(bytes);
    }

    /// <summary>What a weight becomes once written and read: the model trained is scored as it will be shipped.</summary>
    public static float[] Round(float[] weights) => weights.Select(w => (float)(Half)w).ToArray();
}
