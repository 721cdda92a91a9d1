using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>A button; its <c>type</c> is written from the record's kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
[JsonDerivedType(typeof(ActionToggleVisibility), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
public abstract record AdaptiveAction
{
    /// <summary>The button's text; null only for the refresh action, which Teams runs without a button.</summary>
    public string? Title { get; init; }

    /// <summary><c>positive</c> or <c>destructive</c>; null for the default.</summary>
    public string? Style { get; init; }
}
