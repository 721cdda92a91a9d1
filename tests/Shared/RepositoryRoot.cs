namespace EthicsBot.Testing;

/// <summary>
/// The repository's root (the folder holding EthicsBot.sln), found from the running assembly's folder. One file,
/// linked into the test projects and the benchmarks, so paths into knowledge/ and ../shared work from any build output.
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EthicsBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository: EthicsBot.sln not found above " + AppContext.BaseDirectory);
    }
}
