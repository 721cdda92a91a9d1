using System.Globalization;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting.Validation;

/// <summary>Collects what is wrong with one configuration section, each problem naming its full key.</summary>
public sealed class SettingProblems(string section)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All => _problems;

    /// <summary>Adds "<c>Section:key</c> <paramref name="rule"/>" unless <paramref name="holds"/>.</summary>
    public SettingProblems Require(bool holds, string key, string rule)
    {
        if (!holds)
            _problems.Add($"{section}:{key} {rule}");
        return this;
    }

    public SettingProblems Between(string key, TimeSpan value, TimeSpan min, TimeSpan max) =>
        Require(value >= min && value <= max, key, $"must be between {min:c} and {max:c}, not {value:c}.");

    public SettingProblems Between(string key, int value, int min, int max) =>
        Require(value >= min && value <= max, key, $"must be between {min} and {max}, not {value}.");

    /// <summary>Also refuses NaN, which no comparison lets through.</summary>
    public SettingProblems Between(string key, double value, double min, double max) =>
        Require(value >= min && value <= max, key,
            string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, not {value}."));

    /// <summary>A user-assigned managed identity's client id (a GUID), or empty for none.</summary>
    public SettingProblems ClientIdOrEmpty(string key, string value) =>
        Require(value.Length == 0 || Guid.TryParse(value, out _), key, "must be the managed identity's client id (a GUID), or empty.");

    public ValidateOptionsResult Result => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
