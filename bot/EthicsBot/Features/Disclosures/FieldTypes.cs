namespace EthicsBot.Features.Disclosures;

/// <summary>The kinds of input a form field can be.</summary>
public static class FieldTypes
{
    public const string Text = "text";
    public const string LongText = "longtext";
    public const string Choice = "choice";
    public const string Number = "number";
    public const string Date = "date";
    /// <summary>A check box that must be ticked when required ("I have read the Code").</summary>
    public const string Confirm = "confirm";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Text, LongText, Choice, Number, Date, Confirm };
}
