using System.Diagnostics;

namespace EthicsBot.Tests.Deploy;

/// <summary>
/// The files around the toolkit project: the two scripts its steps run (infra/hooks) and the environment templates
/// (committed, without secrets; the .user files ignored by git).
/// </summary>
public sealed class DeployFilesTests : IDisposable
{
    private const string SomeObjectId = "5d9c1a7e-3b2f-4e8d-9c6a-0f1e2d3c4b5a";
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-hooks-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A hook as the toolkit or azd runs it, from the repository's root, with nothing on PATH (no az, no dotnet).</summary>
    private async Task<(int Code, string Output)> HookAsync(string script, Dictionary<string, string> environment)
    {
        await NodeTools.EnsureInstalledAsync();
        var (_, node) = await NodeTools.RunAsync("node", ["-p", "process.execPath"], TimeSpan.FromMinutes(1));
        var start = new ProcessStartInfo(node.Trim()) { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("infra", "hooks", script));
        foreach (var key in new[] { "SEARCH_MODE", "SEARCH_ENDPOINT", "INGEST_PRINCIPAL_ID" })
            start.Environment.Remove(key);
        start.Environment["PATH"] = _folder;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Provision_s_script_names_nobody_for_embedded_search_and_whoever_deploys_for_azure()
    {
        var embedded = await HookAsync("ingest-principal.mjs", new() { ["SEARCH_MODE"] = "embedded", ["INGEST_PRINCIPAL_ID"] = "" });
        var given = await HookAsync("ingest-principal.mjs", new() { ["SEARCH_MODE"] = "azure", ["INGEST_PRINCIPAL_ID"] = SomeObjectId });
        var noAzureCli = await HookAsync("ingest-principal.mjs", new() { ["SEARCH_MODE"] = "azure", ["INGEST_PRINCIPAL_ID"] = "none" });
        var wrong = await HookAsync("ingest-principal.mjs", new() { ["SEARCH_MODE"] = "lucene" });

        Assert.Equal((0, "::set-teamsfx-env INGEST_PRINCIPAL_ID=none"), (embedded.Code, embedded.Output.Trim()));
        Assert.Equal((0, $"::set-teamsfx-env INGEST_PRINCIPAL_ID={SomeObjectId}"), (given.Code, given.Output.Trim()));
        Assert.Equal(1, noAzureCli.Code);
        Assert.Contains("az login", noAzureCli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("::set-teamsfx-env", noAzureCli.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrong.Code);
        Assert.Contains("SEARCH_MODE must be embedded or azure", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_s_ingest_step_does_nothing_for_embedded_search_and_wants_the_endpoint_for_azure()
    {
        var embedded = await HookAsync("ingest.mjs", new() { ["SEARCH_MODE"] = "embedded" });
        var unset = await HookAsync("ingest.mjs", new());
        var noEndpoint = await HookAsync("ingest.mjs", new() { ["SEARCH_MODE"] = "azure", ["SEARCH_ENDPOINT"] = "none" });

        Assert.Equal(0, embedded.Code);
        Assert.Contains("nothing to ingest", embedded.Output, StringComparison.Ordinal);
        Assert.Equal(0, unset.Code); // the Bicep's default
        Assert.Equal(1, noEndpoint.Code);
        Assert.Contains("needs SEARCH_ENDPOINT", noEndpoint.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("local")]
    public async Task The_environment_templates_are_committed_without_secrets_and_their_user_files_are_ignored(string environment)
    {
        var lines = await File.ReadAllLinesAsync(Repo.Combine("env", $".env.{environment}"));
        var values = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

        Assert.Equal(environment, values["TEAMSFX_ENV"]);
        Assert.DoesNotContain(values.Keys, k => k.StartsWith("SECRET_", StringComparison.Ordinal));
        Assert.Equal(1, await GitCheckIgnoreAsync($"env/.env.{environment}"));
        Assert.Equal(0, await GitCheckIgnoreAsync($"env/.env.{environment}.user"));
        if (environment == "dev")
        {
            // The cheapest setup, as the Bicep's defaults.
            Assert.Equal("embedded", values["SEARCH_MODE"]);
            Assert.Equal("off", values["OPEN_AI"]);
        }
    }

    private static async Task<int> GitCheckIgnoreAsync(string path)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "check-ignore", "--quiet", "--no-index", path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
