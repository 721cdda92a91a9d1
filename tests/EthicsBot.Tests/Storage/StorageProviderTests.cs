using System.Net;
using System.Text;
using EthicsBot.Features.Disclosures;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Storage;

/// <summary>The bot configured for Azure Table Storage (on Azurite) keeps its disclosures there; a bad setting is named at start.</summary>
public sealed class StorageProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task With_the_Tables_provider_a_disclosure_made_over_HTTP_is_stored_in_Azure_Table_Storage()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        var prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        await using var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Tables",
            ["Storage:Tables:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Tables:TablePrefix"] = prefix,
        });
        using var client = bot.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.Message(connector.ServiceUrl, "I want to declare a gift"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Step 1 of 4", (await connector.WaitForAsync("message")).Single().Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.IsType<TableDisclosureStore>(bot.Services.GetRequiredService<IDisclosureStore>());
        Assert.IsType<TableCampaignStore>(bot.Services.GetRequiredService<EthicsBot.Features.Campaigns.ICampaignStore>());
        var tables = azurite.Client().GetTableClient(prefix + "Dialogs");
        Assert.Single(tables.Query<Azure.Data.Tables.TableEntity>());
    }

    [Fact]
    public void The_Tables_provider_without_a_connection_string_or_endpoint_stops_the_bot_naming_the_keys()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Storage:Provider"] = "Tables" });

        var refusal = bot.StartRefusal(() => bot.Services.GetRequiredService<IDisclosureStore>());

        Assert.Contains("Storage:Tables:ConnectionString", refusal, StringComparison.Ordinal);
    }
}
