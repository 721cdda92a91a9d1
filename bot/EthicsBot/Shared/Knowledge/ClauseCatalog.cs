using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Shared.Knowledge;

/// <summary>The clauses of the Codes, parsed once at start: for the index, and by id for cards that name a clause.</summary>
public sealed class ClauseCatalog(IReadOnlyList<Clause> clauses)
{
    private readonly Dictionary<string, Clause> _byId = clauses.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>Every clause, in document order.</summary>
    public IReadOnlyList<Clause> All => clauses;

    public Clause? Find(string id) => _byId.GetValueOrDefault(id);
}
