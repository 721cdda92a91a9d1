using System.Collections.Concurrent;
using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Search;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// A question naming a thing given from outside is also searched as the Code would put it ("Can I accept a gift from a
/// supplier?"). That wording comes from the lexicon, not from the asker, so it is encoded once and its vector kept:
/// the next such question costs one encoding, and finds what the first did.
/// </summary>
public sealed class InCodeWordingTests
{
    private sealed class CountingEncoder(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public ConcurrentQueue<string> Texts { get; } = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            foreach (var text in texts)
                Texts.Enqueue(text);
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose() => inner.Dispose();
    }

    [Fact]
    public async Task The_lexicons_wording_is_encoded_once_and_the_search_finds_the_same_with_it_kept()
    {
        var encoder = new CountingEncoder(new MiniLmEmbeddingGenerator());
        using var factory = new BotFactory(services: s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(encoder));
        var search = factory.Services.GetRequiredService<IClauseSearch>();
        const string question = "A supplier sent me a bottle of whisky last week, can I keep it?";

        var first = await search.SearchAsync(new ClauseQuery(question, "iom", 3));
        var again = await search.SearchAsync(new ClauseQuery(question, "iom", 3));
        await search.SearchAsync(new ClauseQuery("The supplier dropped off a bottle of whisky at my desk, may I keep it?", "iom", 3));

        var wording = Assert.Single(encoder.Texts.Distinct(), t => t.StartsWith("Can I accept", StringComparison.Ordinal));
        Assert.Contains("from a supplier", wording, StringComparison.Ordinal);
        Assert.Equal(1, encoder.Texts.Count(t => t == wording));
        Assert.Equal(2, encoder.Texts.Count(t => t == question));
        Assert.Equal(first.Select(h => (h.Clause.Id, h.Score)), again.Select(h => (h.Clause.Id, h.Score)));
        Assert.Contains(first.Take(2), h => h.Clause.Id is "iom-5.50" or "iom-5.49");
    }
}
