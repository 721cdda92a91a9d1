using System.Globalization;
using System.Text.RegularExpressions;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// Checks and normalises what a person typed into a field, against the bounds of its form file, and shows stored
/// values back in words. Card inputs arrive as strings; nothing is trusted, whatever the card claimed to allow. A
/// value is read as typed or refused: never cut, clamped or guessed at. A refusal names the field and what it expects
/// (it is shown beside the field, and alone when a replayed card is checked again on submit), never what was typed.
/// </summary>
public static partial class FieldValues
{
    public const string DateFormat = "yyyy-MM-dd";

    public static FieldResult Check(FormField field, string? raw, DateOnly today, FormCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = raw?.Trim() ?? "";
        if (field.Type == FieldTypes.Confirm)
            return CheckConfirm(field, text);
        if (text.Length == 0)
            return field.Required ? new(null, $"{field.Label} is required.") : new("", null);

        return field.Type switch
        {
            FieldTypes.Text or FieldTypes.LongText => CheckText(field, text, catalog),
            FieldTypes.Choice => CheckChoice(field, text),
            FieldTypes.Number => CheckNumber(field, text),
            FieldTypes.Date => CheckDate(field, text, today),
            _ => new(null, $"{field.Label}: this kind of answer ('{field.Type}') is not known."),
        };
    }

    /// <summary>A problem with a value, naming its field: "Estimated value: enter a number …".</summary>
    private static FieldResult Refuse(FormField field, string expected) => new(null, $"{field.Label}: {expected}");

    private static FieldResult CheckConfirm(FormField field, string text)
    {
        // A check box sends true or false (nothing when it was never shown); anything else is not an answer to it.
        if (text.Length > 0 && !bool.TryParse(text, out _))
            return Refuse(field, "tick the box, or leave it empty.");
        var ticked = text.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (!ticked && field.Required)
            return new(null, $"Please tick this box to confirm: {field.Label}");
        return new(ticked ? "true" : "false", null);
    }

    private static FieldResult CheckText(FormField field, string text, FormCatalog catalog)
    {
        if (text.Any(c => char.IsControl(c) && !(field.Type == FieldTypes.LongText && c is '\n' or '\r' or '\t')))
            return Refuse(field, "this contains characters that cannot be stored (control characters).");
        if (field.Uppercase)
            text = text.ToUpperInvariant();
        // A field with a shape (a currency code) says what shape, rather than asking to shorten "dollars" to "dol".
        if (field.Pattern is not null && !Matches(catalog.PatternOf(field), text))
            return Refuse(field, Sentence(field.PatternMessage ?? "this is not in the expected format."));
        if (text.Length > field.EffectiveMaxLength)
            return Refuse(field, $"please shorten this to {field.EffectiveMaxLength} characters or fewer (it has {text.Length}).");
        return new(text, null);
    }

    private static FieldResult CheckChoice(FormField field, string text)
    {
        var choice = field.Choices.FirstOrDefault(c => string.Equals(c.Value, text, StringComparison.OrdinalIgnoreCase));
        return choice is null
            ? Refuse(field, $"choose one of: {string.Join(", ", field.Choices.Select(c => c.Title))}.")
            : new(choice.Value, null);
    }

    private static FieldResult CheckNumber(FormField field, string text)
    {
        var min = field.Min ?? 0;
        var max = field.Max ?? 1_000_000_000;
        var range = $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("#,0.##", CultureInfo.InvariantCulture)}";
        if (ReadNumber(text) is not { } number)
            return Refuse(field, $"enter {range}, in figures only, for example 45 or 120.50.");
        if (decimal.Round(number, 2) != number)
            return Refuse(field, "use at most two decimals, for example 120.50.");
        if (number < min || number > max)
            return Refuse(field, $"enter {range}.");
        return new(number.ToString(CultureInfo.InvariantCulture), null);
    }

    /// <summary>
    /// A number as people type it: "1200", "1 200", "1,200" or "1'200" (thousands in groups of three), "12.50" or
    /// "12,50" (a decimal comma), with a sign; null for anything else ("about fifty", "1,2345", "45 USD").
    /// </summary>
    private static decimal? ReadNumber(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
        if (compact.Length > 20)
            return null;
        if (DecimalComma().IsMatch(compact))
            compact = compact.Replace(',', '.');
        else if (compact.Contains(',', StringComparison.Ordinal))
        {
            if (!ThousandsCommas().IsMatch(compact))
                return null;
            compact = compact.Replace(",", "", StringComparison.Ordinal);
        }
        return decimal.TryParse(compact, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number : null;
    }

    [GeneratedRegex(@"^[+-]?\d+,\d{1,2}$")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsCommas();

    private static FieldResult CheckDate(FormField field, string text, DateOnly today)
    {
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Refuse(field, "enter a date as year-month-day, for example 2026-11-05.");
        // "Today" is taken one day wide: a person ahead of UTC may already be on the next day.
        if (field.NotInFuture && date > today.AddDays(1))
            return Refuse(field, "this date is in the future; enter the date it happened.");
        if (field.MaxAgeDays is { } days && date < today.AddDays(-days))
            return Refuse(field, $"this date is more than {days} days ago.");
        if (date.Year < 1900 || date.Year > today.Year + 10)
            return Refuse(field, "this date is out of range.");
        return new(date.ToString(DateFormat, CultureInfo.InvariantCulture), null);
    }

    /// <summary>A form file's message, to follow "Label: ": it starts in lower case unless it starts with a name ("USD").</summary>
    private static string Sentence(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;

    /// <summary>A stored value as the person would say it: the choice's title, "Yes", "5 Nov 2026".</summary>
    public static string Display(FormField field, string? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrEmpty(value))
            return "—";
        return field.Type switch
        {
            FieldTypes.Choice => field.Choices.FirstOrDefault(c => c.Value == value)?.Title ?? value,
            FieldTypes.Confirm => value == "true" ? "Yes" : "No",
            FieldTypes.Date when DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>
    /// Values read from the question that started the form ("a minister gave me a watch": from a government, a watch).
    /// Only values that pass the field's own checks are kept; the person sees and confirms them.
    /// </summary>
    public static Dictionary<string, string> Prefill(FormDefinition form, string? question, DateOnly today, FormCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(question))
            return values;
        foreach (var field in form.Fields)
        {
            foreach (var rule in field.Prefill)
            {
                Match match;
                try
                {
                    match = catalog.PatternOf(rule).Match(question);
                }
                catch (RegexMatchTimeoutException)
                {
                    continue;
                }
                if (!match.Success)
                    continue;
                var candidate = rule.Value ?? match.Groups["value"].Value;
                var checkedValue = Check(field, candidate, today, catalog);
                if (checkedValue.Error is null && !string.IsNullOrEmpty(checkedValue.Value))
                {
                    values[field.Id] = checkedValue.Value;
                    break;
                }
            }
        }
        return values;
    }

    private static bool Matches(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
