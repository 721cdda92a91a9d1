using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EthicsBot.Tests.Infra;

/// <summary>
/// infra/main.bicep and infra/main.bicepparam build and lint with no error and no linter warning (the Bicep CLI comes
/// from the NuGet package Azure.Bicep.CommandLine.linux-x64); both parameter files — the toolkit's
/// infra/azure.parameters.json and azd's infra/main.bicepparam — name only parameters the template has, set the same
/// ones, and read them from the same environment variables; what it deploys keeps every key out of the app settings.
/// What each combination of searchMode and openAi deploys is in <see cref="DeploymentOptionsTests"/>.
/// </summary>
public sealed class BicepTests
{
    private static async Task<JsonNode> TemplateAsync()
    {
        var (code, output, error) = await BicepCli.RunAsync("build", BicepCli.MainBicep, "--stdout");
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!;
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("main.bicepparam")]
    public async Task It_builds_and_lints_with_no_error_and_no_warning(string file)
    {
        var path = Repo.Combine("infra", file);
        var (buildCode, _, buildErrors) = await BicepCli.RunAsync(file.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build", path, "--stdout");
        var (lintCode, lintOutput, lintErrors) = await BicepCli.RunAsync("lint", path);

        Assert.True(buildCode == 0, buildErrors);
        Assert.DoesNotContain("Warning", buildErrors, StringComparison.Ordinal);
        Assert.True(lintCode == 0, lintOutput + lintErrors);
        Assert.Equal("", (lintOutput + lintErrors).Trim()); // any diagnostic, warnings included, fails
    }

    [Fact]
    public async Task The_lint_check_itself_catches_a_warning()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-bicep-").FullName;
        try
        {
            var file = Path.Combine(folder, "bad.bicep");
            await File.WriteAllTextAsync(file, "param unused string\n");

            var (_, output, errors) = await BicepCli.RunAsync("lint", file);

            Assert.Contains("no-unused-params", output + errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_toolkit_s_parameters_file_sets_only_parameters_main_bicep_has_and_the_same_as_azd_s_from_the_same_variables()
    {
        var declared = (await TemplateAsync())["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var toolkit = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Combine("infra", "azure.parameters.json")))!["parameters"]!.AsObject();
        var azd = await File.ReadAllTextAsync(Repo.Combine("infra", "main.bicepparam"));

        Assert.All(toolkit.Select(p => p.Key), key => Assert.Contains(key, declared));
        var azdParameters = Regex.Matches(azd, @"^param (\w+) = (.+)$", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.Equal(toolkit.Select(p => p.Key).Order(StringComparer.Ordinal), azdParameters.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in toolkit)
        {
            var text = value!["value"]!.ToJsonString();
            var variable = Regex.Match(text, @"\$\{\{(\w+)\}\}");
            var read = Regex.Match(azdParameters[name], @"^readEnvironmentVariable\('(\w+)'");
            Assert.True(variable.Success == read.Success, $"{name}: the toolkit sets {text}, azd {azdParameters[name]}");
            // Whoever runs ingest: the toolkit's provision step writes INGEST_PRINCIPAL_ID; azd knows its user itself.
            if (variable.Success && name != "ingestPrincipalId")
                Assert.Equal(variable.Groups[1].Value, read.Groups[1].Value);
            if (!variable.Success)
                Assert.Equal(text.Trim('"'), azdParameters[name].Trim('\''));
        }
        Assert.Contains("readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')", azdParameters["ingestPrincipalId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azd_s_parameters_come_from_the_environment_with_the_cheapest_setup_as_default()
    {
        var (code, output, error) = await BicepCli.RunAsync(["build-params", Repo.Combine("infra", "main.bicepparam"), "--stdout"],
            new Dictionary<string, string> { ["SEARCH_MODE"] = "azure", ["OPEN_AI"] = "on", ["AZURE_PRINCIPAL_ID"] = "0b4e8f6a-5c3d-4e2f-9a1b-7c6d5e4f3a2b" });
        Assert.True(code == 0, error);
        var set = JsonNode.Parse(JsonNode.Parse(output)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal("azure", (string?)set["searchMode"]!["value"]);
        Assert.Equal("on", (string?)set["openAi"]!["value"]);
        Assert.Equal("0b4e8f6a-5c3d-4e2f-9a1b-7c6d5e4f3a2b", (string?)set["ingestPrincipalId"]!["value"]);

        var template = await TemplateAsync();
        Assert.Equal("embedded", (string?)template["parameters"]!["searchMode"]!["defaultValue"]);
        Assert.Equal("off", (string?)template["parameters"]!["openAi"]!["defaultValue"]);
        Assert.False((bool)template["parameters"]!["keyVault"]!["defaultValue"]!);
    }

    [Fact]
    public async Task Every_service_is_reached_by_managed_identity_and_no_key_is_in_the_template()
    {
        var text = (await TemplateAsync()).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        foreach (var type in new[]
                 {
                     "Microsoft.Web/serverfarms", "Microsoft.Web/sites", "Microsoft.Web/sites/config", "Microsoft.ManagedIdentity/userAssignedIdentities",
                     "Microsoft.BotService/botServices", "Microsoft.BotService/botServices/channels", "Microsoft.Search/searchServices",
                     "Microsoft.CognitiveServices/accounts", "Microsoft.CognitiveServices/accounts/deployments", "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/queueServices",
                     "Microsoft.KeyVault/vaults", "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components",
                     "Microsoft.Authorization/roleAssignments",
                 })
            Assert.Contains($"\"type\":\"{type}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"msaAppType\":\"UserAssignedMSI\"", text, StringComparison.Ordinal);
        Assert.Contains("MsTeamsChannel", text, StringComparison.Ordinal);
        Assert.Contains("DOTNETCORE|10.0", text, StringComparison.Ordinal);
        Assert.Contains("\"semanticSearch\":\"[parameters('semanticPlan')]\"", text, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\":false", text, StringComparison.Ordinal);
        Assert.Contains("\"disableLocalAuth\":true", text, StringComparison.Ordinal);
        foreach (var forbidden in new[] { "listKeys(", "AccountKey", "ApiKey", "ClientSecret", "listAdminKeys(", "listSecrets(" })
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
    }
}
