using System.Diagnostics;
using System.Reflection;

namespace EthicsBot.Tests.Infra;

/// <summary>The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (its props set $(BicepPath)).</summary>
internal static class BicepCli
{
    public static string Path =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("BicepPath is not set: restore the Azure.Bicep.CommandLine.linux-x64 package.");

    public static string MainBicep => Repo.Combine("infra", "main.bicep");

    /// <summary>Runs the CLI in <paramref name="workingDirectory"/> (the repository's root when null) with extra environment variables.</summary>
    public static async Task<(int Code, string Out, string Error)> RunAsync(string[] args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        Assert.True(File.Exists(Path), $"the Bicep CLI is not at {Path}");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Repo.Root };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>infra/main.bicep compiled to an ARM template, written to <paramref name="file"/>.</summary>
    public static async Task BuildMainAsync(string file)
    {
        var (code, output, error) = await RunAsync("build", MainBicep, "--stdout");
        Assert.True(code == 0, error);
        await File.WriteAllTextAsync(file, output);
    }
}
