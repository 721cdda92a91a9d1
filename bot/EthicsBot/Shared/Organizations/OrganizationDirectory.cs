using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EthicsBot.Shared.Organizations;

/// <summary>
/// The organisations of configuration section <c>Organizations</c>: every child section but <c>Default</c> is a
/// profile named by its key; <c>Organizations:Default</c> (<c>Organizations__Default</c>) names the profile used for
/// a tenant that maps to none.
/// </summary>
public sealed partial class OrganizationDirectory
{
    public const string Section = "Organizations";

    private readonly Dictionary<string, OrganizationProfile> _byId;
    private readonly Dictionary<string, OrganizationProfile> _byTenant;

    public OrganizationDirectory(IEnumerable<OrganizationProfile> profiles, string defaultId)
    {
        _byId = profiles.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        _byTenant = new Dictionary<string, OrganizationProfile>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var profile in _byId.Values)
        {
            problems.AddRange(Problems(profile));
            foreach (var tenant in profile.Tenants)
                if (!_byTenant.TryAdd(tenant, profile))
                    problems.Add($"{Section}: tenant {tenant} maps to both {_byTenant[tenant].Id} and {profile.Id}.");
        }
        if (_byId.Count == 0)
            problems.Add($"{Section}: no organisation is configured.");
        else if (!_byId.TryGetValue(defaultId, out var fallback))
            problems.Add($"{Section}:Default is '{defaultId}', which is not one of the configured organisations ({string.Join(", ", _byId.Keys)}).");
        else
            Default = fallback;
        if (problems.Count > 0)
            throw new OptionsValidationException(Section, typeof(OrganizationDirectory), problems);
    }

    /// <summary>The organisation used for tenants that map to none.</summary>
    public OrganizationProfile Default { get; } = null!;

    public IReadOnlyCollection<OrganizationProfile> All => _byId.Values;

    /// <summary>The organisations whose ethics office this person belongs to, by id.</summary>
    public IReadOnlyList<OrganizationProfile> OfficesOf(string? memberId) =>
        [.. All.Where(o => o.EthicsOffice.IsMember(memberId)).OrderBy(o => o.Id, StringComparer.Ordinal)];

    /// <summary>The organisation of a Teams tenant, or the default one.</summary>
    public OrganizationProfile ForTenant(string? tenantId) =>
        tenantId is not null && _byTenant.TryGetValue(tenantId, out var profile) ? profile : Default;

    public OrganizationProfile? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads the section; bad or missing settings throw, naming the key.</summary>
    public static OrganizationDirectory FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var profiles = new List<OrganizationProfile>();
        foreach (var child in section.GetChildren())
        {
            if (string.Equals(child.Key, "Default", StringComparison.OrdinalIgnoreCase))
                continue;
            var profile = child.Get<OrganizationProfile>() ?? new OrganizationProfile();
            profile.Id = child.Key.ToLowerInvariant();
            profiles.Add(profile);
        }
        return new OrganizationDirectory(profiles, section["Default"] ?? "");
    }

    private static IEnumerable<string> Problems(OrganizationProfile p)
    {
        var key = $"{Section}:{p.Id}";
        if (!IdPattern().IsMatch(p.Id))
            yield return $"{key}: an organisation id is lower-case letters, digits and '-'.";
        if (string.IsNullOrWhiteSpace(p.Name))
            yield return $"{key}:Name is required.";
        if (string.IsNullOrWhiteSpace(p.Whistleblower.Name))
            yield return $"{key}:Whistleblower:Name is required: the handoff must name the channel.";
        if (!IsHttps(p.Whistleblower.Url))
            yield return $"{key}:Whistleblower:Url must be an https URL, not '{p.Whistleblower.Url}'.";
        if (string.IsNullOrWhiteSpace(p.Whistleblower.ProtectionClause))
            yield return $"{key}:Whistleblower:ProtectionClause is required: the clause that protects good-faith reporters.";
        if (string.IsNullOrWhiteSpace(p.EthicsOffice.Name))
            yield return $"{key}:EthicsOffice:Name is required.";
        if (!string.IsNullOrEmpty(p.EthicsOffice.ServiceUrl) && !Uri.TryCreate(p.EthicsOffice.ServiceUrl, UriKind.Absolute, out _))
            yield return $"{key}:EthicsOffice:ServiceUrl must be an absolute URL.";
    }

    private static bool IsHttps(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex IdPattern();
}
