using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting.Validation;

/// <summary>Checks a section's options with rules that name each bad key (<see cref="SettingProblems"/>).</summary>
public sealed class RuleValidation<TOptions>(string section, Action<TOptions, SettingProblems> rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems(section);
        rules(options, problems);
        return problems.Result;
    }
}
