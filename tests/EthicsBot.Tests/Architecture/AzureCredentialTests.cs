using Azure.Core;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Hosting;
using EthicsBot.Knowledge.Search.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EthicsBot.Tests.Architecture;

/// <summary>
/// The app reaches Table Storage, Azure OpenAI and Azure AI Search with one registered credential; the bot's own
/// Bot Framework credential stays apart (keyed).
/// </summary>
public sealed class AzureCredentialTests
{
    [Fact]
    public void The_azure_credential_is_registered_once_apart_from_the_bots_own()
    {
        var builder = Builder(new Dictionary<string, string?>());
        var credentials = builder.Services.Where(d => d.ServiceType == typeof(TokenCredential)).ToList();
        Assert.Single(credentials, d => !d.IsKeyedService);
        Assert.Single(credentials, d => d.IsKeyedService && Equals(d.ServiceKey, EthicsBot.Teams.Connector.ConnectorServiceExtensions.BotCredentialKey));
    }

    [Fact]
    public void A_configured_client_id_means_that_user_assigned_managed_identity()
    {
        using var host = Builder(new Dictionary<string, string?> { [AzureCredentials.ClientIdKey] = "00000000-0000-0000-0000-000000000001" }).Build();
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(host.Services.GetRequiredService<TokenCredential>());
        using var chain = Builder(new Dictionary<string, string?>()).Build();
        Assert.IsType<Azure.Identity.DefaultAzureCredential>(chain.Services.GetRequiredService<TokenCredential>());
    }

    [Fact]
    public async Task Table_storage_azure_openai_and_azure_ai_search_ask_the_one_credential_for_their_tokens()
    {
        var credential = new RecordingCredential();
        var builder = Builder(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Tables", ["Storage:Tables:Endpoint"] = "https://127.0.0.1:9/", ["Storage:Tables:QueueEndpoint"] = "https://127.0.0.1:9/",
            ["Search:Provider"] = "Azure", ["Search:Azure:Endpoint"] = "https://127.0.0.1:9/",
            ["AzureOpenAI:Endpoint"] = "https://127.0.0.1:9/", ["AzureOpenAI:TimeoutSeconds"] = "1",
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<TokenCredential>(credential));
        using var host = builder.Build();

        await Assert.ThrowsAnyAsync<Exception>(() => host.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
        await Assert.ThrowsAnyAsync<Exception>(() => host.Services.GetRequiredService<EthicsBot.Features.Campaigns.ICampaignStore>().ContactsAsync("iom", default));
        await Assert.ThrowsAnyAsync<Exception>(() => host.Services.GetRequiredService<AzureSearchIndex>().SearchAsync(new("gifts", "iom", 3), default));
        await Assert.ThrowsAnyAsync<Exception>(() => host.Services.GetRequiredService<FaqIndex>().Azure!.SearchAsync(new("gifts", "iom", 3), default));
        await host.Services.GetRequiredService<GroundedAnswerer>().WriteAsync("Can I keep a gift?", [("iom-5.50", "Gifts", "Staff do not accept gifts.")], default);

        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
        Assert.Contains("https://search.azure.com/.default", credential.Scopes);
        Assert.Contains(credential.Scopes, s => s.StartsWith("https://cognitiveservices.azure.com", StringComparison.Ordinal));
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [], EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddClauseSearch();
        builder.AddEthicsBot();
        return builder;
    }

    /// <summary>Records the scopes asked for and gives no token: the call fails before it leaves the machine.</summary>
    private sealed class RecordingCredential : TokenCredential
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
                Scopes.Add(scope);
            throw new HttpRequestException("no token in this test");
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
