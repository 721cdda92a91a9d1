using System.Globalization;

namespace EthicsBot.Cli;

/// <summary>A command's words: positional values and <c>--name value</c> / <c>--flag</c> options. Mistakes throw <see cref="UsageException"/>.</summary>
internal sealed class Arguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                _positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            if (flags.Contains(name))
                _options[name] = null;
            else if (valueOptions.Contains(name))
                _options[name] = e.MoveNext() && !e.Current.StartsWith("--", StringComparison.Ordinal)
                    ? e.Current
                    : throw new UsageException($"{arg} needs a value.");
            else
                throw new UsageException($"unknown option {arg}.");
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max)
    {
        var value = Value(name);
        if (value is null)
            return fallback;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}, not \"{value}\".");
    }
}
