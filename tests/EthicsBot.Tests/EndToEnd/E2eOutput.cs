namespace EthicsBot.Tests.EndToEnd;

/// <summary>
/// Where an end-to-end run writes its screenshots, logs, downloads and database: a folder in the temp directory that is
/// deleted when the test ends, pass or fail (its failure message carries the run's output), or, to look at the
/// screenshots, a new folder inside the one <c>ETHICSBOT_E2E_OUTPUT</c> names, which is kept.
/// </summary>
internal sealed class E2eOutput : IDisposable
{
    public const string Variable = "ETHICSBOT_E2E_OUTPUT";

    private readonly bool _keep;

    public E2eOutput(string name)
    {
        var chosen = Environment.GetEnvironmentVariable(Variable);
        _keep = !string.IsNullOrWhiteSpace(chosen);
        Path = _keep
            ? Directory.CreateDirectory(System.IO.Path.Combine(chosen!, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}")).FullName
            : Directory.CreateTempSubdirectory($"ethicsbot-{name}-").FullName;
        if (!_keep)
            SweepStale(name);
    }

    /// <summary>
    /// A run that was killed (a timeout, Ctrl+C) never reaches <see cref="Dispose"/>: the next run removes such folders
    /// of its kind once they are an hour old, so none outlives the run after it. A run in progress is never that old.
    /// </summary>
    private static void SweepStale(string name)
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), $"ethicsbot-{name}-*"))
            if (Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddHours(-1))
                TempFolders.Delete(folder);
    }

    public string Path { get; }

    /// <summary>For a message: where the files are, or how to keep them next time.</summary>
    public string Where => _keep ? $"screenshots and logs in {Path}" : $"screenshots and logs are deleted after the run; set {Variable}=<folder> to keep them";

    public void Dispose()
    {
        if (!_keep)
            TempFolders.Delete(Path); // the test's own stores opened the run's database
    }
}
