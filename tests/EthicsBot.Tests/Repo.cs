namespace EthicsBot.Tests;

/// <summary>Where the repository and the shared evaluation sets are, seen from the test assembly.</summary>
internal static class Repo
{
    public static string Root => Testing.RepositoryRoot.Path;

    public static string SharedEval(string file) => Path.Combine(Root, "..", "shared", "eval", file);

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
