using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Shared.Cards;

/// <summary>Short ways to build the card records (Shared/Cards/Elements) the way our cards use them.</summary>
internal static class CardBuilder
{
    public static AdaptiveCard Card(IReadOnlyList<AdaptiveElement> body, IReadOnlyList<AdaptiveAction>? actions = null) =>
        new() { Body = body, Actions = actions is { Count: > 0 } ? actions : null };

    public static TextBlock Text(string text, string? size = null, string? weight = null, bool subtle = false, bool italic = false, string? color = null, string? spacing = null) =>
        new(text) { Size = size, Weight = weight, IsSubtle = Flag(subtle), Italic = Flag(italic), Color = color, Spacing = spacing };

    public static Container Container(IReadOnlyList<AdaptiveElement> items, string? style = null, bool separator = false) =>
        new(items) { Style = style, Separator = Flag(separator) };

    public static FactSet Facts(params (string Title, string Value)[] facts) => new([.. facts.Select(f => new Fact(f.Title, f.Value))]);

    /// <summary>A Universal Action: Teams sends it back as an <c>adaptiveCard/action</c> invoke with this verb and data.</summary>
    public static ActionExecute Execute(string title, string verb, object data, string? style = null) =>
        new(verb, data) { Title = title, Style = style };

    public static ActionOpenUrl OpenUrl(string title, string url, string? style = null) => new(url) { Title = title, Style = style };

    /// <summary>Shows or hides the elements with these ids, without a round trip to the bot.</summary>
    public static ActionToggleVisibility ToggleVisibility(string title, params string[] targets) => new(targets) { Title = title };

    public static ActionSet ActionSet(params AdaptiveAction[] actions) => new(actions);

    /// <summary>True as itself, false as null: a flag that is off is left out of the card.</summary>
    public static bool? Flag(bool on) => on ? true : null;

    /// <summary>Cuts text to at most <paramref name="max"/> characters at a word boundary, marking the cut.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return string.Concat(text.AsSpan(0, cut > max / 2 ? cut : max - 1), "…");
    }
}
