using System.Text.Json.Serialization;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>
/// The comparison of one organisation's Code in use with its revision: clause by clause what changed, and for every
/// clause in use the revised clauses its references now go to.
/// </summary>
public sealed class RevisionReport
{
    private readonly Dictionary<string, ClauseChange> _byOld;

    public RevisionReport(string organization, IReadOnlyList<ClauseChange> changes, IReadOnlyList<Clause> revised)
    {
        Organization = organization;
        Changes = changes;
        Revised = revised;
        _byOld = changes.SelectMany(c => c.Old.Select(id => (id, c))).ToDictionary(x => x.id, x => x.c, StringComparer.Ordinal);
    }

    [JsonPropertyName("organization")]
    public string Organization { get; }

    /// <summary>In the order of the revision (removed clauses where they stood), one line per change.</summary>
    [JsonPropertyName("changes")]
    public IReadOnlyList<ClauseChange> Changes { get; }

    [JsonIgnore]
    public IReadOnlyList<Clause> Revised { get; }

    [JsonPropertyName("added")]
    public IReadOnlyList<string> Added => Changes.Where(c => c.Kind == ChangeKind.Added).SelectMany(c => c.New).ToList();

    [JsonPropertyName("removed")]
    public IReadOnlyList<string> Removed => Changes.Where(c => c.Kind == ChangeKind.Removed).SelectMany(c => c.Old).ToList();

    /// <summary>The change a clause in use is part of, or null when the id is not a clause of this Code in use.</summary>
    public ClauseChange? ChangeOf(string oldId) => _byOld.GetValueOrDefault(oldId);

    /// <summary>True when nothing changed but, at most, the words of the Code's metadata.</summary>
    [JsonIgnore]
    public bool IsUnchanged => Changes.All(c => c.Kind == ChangeKind.Unchanged);
}
