using System.Text.RegularExpressions;
using EthicsBot.Knowledge.Search;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// Which disclosure form an answer offers: the one the asker needs, and only then. A form is offered when the question
/// tells of the asker's own act or situation (I, my, we…) that the form declares — by the form's <c>offer</c> phrases
/// ("my cousin applied", "teach a course") or a thing given or offered from outside (a supplier's bottle of whisky) —
/// and names no act the Code forbids outright (a bribe, a facilitation payment, a candidacy): those are refused, not
/// declared. When the answer rests on the form's clause, a thing given to the asker by anyone not of their own side is
/// enough. A general question ("What counts as a conflict of interest?") and an accounting one get no form. When
/// several forms fit, the one resting on the answer's highest clause wins. The same rule holds when the Code does not
/// cover the question (IMS has a gift form but no gift clause): the act decides, not the clause.
/// </summary>
public sealed partial class FormOffers
{
    private readonly FormCatalog _forms;
    private readonly ThingLexicon _lexicon;

    /// <summary>Every form's <c>offer.things</c> must be categories of the lexicon, or the bot does not start.</summary>
    public FormOffers(FormCatalog forms, ThingLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(lexicon);
        var known = lexicon.Categories.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var form in forms.Organizations.SelectMany(forms.ForOrganization))
            if (form.Offer?.Things.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
                throw new FormDefinitionException($"Form '{form.Organization}/{form.Id}': offer thing '{unknown}' is not a category of knowledge/lexicon.json ({string.Join(", ", known.Order(StringComparer.Ordinal))}).");
        (_forms, _lexicon) = (forms, lexicon);
    }

    /// <summary>The forms it chooses from.</summary>
    public FormCatalog Forms => _forms;

    public FormDefinition? For(string question, string organization, IReadOnlyList<string> clauses)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(clauses);
        if (question.Length > 2_000 || !OwnAct().IsMatch(question))
            return null;
        return _forms.ForOrganization(organization)
            .Where(f => f.Offer is { } offer && Calls(offer, question, f.Clauses.Intersect(clauses.Take(2), StringComparer.Ordinal).Any()))
            .OrderBy(f => Rank(f, clauses))
            .FirstOrDefault();
    }

    /// <summary>
    /// For a question in another language, whose words the offer phrases (English) cannot read: the form that rests on
    /// the clause the answer found first, if one does. Cruder than <see cref="For"/>: the act is not read, so a question
    /// about a forbidden act that lands on a declarable clause is offered its form too.
    /// </summary>
    public FormDefinition? ForClause(string organization, string clause) =>
        _forms.ForOrganization(organization).FirstOrDefault(f => f.Offer is not null && f.Clauses.Contains(clause, StringComparer.Ordinal));

    /// <summary><paramref name="cited"/>: the answer rests on one of the form's clauses (first or second).</summary>
    private bool Calls(FormOfferRule offer, string question, bool cited)
    {
        var (about, whenCited, notWhen) = _forms.PatternsOf(offer);
        if (notWhen?.IsMatch(question) == true)
            return false;
        return about?.IsMatch(question) == true || (cited && whenCited?.IsMatch(question) == true)
            || (offer.Things.Count > 0 && (GivenFromOutside(offer, question) || (cited && GivenToTheAsker(question))));
    }

    /// <summary>
    /// The answer rests on the form's clause and the asker says they were given something by someone not of their own
    /// side ("the mother of a child in our programme gave me a shawl"): neither the thing nor the giver need be listed.
    /// </summary>
    private bool GivenToTheAsker(string question) => _lexicon.SaysGiven(question) && !_lexicon.NamesInsider(question);

    /// <summary>
    /// A thing of the offer's categories given or offered from outside ("a supplier sent me a bottle of whisky"), or
    /// anything a giver from outside gave ("a contractor dropped off a crate of mangoes"): the thing need not be listed.
    /// </summary>
    private bool GivenFromOutside(FormOfferRule offer, string question) =>
        _lexicon.GivenFromOutside(question).Intersect(offer.Things, StringComparer.Ordinal).Any()
        || (_lexicon.NamesGiver(question) && _lexicon.SaysGiven(question) && !_lexicon.NamesInsider(question));

    /// <summary>Where the answer's clauses first name one of the form's; forms resting on none come last.</summary>
    private static int Rank(FormDefinition form, IReadOnlyList<string> clauses)
    {
        for (var i = 0; i < clauses.Count; i++)
            if (form.Clauses.Contains(clauses[i], StringComparer.Ordinal))
                return i;
        return int.MaxValue;
    }

    /// <summary>The asker speaks of themselves or their team.</summary>
    [GeneratedRegex(@"(?<!\w)(i|i'm|i’m|im|i've|i’ve|i'd|i’d|i'll|me|my|mine|myself|we|we're|we’re|our|ours|us)(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex OwnAct();
}
