using System.Text.Json.Serialization;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>What became of clauses between the version of a Code in use and its revision.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    /// <summary>Same number, same words.</summary>
    Unchanged,

    /// <summary>Same number, similar words.</summary>
    Reworded,

    /// <summary>A new number, found by its words (which may also have changed).</summary>
    Renumbered,

    /// <summary>Several clauses in use became one.</summary>
    Merged,

    /// <summary>One clause in use became several.</summary>
    Split,

    /// <summary>Clauses in use and revised ones that share their words in a tangle no simpler change explains.</summary>
    Restructured,

    /// <summary>In use, with nothing like it in the revision.</summary>
    Removed,

    /// <summary>In the revision, with nothing like it in use.</summary>
    Added,
}

/// <summary>One line of the "what changed" report: clauses in use, the revised clauses they became, and why.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Old">Ids in use (none for <see cref="ChangeKind.Added"/>).</param>
/// <param name="New">Revised ids (none for <see cref="ChangeKind.Removed"/>).</param>
/// <param name="Similarity">The wording similarity (0..1) the match rests on; for merges and splits the share of
/// the smaller part's words found in the whole.</param>
/// <param name="NeedsOffice">True when the ethics office must decide: references to a removed clause, a restructure,
/// or a match too weak to trust.</param>
public sealed record ClauseChange(
    [property: JsonPropertyName("kind")] ChangeKind Kind,
    [property: JsonPropertyName("old")] IReadOnlyList<string> Old,
    [property: JsonPropertyName("new")] IReadOnlyList<string> New,
    [property: JsonPropertyName("similarity")] double Similarity,
    [property: JsonPropertyName("needsOffice")] bool NeedsOffice);
