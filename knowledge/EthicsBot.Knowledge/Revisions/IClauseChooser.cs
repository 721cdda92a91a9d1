using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>Picks, among the parts of a split clause, the one a question (or a FAQ entry) is about.</summary>
public interface IClauseChooser
{
    /// <summary>The index of the closest candidate, or -1 when none can be told apart from the others.</summary>
    Task<int> ChooseAsync(string text, IReadOnlyList<Clause> candidates, CancellationToken cancellationToken);
}
