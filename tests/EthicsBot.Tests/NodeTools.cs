using System.Diagnostics;

namespace EthicsBot.Tests;

/// <summary>
/// The node tools the tests drive (tests/e2e/package.json: the Agents Playground, the official Adaptive Cards
/// parser, Playwright). They are installed with <c>npm ci</c> when missing; a machine without node fails the test.
/// </summary>
internal static class NodeTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string Folder => Repo.Combine("tests", "e2e");

    public static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "adaptivecards"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "m365agentsplayground"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "azurite"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "app-manifest")))
                return;
            var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (code != 0)
                throw new InvalidOperationException($"npm ci in {Folder} failed ({code}):\n{output}");
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>Runs a program in tests/e2e and returns its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran past {timeout}:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
