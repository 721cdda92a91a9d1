using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>Turns the links between clauses into changes: each connected group of clauses is one line of the report.</summary>
internal static class RevisionGroups
{
    private sealed record Group(List<int> Old, List<int> New, List<double> Similarities);

    public static IReadOnlyList<ClauseChange> Build(IReadOnlyList<Clause> current, IReadOnlyList<Clause> revised, RevisionLinks links)
    {
        var groups = Connect(links);
        var keys = new Dictionary<Group, double>();
        var lastNew = -1.0;
        // Groups in the revision's order; a removed clause goes after the revised place of the clause before it.
        for (var o = 0; o < current.Count; o++)
        {
            var group = groups.First(g => g.Old.Contains(o));
            if (group.New.Count > 0)
                lastNew = group.New.Max();
            keys.TryAdd(group, group.New.Count > 0 ? group.New.Min() : lastNew + 0.5);
        }
        foreach (var group in groups.Where(g => g.Old.Count == 0))
            keys.Add(group, group.New[0]);
        return groups.OrderBy(g => keys[g]).Select(g => Describe(g, current, revised)).ToList();
    }

    private static List<Group> Connect(RevisionLinks links)
    {
        // Union-find over old (0..O-1) and new (O..O+N-1) indexes.
        var parent = Enumerable.Range(0, links.OldCount + links.NewCount).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        foreach (var (o, n, _) in links.All)
            parent[Root(o)] = Root(links.OldCount + n);
        var groups = new Dictionary<int, Group>();
        Group GroupOf(int i) => groups.TryGetValue(Root(i), out var g) ? g : groups[Root(i)] = new Group([], [], []);
        for (var o = 0; o < links.OldCount; o++)
            GroupOf(o).Old.Add(o);
        for (var n = 0; n < links.NewCount; n++)
            GroupOf(links.OldCount + n).New.Add(n);
        foreach (var (o, _, similarity) in links.All)
            GroupOf(o).Similarities.Add(similarity);
        return groups.Values.ToList();
    }

    private static ClauseChange Describe(Group group, IReadOnlyList<Clause> current, IReadOnlyList<Clause> revised)
    {
        var old = group.Old.Order().Select(o => current[o].Id).ToList();
        var @new = group.New.Order().Select(n => revised[n].Id).ToList();
        var similarity = group.Similarities.Count == 0 ? 0 : Math.Round(group.Similarities.Min(), 3);
        return (old.Count, @new.Count) switch
        {
            (0, _) => new ClauseChange(ChangeKind.Added, old, @new, 0, false),
            (_, 0) => new ClauseChange(ChangeKind.Removed, old, @new, 0, true),
            (1, 1) => new ClauseChange(OneToOne(current[group.Old[0]], revised[group.New[0]]), old, @new, similarity, similarity < CodeRevision.ConfidentMin),
            (1, _) => new ClauseChange(ChangeKind.Split, old, @new, similarity, false),
            (_, 1) => new ClauseChange(ChangeKind.Merged, old, @new, similarity, false),
            _ => new ClauseChange(ChangeKind.Restructured, old, @new, similarity, true),
        };
    }

    private static ChangeKind OneToOne(Clause old, Clause @new) =>
        old.Number != @new.Number ? ChangeKind.Renumbered
        : old.Text == @new.Text ? ChangeKind.Unchanged
        : ChangeKind.Reworded;
}
