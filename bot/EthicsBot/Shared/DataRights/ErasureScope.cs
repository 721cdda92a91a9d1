namespace EthicsBot.Shared.DataRights;

/// <summary>
/// Which organisations' data an erasure reaches: the organisations named (those whose ethics office the member
/// belongs to), or <see cref="Everywhere"/> (a data-protection officer, <c>Review:DataProtectionOfficers</c>). Stores
/// match organisation ids exactly; they are stored as configured, lower-case.
/// </summary>
public sealed class ErasureScope
{
    private ErasureScope(IReadOnlyList<string>? organizations) => Organizations = organizations;

    /// <summary>Every organisation, including ones no longer configured.</summary>
    public static ErasureScope Everywhere { get; } = new(null);

    /// <summary>Only these organisations (none: nothing is erased).</summary>
    public static ErasureScope In(params IEnumerable<string> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        return new([.. organizations.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The organisation ids; null for every organisation.</summary>
    public IReadOnlyList<string>? Organizations { get; }

    public bool Includes(string organization) => Organizations is null || Organizations.Contains(organization, StringComparer.Ordinal);

    public override string ToString() => Organizations is null ? "every organisation" : string.Join(", ", Organizations);
}
