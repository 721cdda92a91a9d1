using System.Diagnostics;
using System.Globalization;

namespace EthicsBot.Tests;

/// <summary>
/// The node tools the tests drive (tests/e2e/package.json: the Agents Playground, the official Adaptive Cards
/// parser, Playwright, Azurite, the Teams manifest schemas, the Microsoft 365 Agents Toolkit CLI). They are installed with <c>npm ci</c> when missing. They run on Node.js 22 or newer:
/// tests/node-runtime's (installed by test.sh when the machine's node is older) when it is there, else the node on
/// PATH. A machine without such a node fails the test, naming test.sh.
/// </summary>
internal static class NodeTools
{
    private const int MinimumNodeMajor = 22;
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static bool _checked;

    public static string Folder => Repo.Combine("tests", "e2e");

    /// <summary>node, npm and npx as test.sh installs them (tests/node-runtime), first on PATH for every process started here.</summary>
    public static string RuntimeBin => Repo.Combine("tests", "node-runtime", "node_modules", ".bin");

    public static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!_checked)
            {
                var (versionCode, version) = await RunAsync("node", ["-p", "process.versions.node"], TimeSpan.FromMinutes(1));
                var major = versionCode == 0 && int.TryParse(version.Trim().Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
                if (major < MinimumNodeMajor)
                    throw new InvalidOperationException($"Node.js {MinimumNodeMajor} or newer is needed (found {version.Trim()}); ./test.sh installs it.");
                _checked = true;
            }
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "adaptivecards"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "m365agentsplayground"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "azurite"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "app-manifest"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "@microsoft", "m365agentstoolkit-cli")))
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

    /// <summary>
    /// How to start a program in tests/e2e with the tests' node first on PATH (for the program itself, which is looked
    /// up there first, and for whatever it starts, such as scripts that begin <c>#!/usr/bin/env node</c>).
    /// </summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var runtime = Directory.Exists(RuntimeBin);
        if (runtime && !program.Contains('/', StringComparison.Ordinal) && File.Exists(Path.Combine(RuntimeBin, program)))
            program = Path.Combine(RuntimeBin, program);
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (runtime)
            start.Environment["PATH"] = start.Environment.TryGetValue("PATH", out var path) && !string.IsNullOrEmpty(path)
                ? RuntimeBin + Path.PathSeparator + path
                : RuntimeBin;
        return start;
    }

    /// <summary>Runs a program in tests/e2e and returns its exit code and everything it printed.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = StartInfo(program, arguments);
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
