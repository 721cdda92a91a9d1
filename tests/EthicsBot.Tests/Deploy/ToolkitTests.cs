using System.IO.Compression;
using System.Text.Json.Nodes;
using EthicsBot.Cli;
using EthicsBot.Tests.Infra;

namespace EthicsBot.Tests.Deploy;

/// <summary>
/// The Microsoft 365 Agents Toolkit project (m365agents.yml, m365agents.local.yml, env/, aad.manifest.json) checked
/// offline with the toolkit itself, the npm package @microsoft/m365agentstoolkit-cli in tests/e2e:
/// <list type="bullet">
/// <item>each yml against the toolkit's JSON schema of its version and through the toolkit's own parser, every action
/// one the toolkit has (tests/e2e/validate-toolkit.cjs);</item>
/// <item>a dry run of its stages: every <c>${{VAR}}</c> a step uses, in the yml or in a file the step reads (the ARM
/// parameters, the Entra app manifest, the Teams manifest), has a value by then, from env/.env.&lt;env&gt; or a step before
/// (including infra/main.bicep's outputs and the provision script's); the Entra app manifest through the toolkit's checks;</item>
/// <item>with the dry run's values, <c>atk validate --manifest-file</c> (schema and the toolkit's rules) and
/// <c>atk package</c> in a network namespace of their own (no network at all), the package's manifest against the official
/// schema from @microsoft/app-manifest, and package-app writing the very same manifest from the same template.</item>
/// </list>
/// What only a tenant can check (sign-ins, Entra, Azure, the Developer Portal's validation service that
/// teamsApp/validateAppPackage calls, publishing) is listed in docs/deploy.md.
/// </summary>
public sealed class ToolkitTests(ToolkitTests.DryRuns dryRuns) : IClassFixture<ToolkitTests.DryRuns>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-toolkit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>infra/main.bicep compiled once, and the validator's dry run of each yml, for the class.</summary>
    public sealed class DryRuns : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-dryrun-").FullName;

        public string ArmTemplate => Path.Combine(_folder, "main.json");

        public (int Code, string Output) Dev { get; private set; }

        public (int Code, string Output) Local { get; private set; }

        public async Task InitializeAsync()
        {
            await NodeTools.EnsureInstalledAsync();
            await BicepCli.BuildMainAsync(ArmTemplate);
            var dev = ValidateAsync(Repo.Root, "m365agents.yml", "dev", "--arm", ArmTemplate, "--run-scripts");
            var local = ValidateAsync(Repo.Root, "m365agents.local.yml", "local", "--run-scripts");
            Dev = await dev;
            Local = await local;
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return Task.CompletedTask;
        }
    }

    private static Task<(int Code, string Output)> ValidateAsync(string project, params string[] args) =>
        NodeTools.RunAsync("node", ["validate-toolkit.cjs", project, .. args], TimeSpan.FromMinutes(3));

    private static JsonNode Report((int Code, string Output) run)
    {
        // The report is the JSON object printed first, indented, so its closing brace is the first at a line's start;
        // anything node says on stderr comes after it.
        var start = run.Output.IndexOf("{\n", StringComparison.Ordinal);
        var end = start < 0 ? -1 : run.Output.IndexOf("\n}", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, run.Output);
        return JsonNode.Parse(run.Output[start..(end + 2)])!;
    }

    /// <summary>The toolkit's CLI, with no network (its own namespace; the tests run as root, as ./test.sh does).</summary>
    private async Task<(int Code, string Output)> AtkAsync(params string[] args)
    {
        var temporary = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName;
        return await NodeTools.RunAsync("unshare", ["--net", Path.Combine(NodeTools.Folder, "node_modules", ".bin", "atk"), .. args, "--telemetry", "false", "--interactive", "false"],
            TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["TMPDIR"] = temporary, ["NO_COLOR"] = "1" });
    }

    private static Dictionary<string, string> Environment(JsonNode report) =>
        report["env"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    private async Task<string> EnvFileAsync(Dictionary<string, string> env, string name)
    {
        var file = Path.Combine(_folder, name);
        await File.WriteAllLinesAsync(file, env.Select(p => $"{p.Key}={p.Value}"));
        return file;
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("local")]
    public void The_yml_passes_the_toolkit_s_schema_and_parser_and_every_variable_has_a_value_when_a_step_uses_it(string environment)
    {
        var run = environment == "dev" ? dryRuns.Dev : dryRuns.Local;
        var report = Report(run);

        Assert.True(run.Code == 0, run.Output);
        Assert.Empty(report["problems"]!.AsArray());
        Assert.Equal("v1.13", (string?)report["version"]);
        Assert.EndsWith("resource/yaml-schema/v1.13/yaml.schema.json", (string?)report["schema"], StringComparison.Ordinal);
        Assert.NotEmpty(report["steps"]!.AsArray());
    }

    [Fact]
    public void Provision_makes_the_desk_s_entra_app_the_azure_resources_and_the_app_package_and_deploy_ends_with_ingest()
    {
        var steps = Report(dryRuns.Dev)["steps"]!.AsArray().Select(s => ((string)s!["stage"]!, (string)s["uses"]!)).ToList();

        Assert.Equal(
            [
                ("provision", "teamsApp/create"), ("provision", "aadApp/create"), ("provision", "script"), ("provision", "arm/deploy"), ("provision", "aadApp/update"),
                ("provision", "teamsApp/validateManifest"), ("provision", "teamsApp/zipAppPackage"), ("provision", "teamsApp/validateAppPackage"), ("provision", "teamsApp/update"),
                ("deploy", "cli/runDotnetCommand"), ("deploy", "azureAppService/zipDeploy"), ("deploy", "script"),
                ("publish", "teamsApp/zipAppPackage"), ("publish", "teamsApp/validateAppPackage"), ("publish", "teamsApp/update"), ("publish", "teamsApp/publishAppPackage"),
            ],
            steps);
        var report = Report(dryRuns.Dev);
        // The Entra app manifest as aadApp/update applies it: the desk's Application ID URI on the web app's host, the
        // scope, and the Teams clients (web, desktop and mobile) pre-authorised for it.
        var aad = report["aadManifest"]!;
        var env = Environment(report);
        Assert.Equal($"api://{env["BOT_DOMAIN"]}/{env["AAD_APP_CLIENT_ID"]}", (string?)aad["identifierUris"]![0]);
        Assert.Equal("access_as_user", (string?)aad["api"]!["oauth2PermissionScopes"]![0]!["value"]);
        var preAuthorised = aad["api"]!["preAuthorizedApplications"]!.AsArray().Select(a => (string)a!["appId"]!).ToList();
        Assert.Contains("1fec8e78-bce4-4aaf-ab1b-5451cc387264", preAuthorised);
        Assert.Contains("5e3ce6c0-2b1f-4285-8d4b-75ee78787346", preAuthorised);
        Assert.Equal("00000003-0000-0000-c000-000000000000", (string?)aad["requiredResourceAccess"]![0]!["resourceAppId"]); // "Microsoft Graph", resolved by the toolkit
        // The embedded default: provision's script says nobody needs the search roles, deploy's has nothing to ingest.
        Assert.Equal("none", env["INGEST_PRINCIPAL_ID"]);
        Assert.Contains("nothing to ingest", (string?)report["steps"]!.AsArray().Last(s => (string)s!["uses"]! == "script")!["output"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_finds_a_wrong_field_an_unknown_action_and_a_variable_with_no_value()
    {
        var project = Directory.CreateDirectory(Path.Combine(_folder, "broken")).FullName;
        Directory.CreateDirectory(Path.Combine(project, "env"));
        await File.WriteAllTextAsync(Path.Combine(project, "env", ".env.dev"), "TEAMSFX_ENV=dev\nLEFT_EMPTY=\n");
        await File.WriteAllTextAsync(Path.Combine(project, "m365agents.yml"), """
            version: v1.13
            environmentFolderPath: ./env
            provision:
              - uses: teamsApp/create
                with:
                  name: EthicsBot${{LEFT_EMPTY}}
                  colour: blue
                writeToEnvironmentFile:
                  teamsAppId: TEAMS_APP_ID
              - uses: teamsApp/bogus
                with:
                  id: ${{TEAMS_APP_ID}}
            """);

        var run = await ValidateAsync(project, "m365agents.yml", "dev");

        Assert.Equal(1, run.Code);
        var problems = Report(run)["problems"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Contains(problems, p => p.Contains("/provision/0/with must NOT have additional properties", StringComparison.Ordinal) && p.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("teamsApp/bogus", StringComparison.Ordinal) && p.Contains("not an action of this toolkit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("${{LEFT_EMPTY}}, which has no value", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("TEAMS_APP_ID", StringComparison.Ordinal)); // written by the step before
    }

    [Fact]
    public async Task The_toolkit_validates_and_packages_the_manifest_offline_and_package_app_writes_the_same_one()
    {
        var env = Environment(Report(dryRuns.Dev));
        var envFile = await EnvFileAsync(env, "dryrun.env");
        var template = Repo.Combine("manifest", "manifest.template.json");

        var (validateCode, validated) = await AtkAsync("validate", "--manifest-file", template, "--env-file", envFile, "--folder", Repo.Root);
        Assert.True(validateCode == 0, validated);
        Assert.Contains("All passed", validated, StringComparison.Ordinal);

        var zipFile = Path.Combine(_folder, "toolkit.zip");
        var (packageCode, packaged) = await AtkAsync("package", "--manifest-file", template, "--env-file", envFile, "--folder", Repo.Root,
            "--output-package-file", zipFile, "--output-folder", Path.Combine(_folder, "toolkit"));
        Assert.True(packageCode == 0 && File.Exists(zipFile), packaged);

        // The official schema of the manifest's version, as the manifest tests check package-app's.
        var manifestFile = Path.Combine(_folder, "manifest.json");
        using (var zip = ZipFile.OpenRead(zipFile))
        {
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            zip.GetEntry("manifest.json")!.ExtractToFile(manifestFile);
        }
        var (schemaCode, schemaOutput) = await NodeTools.RunAsync("node", ["validate-manifest.cjs", manifestFile], TimeSpan.FromMinutes(1));
        Assert.True(schemaCode == 0, schemaOutput);
        Assert.Contains("\"errors\":[]", schemaOutput, StringComparison.Ordinal);
        var toolkit = JsonNode.Parse(await File.ReadAllTextAsync(manifestFile))!;
        Assert.Equal(env["BOT_ID"], (string?)toolkit["bots"]![0]!["botId"]);
        Assert.Equal(env["AAD_APP_CLIENT_ID"], (string?)toolkit["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{env["BOT_DOMAIN"]}/{env["AAD_APP_CLIENT_ID"]}", (string?)toolkit["webApplicationInfo"]!["resource"]);

        // package-app, for those without the toolkit, fills the same template with the same values into the same manifest.
        var ours = Path.Combine(_folder, "package-app.zip");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(
            ["package-app", "--app-id", env["BOT_ID"], "--teams-app-id", env["TEAMS_APP_ID"], "--sso-app-id", env["AAD_APP_CLIENT_ID"], "--domain", env["BOT_DOMAIN"],
                "--version", env["APP_VERSION"], "--developer", env["DEVELOPER_NAME"], "--website", env["WEBSITE_URL"], "--privacy-url", env["PRIVACY_URL"],
                "--terms-url", env["TERMS_URL"], "--out", ours],
            stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        using var ourZip = ZipFile.OpenRead(ours);
        using var reader = new StreamReader(ourZip.GetEntry("manifest.json")!.Open());
        var packageApp = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.True(JsonNode.DeepEquals(toolkit, packageApp), $"toolkit:\n{toolkit}\npackage-app:\n{packageApp}");
    }

    [Fact]
    public async Task The_toolkit_s_offline_validation_fails_on_a_real_error()
    {
        var env = Environment(Report(dryRuns.Dev));
        env["BOT_ID"] = "not-a-guid";

        var (code, output) = await AtkAsync("validate", "--manifest-file", Repo.Combine("manifest", "manifest.template.json"), "--env-file", await EnvFileAsync(env, "broken.env"), "--folder", Repo.Root);

        Assert.NotEqual(0, code);
        Assert.Contains("/bots/0/botId", output, StringComparison.Ordinal);
    }
}
