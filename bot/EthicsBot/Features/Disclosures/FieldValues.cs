using System.Globalization;
using System.Text.RegularExpressions;
using EthicsBot.Shared.Localization;

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

    /// <summary>
    /// <paramref name="field"/> as the person sees it (in their language: its label names it), and the words for the
    /// problems in <paramref name="text"/>'s language (English when null).
    /// </summary>
    public static FieldResult Check(FormField field, string? raw, DateOnly today, FormCatalog catalog, JsonStringLocalizer? text = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(catalog);
        var t = text ?? CardLanguages.Default.English;
        var typed = raw?.Trim() ?? "";
        if (field.Type == FieldTypes.Confirm)
            return CheckConfirm(field, typed, t);
        if (typed.Length == 0)
            return field.Required ? new(null, t["FieldRequired", field.Label]) : new("", null);

        return field.Type switch
        {
            FieldTypes.Text or FieldTypes.LongText => CheckText(field, typed, catalog, t),
            FieldTypes.Choice => CheckChoice(field, typed, t),
            FieldTypes.Number => CheckNumber(field, typed, t),
            FieldTypes.Date => CheckDate(field, typed, today, t),
            _ => new(null, $"{field.Label}: this kind of answer ('{field.Type}') is not known."),
        };
    }

    /// <summary>A problem with a value, naming its field: "Estimated value: enter a number …".</summary>
    private static FieldResult Refuse(FormField field, string expected, JsonStringLocalizer t) => new(null, t["FieldProblem", field.Label, expected]);

    private static FieldResult CheckConfirm(FormField field, string text, JsonStringLocalizer t)
    {
        // A check box sends true or false (nothing when it was never shown); anything else is not an answer to it.
        if (text.Length > 0 && !bool.TryParse(text, out _))
            return Refuse(field, t["FieldTickOrEmpty"], t);
        var ticked = text.Equals("true", StringComparison.OrdinalIgnoreCase);
        if (!ticked && field.Required)
            return new(null, t["FieldTickThisBox", field.Label]);
        return new(ticked ? "true" : "false", null);
    }

    private static FieldResult CheckText(FormField field, string text, FormCatalog catalog, JsonStringLocalizer t)
    {
        if (text.Any(c => char.IsControl(c) && !(field.Type == FieldTypes.LongText && c is '\n' or '\r' or '\t')))
            return Refuse(field, t["FieldControlCharacters"], t);
        if (field.Uppercase)
            text = text.ToUpperInvariant();
        // A field with a shape (a currency code) says what shape, rather than asking to shorten "dollars" to "dol".
        if (field.Pattern is not null && !Matches(catalog.PatternOf(field), text))
            return Refuse(field, Sentence(field.PatternMessage ?? t["FieldFormat"]), t);
        if (text.Length > field.EffectiveMaxLength)
            return Refuse(field, t["FieldShorten", field.EffectiveMaxLength, text.Length], t);
        return new(text, null);
    }

    private static FieldResult CheckChoice(FormField field, string text, JsonStringLocalizer t)
    {
        var choice = field.Choices.FirstOrDefault(c => string.Equals(c.Value, text, StringComparison.OrdinalIgnoreCase));
        return choice is null
            ? Refuse(field, t["FieldChooseOne", string.Join(", ", field.Choices.Select(c => c.Title))], t)
            : new(choice.Value, null);
    }

    private static FieldResult CheckNumber(FormField field, string text, JsonStringLocalizer t)
    {
        var min = field.Min ?? 0;
        var max = field.Max ?? 1_000_000_000;
        string range = t["FieldNumberRange", min.ToString(CultureInfo.InvariantCulture), max.ToString("#,0.##", CultureInfo.InvariantCulture)];
        if (ReadNumber(text) is not { } number)
            return Refuse(field, t["FieldEnterNumber", range], t);
        if (decimal.Round(number, 2) != number)
            return Refuse(field, t["FieldTwoDecimals"], t);
        if (number < min || number > max)
            return Refuse(field, t["FieldEnter", range], t);
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

    private static FieldResult CheckDate(FormField field, string text, DateOnly today, JsonStringLocalizer t)
    {
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Refuse(field, t["FieldDateFormat"], t);
        // "Today" is taken one day wide: a person ahead of UTC may already be on the next day.
        if (field.NotInFuture && date > today.AddDays(1))
            return Refuse(field, t["FieldDateFuture"], t);
        if (field.MaxAgeDays is { } days && date < today.AddDays(-days))
            return Refuse(field, t["FieldDateOld", days], t);
        if (date.Year < 1900 || date.Year > today.Year + 10)
            return Refuse(field, t["FieldDateRange"], t);
        return new(date.ToString(DateFormat, CultureInfo.InvariantCulture), null);
    }

    /// <summary>A form file's message, to follow "Label: ": it starts in lower case unless it starts with a name ("USD").</summary>
    private static string Sentence(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;

    /// <summary>A stored value as the person would say it: the choice's title, "Yes", "5 Nov 2026".</summary>
    public static string Display(FormField field, string? value, JsonStringLocalizer? text = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrEmpty(value))
            return "—";
        var t = text ?? CardLanguages.Default.English;
        return field.Type switch
        {
            FieldTypes.Choice => field.Choices.FirstOrDefault(c => c.Value == value)?.Title ?? value,
            FieldTypes.Confirm => t[value == "true" ? "FieldYes" : "FieldNo"],
            // English month names in English; the date as year-month-day in other languages.
            FieldTypes.Date when DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
                t.Language == "en" ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : value,
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
