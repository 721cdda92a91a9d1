using System.Globalization;
using System.Text.RegularExpressions;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// Checks and normalises what a person typed into a field, against the bounds of its form file, and shows stored
/// values back in words. Card inputs arrive as strings; nothing is trusted, whatever the card claimed to allow.
/// </summary>
public static class FieldValues
{
    public const string DateFormat = "yyyy-MM-dd";

    public static FieldResult Check(FormField field, string? raw, DateOnly today, FormCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = raw?.Trim() ?? "";
        if (field.Type == FieldTypes.Confirm)
        {
            var ticked = text.Equals("true", StringComparison.OrdinalIgnoreCase);
            if (!ticked && field.Required)
                return new(null, $"Please tick this box to confirm: {field.Label}");
            return new(ticked ? "true" : "false", null);
        }
        if (text.Length == 0)
            return field.Required ? new(null, $"{field.Label} is required.") : new("", null);

        return field.Type switch
        {
            FieldTypes.Text or FieldTypes.LongText => CheckText(field, text, catalog),
            FieldTypes.Choice => CheckChoice(field, text),
            FieldTypes.Number => CheckNumber(field, text),
            FieldTypes.Date => CheckDate(field, text, today),
            _ => new(null, $"Unknown field type '{field.Type}'."),
        };
    }

    private static FieldResult CheckText(FormField field, string text, FormCatalog catalog)
    {
        if (text.Length > field.EffectiveMaxLength)
            return new(null, $"Please shorten this to {field.EffectiveMaxLength} characters or fewer (it has {text.Length}).");
        if (text.Any(c => char.IsControl(c) && !(field.Type == FieldTypes.LongText && c is '\n' or '\r' or '\t')))
            return new(null, "This contains characters that cannot be stored (control characters).");
        if (field.Uppercase)
            text = text.ToUpperInvariant();
        if (field.Pattern is not null && !Matches(catalog.PatternOf(field), text))
            return new(null, field.PatternMessage ?? "This is not in the expected format.");
        return new(text, null);
    }

    private static FieldResult CheckChoice(FormField field, string text)
    {
        var choice = field.Choices.FirstOrDefault(c => string.Equals(c.Value, text, StringComparison.OrdinalIgnoreCase));
        return choice is null
            ? new(null, $"Choose one of: {string.Join(", ", field.Choices.Select(c => c.Title))}.")
            : new(choice.Value, null);
    }

    private static FieldResult CheckNumber(FormField field, string text)
    {
        var normalized = text.Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        if (!normalized.Contains('.', StringComparison.Ordinal) && normalized.Count(c => c == ',') == 1 && normalized.Length - normalized.IndexOf(',', StringComparison.Ordinal) <= 3)
            normalized = normalized.Replace(',', '.'); // 12,50 written with a decimal comma
        else
            normalized = normalized.Replace(",", "", StringComparison.Ordinal); // 1,200 written with a thousands separator
        if (normalized.Length > 20 || !decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return new(null, "Enter a number, for example 45 or 120.50.");
        if (decimal.Round(number, 2) != number)
            return new(null, "Use at most two decimals.");
        var min = field.Min ?? 0;
        var max = field.Max ?? 1_000_000_000;
        if (number < min || number > max)
            return new(null, $"Enter a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("#,0.##", CultureInfo.InvariantCulture)}.");
        return new(number.ToString(CultureInfo.InvariantCulture), null);
    }

    private static FieldResult CheckDate(FormField field, string text, DateOnly today)
    {
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new(null, "Enter a date as year-month-day, for example 2026-11-05.");
        // "Today" is taken one day wide: a person ahead of UTC may already be on the next day.
        if (field.NotInFuture && date > today.AddDays(1))
            return new(null, "This date is in the future; enter the date it happened.");
        if (field.MaxAgeDays is { } days && date < today.AddDays(-days))
            return new(null, $"This date is more than {days} days ago.");
        if (date.Year < 1900 || date.Year > today.Year + 10)
            return new(null, "This date is out of range.");
        return new(date.ToString(DateFormat, CultureInfo.InvariantCulture), null);
    }

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
