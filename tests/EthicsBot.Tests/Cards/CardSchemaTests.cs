using System.Text.Json.Nodes;
using EthicsBot.Answers;
using EthicsBot.Cards;
using EthicsBot.Organizations;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Cards;

/// <summary>Every card the bot can send, parsed by the official <c>adaptivecards</c> npm package: no errors, no warnings.</summary>
public sealed class CardSchemaTests : IDisposable
{
    private readonly BotFactory _bot = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-cards-").FullName;

    public void Dispose()
    {
        _bot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<List<(string Name, JsonObject Card)>> EveryCardAsync()
    {
        var assistant = _bot.Services.GetRequiredService<Assistant>();
        var organizations = _bot.Services.GetRequiredService<OrganizationDirectory>();
        var cards = new List<(string, JsonObject)>();
        foreach (var organization in organizations.All)
        {
            foreach (var question in new[] { "Can I accept a gift from a supplier?", "My brother wants to bid on our tender", "Can I teach at a university?", "How do I reset my laptop password?" })
            {
                var answer = await assistant.RespondAsync(question, organization);
                cards.Add(($"{organization.Id}-{answer.Kind}-{cards.Count}", BotCards.Answer(answer, "answer-id", question, organization)));
            }
            cards.Add(($"{organization.Id}-handoff", BotCards.Handoff(organization, "Accountability")));
            cards.Add(($"{organization.Id}-welcome", BotCards.Welcome(organization)));
        }
        return cards;
    }

    [Fact]
    public async Task Every_card_parses_cleanly_with_the_official_parser_at_version_1_5()
    {
        await NodeTools.EnsureInstalledAsync();
        var cards = await EveryCardAsync();
        Assert.Contains(cards, c => c.Name.Contains("not_covered", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Name.Contains("-answer-", StringComparison.Ordinal));
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(_folder, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJsonString());
            files.Add(file);
        }

        var (code, output) = await NodeTools.RunAsync("node", ["validate-cards.cjs", .. files], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        Assert.Equal(cards.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"events\":[]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_parser_check_itself_catches_a_broken_card()
    {
        await NodeTools.EnsureInstalledAsync();
        var file = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(file, """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlockk","text":"x"}]}""");

        var (code, output) = await NodeTools.RunAsync("node", ["validate-cards.cjs", file], TimeSpan.FromMinutes(1));

        Assert.Equal(1, code);
        Assert.Contains("UnknownElementType", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_stay_far_below_the_Teams_message_limit_even_for_the_longest_clauses()
    {
        foreach (var (name, card) in await EveryCardAsync())
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) < 28 * 1024, name);
    }
}
