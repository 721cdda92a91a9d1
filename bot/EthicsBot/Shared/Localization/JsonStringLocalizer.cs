using System.Globalization;
using Microsoft.Extensions.Localization;

namespace EthicsBot.Shared.Localization;

/// <summary>
/// The fixed text of one language, from its JSON file (<c>{"Key": "text with {0}"}</c>); a key the language lacks
/// comes from English, marked as not found, so a missing translation shows English rather than a key.
/// </summary>
public sealed class JsonStringLocalizer(string language, IReadOnlyDictionary<string, string> strings, JsonStringLocalizer? fallback) : IStringLocalizer
{
    /// <summary>ISO 639-1 code of the language.</summary>
    public string Language { get; } = language;

    /// <summary>True for a language written right to left (its file says <c>"Direction": "rtl"</c>).</summary>
    public bool RightToLeft => strings.TryGetValue("Direction", out var direction) && direction == "rtl";

    /// <summary>The card as this language reads it: right to left for Arabic (each quoted clause sets its own direction).</summary>
    public Cards.Elements.AdaptiveCard Directed(Cards.Elements.AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return RightToLeft ? card with { Rtl = true } : card;
    }

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            if (strings.TryGetValue(name, out var value))
                return new LocalizedString(name, value, resourceNotFound: false);
            return fallback is not null ? new LocalizedString(name, fallback[name].Value, resourceNotFound: true) : new LocalizedString(name, name, resourceNotFound: true);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            var values = RightToLeft ? Isolated(template.Value, arguments) : arguments;
            return new(name, string.Format(CultureInfo.InvariantCulture, template.Value, values), template.ResourceNotFound);
        }
    }

    /// <summary>
    /// In a right-to-left text each argument — an English name, a citation, a number — is isolated (U+2068 … U+2069), so
    /// its own direction does not reorder the sentence around it ("(iom-5.21, Accountability)" read backwards); not one
    /// that is a link's target, "(…)" after "]", which must stay a bare address.
    /// </summary>
    private static object[] Isolated(string template, object[] arguments) =>
        [.. arguments.Select((argument, i) => template.Contains($"]({{{i}}})", StringComparison.Ordinal) ? argument : $"\u2068{argument}\u2069")];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        strings.Select(s => new LocalizedString(s.Key, s.Value, resourceNotFound: false))
            .Concat(includeParentCultures && fallback is not null ? fallback.GetAllStrings(false).Where(s => !strings.ContainsKey(s.Name)) : []);
}
