using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>An element of a card's body; its <c>type</c> is written from the record's kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputNumber), "Input.Number")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
public abstract record AdaptiveElement
{
    /// <summary>Names the element, for an input's value or for <see cref="ActionToggleVisibility"/>.</summary>
    public string? Id { get; init; }

    /// <summary>False to start hidden; null (left out) for visible.</summary>
    public bool? IsVisible { get; init; }

    public bool? Separator { get; init; }

    public string? Spacing { get; init; }
}
