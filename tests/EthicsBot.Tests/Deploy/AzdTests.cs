using System.Text.Json.Nodes;

namespace EthicsBot.Tests.Deploy;

/// <summary>
/// azure.yaml, for <c>azd up</c>: the bot project deployed to the web app infra/main.bicep tags for it, its parameters
/// from infra/main.bicepparam, and after the deploy the same ingest step the toolkit's m365agents.yml runs — one script
/// for both, not two. (azd itself is not on the package registries this project uses: what azd does with the file is
/// checked only with azd, against a subscription; the web app's tag is checked in Infra/DeploymentOptionsTests.)
/// </summary>
public sealed class AzdTests
{
    [Fact]
    public async Task Azd_deploys_the_bot_project_with_infra_main_and_runs_the_same_ingest_step_as_the_toolkit()
    {
        await NodeTools.EnsureInstalledAsync();
        var azure = await YamlAsync("azure.yaml");
        var toolkit = await YamlAsync("m365agents.yml");

        var service = azure["services"]!["bot"]!;
        Assert.Equal("appservice", (string?)service["host"]);
        Assert.Equal("dotnet", (string?)service["language"]);
        Assert.True(File.Exists(Repo.Combine((string)service["project"]!, "EthicsBot.csproj")));
        Assert.Equal("bicep", (string?)azure["infra"]!["provider"]);
        Assert.True(File.Exists(Repo.Combine((string)azure["infra"]!["path"]!, (string)azure["infra"]!["module"]! + ".bicep")));
        Assert.True(File.Exists(Repo.Combine((string)azure["infra"]!["path"]!, (string)azure["infra"]!["module"]! + ".bicepparam")));
        // One source of truth: azd's postdeploy hook runs exactly what the toolkit's last deploy step runs.
        var ingest = (string)toolkit["deploy"]!.AsArray().Last()!["with"]!["run"]!;
        Assert.Equal("node infra/hooks/ingest.mjs", ingest);
        Assert.Equal(ingest, (string?)azure["hooks"]!["postdeploy"]!["posix"]!["run"]);
        Assert.Equal(ingest, (string?)azure["hooks"]!["postdeploy"]!["windows"]!["run"]);
    }

    private static async Task<JsonNode> YamlAsync(string file)
    {
        var (code, output) = await NodeTools.RunAsync("node", ["yaml-to-json.cjs", Repo.Combine(file)], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        return JsonNode.Parse(output)!;
    }
}
