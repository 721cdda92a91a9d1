using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge;

/// <summary>Every clause of the Codes by id, for cards that name a clause the search did not return.</summary>
public sealed class ClauseCatalog(IEnumerable<Clause> clauses)
{
    private readonly Dictionary<string, Clause> _byId = clauses.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public Clause? Find(string id) => _byId.GetValueOrDefault(id);
}
