namespace EthicsBot.Knowledge.Revisions;

/// <summary>The links found so far between clauses in use (by index) and revised clauses (by index).</summary>
internal sealed class RevisionLinks(int oldCount, int newCount)
{
    private readonly bool[] _oldLinked = new bool[oldCount];
    private readonly bool[] _newLinked = new bool[newCount];

    public List<(int Old, int New, double Similarity)> All { get; } = [];

    public int OldCount => _oldLinked.Length;

    public int NewCount => _newLinked.Length;

    public bool OldLinked(int old) => _oldLinked[old];

    public bool NewLinked(int @new) => _newLinked[@new];

    public void Link(int old, int @new, double similarity)
    {
        _oldLinked[old] = true;
        _newLinked[@new] = true;
        All.Add((old, @new, similarity));
    }
}
