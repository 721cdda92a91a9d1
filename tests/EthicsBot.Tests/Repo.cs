namespace EthicsBot.Tests;

/// <summary>Where the repository and the shared evaluation sets are, seen from the test assembly.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SharedEval(string file) => Path.Combine(Root, "..", "shared", "eval", file);

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EthicsBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException("EthicsBot.sln not found above " + AppContext.BaseDirectory);
    }
}
