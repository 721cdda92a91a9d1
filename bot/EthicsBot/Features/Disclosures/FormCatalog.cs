using System.Text.Json;
using System.Text.RegularExpressions;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Knowledge;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// The disclosure forms of every organisation, loaded once at start from <c>knowledge/forms/&lt;org&gt;/*.json</c> and
/// checked: a form with an unknown field type, a choice field without choices, a pattern that does not compile or
/// guidance citing a clause the Codes do not have stops the bot, naming the file.
/// </summary>
public sealed partial class FormCatalog
{
    /// <summary>Data keys the cards use for themselves; a field may not take one of these ids.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "dialog", "step", "op", "org", "id", "verb", "decision", "comment" };

    /// <summary>Most characters a whole form can hold, so a dialog's state always fits one storage row.</summary>
    public const int MaxFormCharacters = 16_000;

    internal static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, List<FormDefinition>> _byOrganization;
    private readonly Dictionary<FormField, Regex> _patterns = [];
    private readonly Dictionary<PrefillRule, Regex> _prefill = [];
    private readonly Dictionary<FormOfferRule, (Regex? About, Regex? WhenCited, Regex? NotWhen)> _offers = [];

    public FormCatalog(IEnumerable<FormDefinition> forms, ClauseCatalog clauses)
    {
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(clauses);
        _byOrganization = [];
        foreach (var form in forms)
        {
            Check(form, clauses);
            var list = _byOrganization.TryGetValue(form.Organization, out var l) ? l : _byOrganization[form.Organization] = [];
            if (list.Any(f => f.Id == form.Id))
                throw new FormDefinitionException($"Form '{form.Organization}/{form.Id}' is defined twice.");
            if (list.Any(f => f.ReferencePrefix == form.ReferencePrefix))
                throw new FormDefinitionException($"Form '{form.Organization}/{form.Id}': reference prefix '{form.ReferencePrefix}' is used by another form of {form.Organization}.");
            list.Add(form);
        }
    }

    /// <summary>Reads every <c>&lt;folder&gt;/&lt;org&gt;/*.json</c>; a missing folder means no forms.</summary>
    public static FormCatalog Load(string folder, ClauseCatalog clauses)
    {
        var forms = new List<FormDefinition>();
        if (Directory.Exists(folder))
        {
            foreach (var organizationFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(organizationFolder, "*.json").Order(StringComparer.Ordinal))
                {
                    FormDefinition form;
                    try
                    {
                        form = JsonSerializer.Deserialize<FormDefinition>(File.ReadAllText(file), JsonOptions)
                               ?? throw new FormDefinitionException($"{file}: empty form file.");
                    }
                    catch (JsonException e)
                    {
                        throw new FormDefinitionException($"{file}: not a valid form: {e.Message}");
                    }
                    form.Organization = Path.GetFileName(organizationFolder);
                    if (form.Id != Path.GetFileNameWithoutExtension(file))
                        throw new FormDefinitionException($"{file}: the form id '{form.Id}' must be the file name.");
                    forms.Add(form);
                }
            }
        }
        var catalog = new FormCatalog(forms, clauses);
        foreach (var form in forms)
            catalog.Translate(form, Path.Combine(folder, form.Organization));
        return catalog;
    }

    /// <summary>
    /// The form's words in each language folder beside it (<c>&lt;org&gt;/&lt;lang&gt;/&lt;form&gt;.json</c>); the
    /// translated copies share the English form's checked patterns.
    /// </summary>
    private void Translate(FormDefinition form, string organizationFolder)
    {
        var translations = new Dictionary<string, FormDefinition>(StringComparer.Ordinal);
        foreach (var languageFolder in Directory.EnumerateDirectories(organizationFolder).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(languageFolder, form.Id + ".json");
            if (!File.Exists(file))
                continue;
            FormTexts texts;
            try
            {
                texts = JsonSerializer.Deserialize<FormTexts>(File.ReadAllText(file), JsonOptions) ?? throw new FormDefinitionException($"{file}: empty file.");
            }
            catch (JsonException e)
            {
                throw new FormDefinitionException($"{file}: not the words of a form (line {e.LineNumber + 1}).");
            }
            var translated = texts.Apply(form, file);
            foreach (var (field, english) in translated.Fields.Zip(form.Fields))
                if (_patterns.TryGetValue(english, out var pattern))
                    _patterns[field] = pattern;
            translations[Path.GetFileName(languageFolder)] = translated;
        }
        form.Translations = translations;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public IReadOnlyList<FormDefinition> ForOrganization(string organization) =>
        _byOrganization.TryGetValue(organization, out var forms) ? forms : [];

    public FormDefinition? Find(string organization, string formId) =>
        ForOrganization(organization).FirstOrDefault(f => f.Id == formId);

    public int Count => _byOrganization.Values.Sum(l => l.Count);

    public IEnumerable<string> Organizations => _byOrganization.Keys.Order(StringComparer.Ordinal);

    internal Regex PatternOf(FormField field) => _patterns[field];

    internal Regex PatternOf(PrefillRule rule) => _prefill[rule];

    /// <summary>The offer rule's phrases as one pattern each (null for an empty list).</summary>
    internal (Regex? About, Regex? WhenCited, Regex? NotWhen) PatternsOf(FormOfferRule rule) => _offers[rule];

    private void Check(FormDefinition form, ClauseCatalog clauses)
    {
        var where = $"Form '{form.Organization}/{form.Id}'";
        void Fail(string problem) => throw new FormDefinitionException($"{where}: {problem}");

        if (!IdPattern().IsMatch(form.Id))
            Fail("the id must be lower-case letters, digits or dashes.");
        if (string.IsNullOrWhiteSpace(form.Title))
            Fail("'title' is empty.");
        if (string.IsNullOrWhiteSpace(form.Noun))
            form.Noun = form.Title;
        if (!PrefixPattern().IsMatch(form.ReferencePrefix))
            Fail($"'referencePrefix' '{form.ReferencePrefix}' must be 2 to 8 capital letters.");
        if (form.Steps.Count == 0)
            Fail("it has no steps.");
        foreach (var clause in form.Clauses)
            if (clauses.Find(clause) is null)
                Fail($"clause '{clause}' is not a clause of the Codes.");

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        foreach (var step in form.Steps)
        {
            if (string.IsNullOrWhiteSpace(step.Id) || string.IsNullOrWhiteSpace(step.Title) || step.Fields.Count == 0)
                Fail($"step '{step.Id}' needs an id, a title and at least one field.");
            foreach (var field in step.Fields)
                total += CheckField(field, ids, clauses, Fail);
        }
        if (total > MaxFormCharacters)
            Fail($"its fields can hold {total} characters, more than {MaxFormCharacters}; lower some maxLength.");
        if (form.Offer is { } offer)
            CheckOffer(offer, Fail);
    }

    private void CheckOffer(FormOfferRule offer, Action<string> fail)
    {
        if (!FormTexts.ButtonFits(offer.Button))
            fail("'offer' needs a 'button' of at most 40 characters, e.g. \"Declare a gift\".");
        if (offer.About.Count == 0 && offer.Things.Count == 0)
            fail("'offer' needs 'about' phrases or lexicon 'things', or the form is never offered.");
        if (offer.About.Concat(offer.AboutWhenCited).Concat(offer.NotWhen).Concat(offer.Things).Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 100))
            fail("'offer' has an empty phrase or one over 100 characters.");
        _offers[offer] = (Phrases(offer.About), Phrases(offer.AboutWhenCited), Phrases(offer.NotWhen));
    }

    /// <summary>
    /// Plain phrases as one pattern: whole words, any case, any run of spaces; a trailing <c>*</c> stands for any word
    /// ending ("brib*": bribe, bribes, bribery). No regular expressions in the file, so an office can edit it safely.
    /// </summary>
    private static Regex? Phrases(IReadOnlyList<string> phrases)
    {
        if (phrases.Count == 0)
            return null;
        var parts = phrases.Select(p => p.Trim().ToLowerInvariant().Replace('’', '\''))
            .Select(p => p.EndsWith('*') ? Escape(p[..^1]) + @"\w*" : Escape(p))
            .OrderByDescending(p => p.Length);
        return new Regex($@"(?<!\w)(?:{string.Join("|", parts)})(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);

        static string Escape(string phrase) => Spaces().Replace(Regex.Escape(phrase), @"\s+");
    }

    /// <summary>One field's checks (its id unique among <paramref name="ids"/>); the characters it can hold.</summary>
    private int CheckField(FormField field, HashSet<string> ids, ClauseCatalog clauses, Action<string> fail)
    {
        var at = $"field '{field.Id}'";
        if (!FieldIdPattern().IsMatch(field.Id) || ReservedKeys.Contains(field.Id))
            fail($"{at}: ids are letters and digits starting with a letter, and not one of {string.Join(", ", ReservedKeys)}.");
        if (!ids.Add(field.Id))
            fail($"{at} appears twice.");
        if (string.IsNullOrWhiteSpace(field.Label))
            fail($"{at} has no label.");
        if (!FieldTypes.All.Contains(field.Type))
            fail($"{at}: unknown type '{field.Type}' (use {string.Join(", ", FieldTypes.All)}).");
        if (field.Type == FieldTypes.Choice && (field.Choices.Count == 0 || field.Choices.Any(c => string.IsNullOrWhiteSpace(c.Value) || string.IsNullOrWhiteSpace(c.Title))))
            fail($"{at}: a choice field needs choices, each with a value and a title.");
        if (field.Type != FieldTypes.Choice && field.Choices.Count > 0)
            fail($"{at}: only choice fields have choices.");
        if (field.MaxLength is < 1 or > 4000)
            fail($"{at}: maxLength must be between 1 and 4000.");
        if (field.Min > field.Max)
            fail($"{at}: min is greater than max.");
        if (field.Guidance is { } guidance)
        {
            var clause = clauses.Find(guidance.Clause);
            if (clause is null)
                fail($"{at}: guidance clause '{guidance.Clause}' is not a clause of the Codes.");
            if (string.IsNullOrWhiteSpace(guidance.Text))
                guidance.Text = FirstSentence(clause!.Text);
        }
        if (field.Pattern is not null)
            _patterns[field] = Compile($"^(?:{field.Pattern})$", $"{at}: pattern", fail);
        foreach (var rule in field.Prefill)
        {
            var regex = Compile(rule.Pattern, $"{at}: prefill pattern", fail);
            if (rule.Value is null && regex.GroupNumberFromName("value") < 0)
                fail($"{at}: a prefill rule needs a 'value' or a group named 'value' in its pattern.");
            if (rule.Value is not null && field.Type == FieldTypes.Choice && field.Choices.All(c => c.Value != rule.Value))
                fail($"{at}: prefill value '{rule.Value}' is not one of its choices.");
            _prefill[rule] = regex;
        }
        return field.Type switch
        {
            FieldTypes.Text or FieldTypes.LongText => field.EffectiveMaxLength,
            _ => 100,
        };
    }

    private static Regex Compile(string pattern, string what, Action<string> fail)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            fail($"{what} does not compile: {e.Message}");
            throw; // not reached: fail throws
        }
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        return CardBuilder.Clip(sentence, 300);
    }

    [GeneratedRegex(@"(\\ )+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2,8}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex FieldIdPattern();
}
