using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>
/// Compares the clauses of one organisation's Code in use with those of its revision, by number and by wording only
/// (TF-IDF cosine over stems and stem pairs: pure, deterministic and instant). Three passes:
/// <list type="number">
/// <item>Pairs one to one, most similar first: a clause with the same number needs <see cref="SameNumberMin"/>,
/// any other <see cref="MatchMin"/>.</item>
/// <item>A clause left over whose words are almost all (<see cref="ContainedMin"/>) inside a clause of the other
/// version joins it: an old one inside a revised one was merged into it, a revised one inside an old one was split
/// from it.</item>
/// <item>The links form groups: one old and one new is kept (unchanged, reworded or renumbered), several old and one new
/// a merge, one old and several new a split, an old alone was removed, a new alone added.</item>
/// </list>
/// The thresholds were set on the real Codes (see <c>CodeRevisionTests.Thresholds_sit_between_neighbours_and_rewordings</c>):
/// the most similar two different clauses are IOM 5.7 and 5.15 (the same list of grounds of discrimination) at 0.48
/// (IMS: 0.09); the reworded clauses of the derived revision score 0.82 and 0.85; the most of one IOM clause found
/// inside another is 0.57 (5.15 in 5.7), while the parts of a merge or split score 0.95 or more.
/// </summary>
public static class CodeRevision
{
    /// <summary>A clause keeping its number is the same clause when at least this similar: the number is evidence, so a
/// heavier rewrite than <see cref="MatchMin"/> allows still counts (the office confirms it under <see cref="ConfidentMin"/>).</summary>
    public const double SameNumberMin = 0.35;

    /// <summary>A clause under another number is the same clause when at least this similar: above any two different clauses (0.48).</summary>
    public const double MatchMin = 0.55;

    /// <summary>Under this similarity a one-to-one match is kept but the office is asked to confirm it.</summary>
    public const double ConfidentMin = 0.6;

    /// <summary>
    /// The share of a clause's word weight that must lie inside a clause of the other version for it to be part of a
    /// merge or split. Parts of a real merge score 0.95 or more (only the pairs of stems across the join are new); a clause
    /// merely on the same subject as another, 0.57 at most.
    /// </summary>
    public const double ContainedMin = 0.8;

    public static RevisionReport Compare(IReadOnlyList<Clause> current, IReadOnlyList<Clause> revised)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(revised);
        var organization = SingleOrganization(current.Concat(revised));
        var space = new TermSpace(current.Concat(revised).Select(c => c.Text));
        var oldVectors = current.Select(c => space.Vector(c.Text)).ToArray();
        var newVectors = revised.Select(c => space.Vector(c.Text)).ToArray();
        var links = new RevisionLinks(current.Count, revised.Count);
        PairOneToOne(current, revised, oldVectors, newVectors, links);
        JoinLeftovers(oldVectors, newVectors, links);
        return new RevisionReport(organization, RevisionGroups.Build(current, revised, links), revised);
    }

    private static string SingleOrganization(IEnumerable<Clause> clauses)
    {
        var organizations = clauses.Select(c => c.Organization).Distinct(StringComparer.Ordinal).ToList();
        return organizations.Count == 1
            ? organizations[0]
            : throw new ArgumentException($"a revision compares one organisation's clauses, not {organizations.Count} ({string.Join(", ", organizations)}).");
    }

    private static void PairOneToOne(IReadOnlyList<Clause> current, IReadOnlyList<Clause> revised, TermVector[] oldVectors, TermVector[] newVectors, RevisionLinks links)
    {
        var candidates = new List<(int Old, int New, double Similarity, double Score)>();
        for (var o = 0; o < current.Count; o++)
        {
            for (var n = 0; n < revised.Count; n++)
            {
                var sameNumber = current[o].Number == revised[n].Number;
                var similarity = current[o].Text == revised[n].Text ? 1.0 : oldVectors[o].Cosine(newVectors[n]);
                if (similarity >= (sameNumber ? SameNumberMin : MatchMin))
                    candidates.Add((o, n, similarity, similarity + (sameNumber ? 0.25 : 0) + (similarity == 1.0 ? 1 : 0)));
            }
        }
        // An identical text wins first, then the same number breaks near-ties in its favour.
        foreach (var (o, n, similarity, _) in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Old).ThenBy(c => c.New))
        {
            if (!links.OldLinked(o) && !links.NewLinked(n))
                links.Link(o, n, similarity);
        }
    }

    private static void JoinLeftovers(TermVector[] oldVectors, TermVector[] newVectors, RevisionLinks links)
    {
        var leftOld = Enumerable.Range(0, oldVectors.Length).Where(o => !links.OldLinked(o)).ToList();
        var leftNew = Enumerable.Range(0, newVectors.Length).Where(n => !links.NewLinked(n)).ToList();
        foreach (var o in leftOld)
        {
            var (n, share) = Best(newVectors.Length, n => oldVectors[o].ContainedIn(newVectors[n]));
            if (share >= ContainedMin)
                links.Link(o, n, share);
        }
        foreach (var n in leftNew)
        {
            var (o, share) = Best(oldVectors.Length, o => newVectors[n].ContainedIn(oldVectors[o]));
            if (share >= ContainedMin)
                links.Link(o, n, share);
        }
    }

    private static (int Index, double Value) Best(int count, Func<int, double> value)
    {
        var best = (Index: -1, Value: 0.0);
        for (var i = 0; i < count; i++)
        {
            var v = value(i);
            if (v > best.Value)
                best = (i, v);
        }
        return best;
    }
}
