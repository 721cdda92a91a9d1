using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Tests;

/// <summary>Paths into the repository, found from the test assembly's folder.</summary>
internal static class Repo
{
    public static string Root => Testing.RepositoryRoot.Path;

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static KnowledgeSources Sources { get; } = new(Knowledge);

    private static readonly Lazy<IReadOnlyList<Clause>> AllClauses = new(() => Sources.LoadClauses());

    public static IReadOnlyList<Clause> Clauses => AllClauses.Value;
}

/// <summary>A temporary folder, deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ethicsbot-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public static string Meta(string org = "test", string title = "Test Code") =>
        $$"""{"organization":"{{org}}","title":"{{title}}","version":null,"date":null,"sourceUrl":null}""";

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
