using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Search.Languages;

/// <summary>
/// <c>questions/languages/gates.json</c>: each language's "not covered" gate as <c>embed</c> measured it, with the
/// fingerprint of the bank, the everyday questions and the weights it was measured on. Measuring takes seconds of CPU
/// (every bank and everyday question searched with itself held out); a gate whose fingerprint still matches is read
/// instead, and one that does not (a bank edited without <c>embed</c>) is measured again at start, as before.
/// </summary>
public static class ShippedGates
{
    public const string FileName = "gates.json";

    /// <summary>The file's gates by language with their fingerprints; none when the file is missing.</summary>
    public static IReadOnlyDictionary<string, (string Fingerprint, LanguageGate Gate)> Read(string path)
    {
        if (!File.Exists(path))
            return new Dictionary<string, (string, LanguageGate)>(StringComparer.Ordinal);
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new JsonException("not an object");
            return root.ToDictionary(p => p.Key, p => (
                p.Value!["fingerprint"]!.GetValue<string>(),
                new LanguageGate(Number(p.Value, "threshold"), Number(p.Value, "bankAnswered"), Number(p.Value, "everydayStopped"),
                    Number(p.Value, "recallAt1"), Number(p.Value, "recallAt3"))), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new KnowledgeException(path, $"not the file `embed` writes (a fingerprint and five numbers per language): {e.Message} Run `embed` again.");
        }
    }

    /// <summary>Writes the gates, languages in order, numbers as measured.</summary>
    public static void Write(string path, IEnumerable<(string Language, string Fingerprint, LanguageGate Gate)> gates)
    {
        var root = new JsonObject();
        foreach (var (language, fingerprint, gate) in gates.OrderBy(g => g.Language, StringComparer.Ordinal))
            root[language] = new JsonObject
            {
                ["fingerprint"] = fingerprint,
                ["threshold"] = gate.Threshold,
                ["bankAnswered"] = gate.BankAnswered,
                ["everydayStopped"] = gate.EverydayStopped,
                ["recallAt1"] = gate.RecallAt1,
                ["recallAt3"] = gate.RecallAt3,
            };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>SHA-256 of what a language's gate depends on: its bank, the banks pooled with it, its everyday questions, the weights.</summary>
    public static string Fingerprint(LanguageBankSearch.Bank bank, IEnumerable<(Clause Clause, string Question)> pooled, LanguageBankWeights weights)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(weights);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{bank.Language}\n{weights.Ngram:R} {weights.Keyword:R} {weights.KeywordScale:R} {weights.Pooled} {weights.Everyday:R}\n");
        foreach (var (clause, question) in bank.Questions)
            text.Append(clause.Id).Append('\t').Append(question).Append('\n');
        text.Append("pooled\n");
        foreach (var (clause, question) in pooled)
            text.Append(clause.Id).Append('\t').Append(question).Append('\n');
        text.Append("everyday\n");
        foreach (var question in bank.Everyday)
            text.Append(question).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static double Number(JsonNode node, string name) =>
        node[name]?.GetValue<double>() ?? throw new FormatException($"\"{name}\" is missing.");
}
