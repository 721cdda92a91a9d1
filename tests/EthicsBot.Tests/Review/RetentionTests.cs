using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Tests.Disclosures;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Review;

public sealed class RetentionTests
{
    [Fact]
    public async Task Items_older_than_the_configured_retention_are_deleted_when_the_bot_starts_and_daily()
    {
        await using var bot = new BotFactory(new Dictionary<string, string?> { ["Review:RetentionDays"] = "30" });
        var seed = new SqliteOfficeStore(Path.Combine(bot.DataFolder, "ethicsbot.db"));
        ReviewItem Item(string id, int daysAgo) => new()
        {
            Id = id, Organization = "iom", Question = "?", Asker = DialogHarness.Person().Conversation, At = DateTimeOffset.UtcNow.AddDays(-daysAgo),
        };
        await seed.QueueAsync(Item("old", 31), default);
        await seed.QueueAsync(Item("recent", 29), default);

        var store = bot.Services.GetRequiredService<IOfficeStore>(); // starts the bot, and with it the sweep
        // The sweep deletes, then scrubs the file, then logs: wait for the whole of it.
        for (var i = 0; i < 100 && ((await store.ItemsAsync("iom", default)).Count > 1
                                    || !bot.Logs.Lines.Any(l => l.Contains("Retention: deleted", StringComparison.Ordinal))); i++)
            await Task.Delay(50);

        Assert.Equal(["recent"], (await store.ItemsAsync("iom", default)).Select(i => i.Id));
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Retention: deleted 1 review item(s)", StringComparison.Ordinal));
    }
}
