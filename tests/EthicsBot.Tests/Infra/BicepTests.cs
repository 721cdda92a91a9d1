using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace EthicsBot.Tests.Infra;

/// <summary>
/// infra/main.bicep builds and lints with no error and no linter warning (the Bicep CLI comes from the NuGet package
/// Azure.Bicep.CommandLine.linux-x64), its parameters file names only parameters it has, and what it deploys keeps
/// every key out of the app settings.
/// </summary>
public sealed class BicepTests
{
    private static string Bicep =>
        typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("BicepPath is not set: restore the Azure.Bicep.CommandLine.linux-x64 package.");

    private static string MainBicep => Repo.Combine("infra", "main.bicep");

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(Bicep), $"the Bicep CLI is not at {Bicep}");
        var start = new ProcessStartInfo(Bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<JsonNode> TemplateAsync()
    {
        var (code, output, error) = await RunAsync("build", MainBicep, "--stdout");
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!;
    }

    [Fact]
    public async Task Main_bicep_builds_and_lints_with_no_error_and_no_warning()
    {
        var (buildCode, _, buildErrors) = await RunAsync("build", MainBicep, "--stdout");
        var (lintCode, lintOutput, lintErrors) = await RunAsync("lint", MainBicep);

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

            var (_, output, errors) = await RunAsync("lint", file);

            Assert.Contains("no-unused-params", output + errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_parameters_file_sets_only_parameters_main_bicep_has()
    {
        var template = await TemplateAsync();
        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(Repo.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject();

        var declared = template["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(parameters.Select(p => p.Key), key => Assert.Contains(key, declared));
    }

    [Fact]
    public async Task It_deploys_every_service_the_bot_needs_with_managed_identity_and_no_keys_in_app_settings()
    {
        var text = (await TemplateAsync()).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        foreach (var type in new[]
                 {
                     "Microsoft.Web/serverfarms", "Microsoft.Web/sites", "Microsoft.ManagedIdentity/userAssignedIdentities",
                     "Microsoft.BotService/botServices", "Microsoft.BotService/botServices/channels", "Microsoft.Search/searchServices",
                     "Microsoft.CognitiveServices/accounts", "Microsoft.CognitiveServices/accounts/deployments", "Microsoft.Storage/storageAccounts",
                     "Microsoft.KeyVault/vaults", "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components",
                     "Microsoft.Authorization/roleAssignments",
                 })
            Assert.Contains($"\"type\":\"{type}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"msaAppType\":\"UserAssignedMSI\"", text, StringComparison.Ordinal);
        Assert.Contains("MsTeamsChannel", text, StringComparison.Ordinal);
        Assert.Contains("DOTNETCORE|10.0", text, StringComparison.Ordinal);
        Assert.Contains("\"semanticSearch\":\"[parameters('semanticPlan')]\"", text, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\":false", text, StringComparison.Ordinal);
        Assert.Equal(5, text.Split("\"type\":\"Microsoft.Authorization/roleAssignments\"").Length - 1);
        foreach (var forbidden in new[] { "listKeys(", "AccountKey", "ApiKey", "ClientSecret", "listAdminKeys(" })
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
    }
}
