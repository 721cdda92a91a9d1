using System.Text.Json.Nodes;

namespace EthicsBot.Tests.Infra;

/// <summary>
/// What infra/main.bicep deploys for each combination of searchMode (embedded | azure) and openAi (on | off), and with
/// keyVault: the Bicep CLI's <c>snapshot</c> evaluates the template offline for a parameters file (conditions, names,
/// app settings and outputs; what only Azure knows, such as a host name, stays an expression) and lists the resources
/// a deployment would create. embedded + off is App Service, Storage (Tables and the campaigns' queue) and monitoring with the bot's identity
/// and registration: no Azure AI Search, no Azure OpenAI, no Key Vault.
/// </summary>
public sealed class DeploymentOptionsTests(DeploymentOptionsTests.Snapshots snapshots) : IClassFixture<DeploymentOptionsTests.Snapshots>
{
    private const string DeskClientId = "3c1f9e2a-7b4d-4c5e-8f6a-1b2c3d4e5f60";
    private const string IngestPrincipalId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    /// <summary>The five snapshots, made side by side once for the class (each takes the CLI some seconds to start).</summary>
    public sealed class Snapshots : IAsyncLifetime
    {
        public static readonly string[] Combinations = ["embedded-off", "embedded-on", "azure-off", "azure-on", "embedded-off-keyvault"];

        private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-snapshots-").FullName;
        private readonly Dictionary<string, (int Code, string Printed, JsonNode? Snapshot)> _results = new(StringComparer.Ordinal);

        public (int Code, string Printed, JsonNode? Snapshot) this[string combination] => _results[combination];

        public async Task InitializeAsync()
        {
            var main = Path.GetRelativePath(_folder, BicepCli.MainBicep).Replace('\\', '/');
            var runs = Combinations.Select(async combination =>
            {
                var parts = combination.Split('-');
                var file = Path.Combine(_folder, combination + ".bicepparam");
                await File.WriteAllTextAsync(file, $"""
                    using '{main}'
                    param searchMode = '{parts[0]}'
                    param openAi = '{parts[1]}'
                    param keyVault = {(parts.Length > 2 ? "true" : "false")}
                    param deskClientId = '{DeskClientId}'
                    param ingestPrincipalId = '{IngestPrincipalId}'
                    """);
                var (code, output, error) = await BicepCli.RunAsync(["snapshot", file, "--subscription-id", "00000000-0000-0000-0000-0000000000a1", "--resource-group", "ethicsbot-test",
                    "--location", "westeurope", "--tenant-id", "00000000-0000-0000-0000-0000000000b2"], workingDirectory: _folder);
                var snapshot = Path.Combine(_folder, combination + ".snapshot.json");
                lock (_results)
                    _results[combination] = (code, output + error, File.Exists(snapshot) ? JsonNode.Parse(File.ReadAllText(snapshot)) : null);
            });
            await Task.WhenAll(runs);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return Task.CompletedTask;
        }
    }

    private JsonNode Snapshot(string combination)
    {
        var (code, printed, snapshot) = snapshots[combination];
        Assert.True(code == 0 && snapshot is not null, $"bicep snapshot {combination}: exit {code}\n{printed}");
        Assert.Empty(snapshot!["diagnostics"]!.AsArray());
        return snapshot;
    }

    private static List<string> Types(JsonNode snapshot) => snapshot["predictedResources"]!.AsArray().Select(r => (string)r!["type"]!).ToList();

    private static JsonObject AppSettings(JsonNode snapshot) =>
        snapshot["predictedResources"]!.AsArray().Single(r => (string)r!["type"]! == "Microsoft.Web/sites/config")!["properties"]!.AsObject();

    [Fact]
    public void Embedded_and_off_is_app_service_storage_and_monitoring_only()
    {
        var snapshot = Snapshot("embedded-off");

        Assert.Equal(
            [
                "Microsoft.Authorization/roleAssignments", "Microsoft.Authorization/roleAssignments", "Microsoft.BotService/botServices", "Microsoft.BotService/botServices/channels",
                "Microsoft.Insights/components", "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.OperationalInsights/workspaces",
                "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/queueServices", "Microsoft.Storage/storageAccounts/tableServices", "Microsoft.Web/serverfarms", "Microsoft.Web/sites",
                "Microsoft.Web/sites/config",
            ],
            Types(snapshot).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Types(snapshot), t => t.StartsWith("Microsoft.Search/", StringComparison.Ordinal) || t.StartsWith("Microsoft.CognitiveServices/", StringComparison.Ordinal));
        var settings = AppSettings(snapshot);
        Assert.Equal("Lucene", (string?)settings["Search__Provider"]);
        Assert.Equal("Tables", (string?)settings["Storage__Provider"]);
        Assert.DoesNotContain(settings, s => s.Key.StartsWith("Search__Azure__", StringComparison.Ordinal) || s.Key.StartsWith("AzureOpenAI__", StringComparison.Ordinal));
        // The two roles: the bot's identity on its tables and on its queues (the campaigns' delivery queue), whose endpoint it is given.
        var roles = snapshot["predictedResources"]!.AsArray().Where(r => (string)r!["type"]! == "Microsoft.Authorization/roleAssignments")
            .Select(r => ((string)r!["properties"]!["roleDefinitionId"]!).Split('/')[^1]).Order(StringComparer.Ordinal);
        Assert.Equal(["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "974c5e8b-45b9-4653-ba55-5f855dd0fb88"], roles);
        Assert.True(settings.ContainsKey("Storage__Tables__Endpoint") && settings.ContainsKey("Storage__Tables__QueueEndpoint"));
    }

    [Theory]
    [InlineData("embedded-off", false, false, 2)]
    [InlineData("embedded-on", false, true, 3)]
    [InlineData("azure-off", true, false, 6)]
    [InlineData("azure-on", true, true, 7)]
    public void Each_combination_deploys_its_services_and_sets_the_app_to_use_them(string combination, bool search, bool openAi, int roles)
    {
        var snapshot = Snapshot(combination);
        var types = Types(snapshot);
        var settings = AppSettings(snapshot);

        Assert.Equal(search, types.Contains("Microsoft.Search/searchServices"));
        Assert.Equal(openAi, types.Contains("Microsoft.CognitiveServices/accounts") && types.Contains("Microsoft.CognitiveServices/accounts/deployments"));
        Assert.DoesNotContain("Microsoft.KeyVault/vaults", types);
        Assert.Equal(roles, types.Count(t => t == "Microsoft.Authorization/roleAssignments"));
        Assert.Equal(search ? "Azure" : "Lucene", (string?)settings["Search__Provider"]);
        Assert.Equal(search, settings.ContainsKey("Search__Azure__Endpoint"));
        Assert.Equal(openAi, settings.ContainsKey("AzureOpenAI__Endpoint") && (string?)settings["AzureOpenAI__Deployment"] == "chat");
        if (search)
        {
            // Whoever runs ingest gets both search roles, as the bot's identity does.
            var ingest = snapshot["predictedResources"]!.AsArray().Where(r => (string?)r!["properties"]?["principalId"] == IngestPrincipalId).ToList();
            Assert.Equal(2, ingest.Count);
            Assert.All(ingest, r => Assert.Contains("Microsoft.Search/searchServices/", (string)r!["id"]!, StringComparison.Ordinal));
        }

        // Every combination: the bot is the managed identity, every service reached by it; the desk's SSO settings.
        Assert.Equal("UserAssignedMSI", (string?)settings["Bot__AppType"]);
        Assert.Equal("00000000-0000-0000-0000-0000000000b2", (string?)settings["Bot__TenantId"]);
        Assert.Equal(DeskClientId, (string?)settings["Desk__ClientId"]);
        Assert.Matches(@"^\[format\('api://\{0\}/\{1\}', reference\('[^']*/Microsoft\.Web/sites/[^']+', '[^']+'\)\.defaultHostName, '" + DeskClientId + @"'\)\]$", (string?)settings["Desk__Audience"]);
        Assert.All(settings, s => Assert.DoesNotMatch("(?i)key=|secret|password|listKeys", s.Value!.ToString()));
        var site = snapshot["predictedResources"]!.AsArray().Single(r => (string)r!["type"]! == "Microsoft.Web/sites")!;
        Assert.Equal("bot", (string?)site["tags"]!["azd-service-name"]); // azure.yaml's service
    }

    [Theory]
    [InlineData("embedded-off")]
    [InlineData("embedded-on")]
    [InlineData("azure-off")]
    [InlineData("azure-on")]
    public void Its_outputs_are_what_the_toolkit_and_azd_write_and_none_is_empty(string combination)
    {
        var outputs = Snapshot(combination)["outputs"]!.AsObject();

        Assert.Equal(
            ["BOT_AZURE_APP_SERVICE_RESOURCE_ID", "BOT_DOMAIN", "BOT_ENDPOINT", "BOT_ID", "SEARCH_ENDPOINT", "SEARCH_MODE", "WEB_APP_NAME"],
            outputs.Select(o => o.Key).Order(StringComparer.Ordinal));
        // The toolkit's arm/deploy writes an empty output as "[object Object]" into the environment file.
        Assert.All(outputs, o => Assert.False(string.IsNullOrEmpty((string?)o.Value), $"{o.Key} is empty"));
        Assert.Equal(combination.Split('-')[0], (string?)outputs["SEARCH_MODE"]);
        Assert.Equal(combination.StartsWith("azure", StringComparison.Ordinal), ((string?)outputs["SEARCH_ENDPOINT"])!.StartsWith("https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_vault_comes_with_its_secrets_role_only_when_asked_for()
    {
        var snapshot = Snapshot("embedded-off-keyvault");

        Assert.Single(Types(snapshot), t => t == "Microsoft.KeyVault/vaults");
        Assert.Equal(3, Types(snapshot).Count(t => t == "Microsoft.Authorization/roleAssignments"));
        Assert.Contains(snapshot["predictedResources"]!.AsArray(), r => ((string?)r!["properties"]?["roleDefinitionId"])?.EndsWith("4633458b-17de-408a-b874-0445c86b69e6", StringComparison.Ordinal) == true);
    }
}
