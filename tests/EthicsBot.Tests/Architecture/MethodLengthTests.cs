using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EthicsBot.Conversation;

namespace EthicsBot.Tests.Architecture;

/// <summary>
/// No method of the bot, EthicsBot.Teams or EthicsBot.Knowledge spans more than 50 source lines, read from the
/// assemblies' portable PDBs: a method's span runs from its first to its last sequence point (hidden ones ignored); an
/// async method or iterator is measured by its state machine's MoveNext, named after the method it was written as.
/// </summary>
public sealed class MethodLengthTests
{
    public const int MaxLines = 50;

    /// <summary>
    /// Card builders rewritten as typed card records in parallel (issue 16, the typed-cards work): shortened there, not
    /// here, so the two changes do not collide. Each entry must still be over the limit: once it is not, it goes.
    /// </summary>

    [Fact]
    public void No_method_outside_the_tests_spans_more_than_fifty_lines()
    {
        Assembly[] assemblies = [typeof(EthicsTeamsBot).Assembly, typeof(EthicsBot.Teams.Protocol.Activity).Assembly, typeof(EthicsBot.Knowledge.Documents.Clause).Assembly];
        var measured = assemblies.SelectMany(Spans).ToList();
        Assert.True(measured.Count > 500, $"only {measured.Count} methods measured: are the PDBs beside the assemblies?");
        var tooLong = measured.Where(m => m.Lines > MaxLines)
            .OrderByDescending(m => m.Lines).Select(m => $"{m.Name} ({m.Lines} lines)").ToList();
        Assert.True(tooLong.Count == 0, $"methods over {MaxLines} lines: {string.Join(", ", tooLong)}");
    }

    [Fact]
    public void A_long_method_is_found_and_named_after_what_was_written()
    {
        var spans = Spans(typeof(MethodLengthTests).Assembly).ToDictionary(s => s.Name, s => s.Lines);
        Assert.Equal(8, spans[$"{typeof(Samples).FullName}.{nameof(Samples.EightLines)}"]);
        // The async method's body lives in its state machine's MoveNext; it is reported under its own name.
        Assert.Equal(6, spans[$"{typeof(Samples).FullName}.{nameof(Samples.SixLinesAsync)}"]);
        Assert.DoesNotContain(spans.Keys, n => n.Contains("MoveNext", StringComparison.Ordinal));
    }

    /// <summary>Every method with sequence points in the assembly, by its source name, and its first-to-last line span.</summary>
    internal static IEnumerable<(string Name, int Lines)> Spans(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var pdbPath = Path.ChangeExtension(assembly.Location, ".pdb");
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
        var pdb = pdbProvider.GetMetadataReader();
        // A state machine's MoveNext -> the method it was written as.
        var kickoff = pdb.MethodDebugInformation
            .Select(h => (Handle: h.ToDefinitionHandle(), Kickoff: pdb.GetMethodDebugInformation(h).GetStateMachineKickoffMethod()))
            .Where(m => !m.Kickoff.IsNil).ToDictionary(m => m.Handle, m => m.Kickoff);
        var spans = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var handle in pdb.MethodDebugInformation)
        {
            var points = pdb.GetMethodDebugInformation(handle).GetSequencePoints().Where(p => !p.IsHidden).ToList();
            if (points.Count == 0 || IsGenerated(pdb.GetString(pdb.GetDocument(points[0].Document).Name)))
                continue;
            var method = handle.ToDefinitionHandle();
            var definition = metadata.GetMethodDefinition(method);
            var name = NameOf(metadata, kickoff.GetValueOrDefault(method, method));
            var span = metadata.GetString(definition.Name) is ".ctor" or ".cctor" ? LongestRun(points) : LineSpan(points);
            spans[name] = Math.Max(span, spans.GetValueOrDefault(name));
        }
        return spans.Select(s => (s.Key, s.Value)).ToList();
    }

    /// <summary>Source generators' output (regexes, log messages) lives under obj/: not ours to shorten.</summary>
    private static bool IsGenerated(string document) =>
        document.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || document.Replace('\\', '/').Contains("/obj/", StringComparison.Ordinal);

    private static int LineSpan(IReadOnlyCollection<SequencePoint> points) => points.Max(p => p.EndLine) - points.Min(p => p.StartLine) + 1;

    /// <summary>
    /// A constructor also runs the field initializers, which stand wherever their fields are declared: it is measured
    /// by its longest run of statements with at most three lines between one and the next.
    /// </summary>
    private static int LongestRun(IEnumerable<SequencePoint> points)
    {
        var longest = 0;
        var run = new List<SequencePoint>();
        foreach (var point in points.OrderBy(p => p.StartLine))
        {
            if (run.Count > 0 && point.StartLine > run.Max(p => p.EndLine) + 3)
            {
                longest = Math.Max(longest, LineSpan(run));
                run.Clear();
            }
            run.Add(point);
        }
        return Math.Max(longest, LineSpan(run));
    }

    private static string NameOf(MetadataReader metadata, MethodDefinitionHandle handle)
    {
        var method = metadata.GetMethodDefinition(handle);
        return $"{TypeName(metadata, method.GetDeclaringType())}.{metadata.GetString(method.Name)}";
    }

    private static string TypeName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var name = metadata.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer
            ? $"{TypeName(metadata, outer)}+{name}"
            : $"{metadata.GetString(type.Namespace)}.{name}";
    }

    /// <summary>Methods of known spans for the test above (the lines between the braces count, braces included).</summary>
    private static class Samples
    {
        public static int EightLines(int a)
        {
            var b = a + 1;
            var c = b + 1;
            var d = c + 1;
            var e = d + 1;
            var f = e + 1;
            return f;
        }

        public static async Task<int> SixLinesAsync(int a)
        {
            await Task.Yield();
            var b = a + 1;
            await Task.Yield();
            return b;
        }
    }
}
