using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace EthicsBot.Knowledge.Search.Semantic;

/// <summary>
/// Picks the sentences of a clause that answer a question: the one closest in meaning, helped by the question's words
/// (and the wordings the synonym list adds, a word counting more the rarer it is in the Codes) and by what a rule is
/// made of — the permission, the prohibition, the condition, who approves. A paragraph's opening sentence (its rule)
/// is slightly preferred; an exception ("If…", "Where…") and a sentence that only points to another document ("should
/// also refer to Instruction IN/7") are held back. Whole sentences only: a second one when it answers nearly as well
/// and both fit <see cref="MaxCharacters"/>; a sentence that leans on the one before ("Such attendance…", "In such
/// cases…") comes with it, and a rule that leans on the picked one follows it.
/// </summary>
public sealed partial class QuotePicker
{
    /// <summary>Most characters the picked sentences take together, unless one sentence (with the one it leans on) is longer.</summary>
    public const int MaxCharacters = 420;

    private const double WordWeight = 0.25;
    private const double RuleWeight = 0.06;
    private const double OpeningWeight = 0.03;
    private const double ExceptionPenalty = 0.15;
    private const double StepWeight = 0.05;
    private const double ReferencePenalty = 0.25;
    private const double SecondMargin = 0.04;

    /// <summary>How much the bank's pointing to a sentence counts (times the asker's closeness to those bank questions).</summary>
    private const double BankWeight = 2;

    /// <summary>A second sentence also comes when it brings question words the first lacks, this share of the best overlap.</summary>
    private const double NewWordsShare = 0.4;

    private readonly ConcurrentDictionary<string, Facts> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _rarity;

    private sealed record Facts(HashSet<string> Terms, bool IsRule, bool IsException, bool IsReference, bool LeansBack, bool IsStep);

    /// <summary><paramref name="sentences"/>: every sentence of the Codes, for how rare each word is.</summary>
    public QuotePicker(IEnumerable<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var distinct = sentences.Distinct(StringComparer.Ordinal).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var facts in distinct.Select(s => _facts.GetOrAdd(s, Describe)))
            foreach (var term in facts.Terms)
                frequency[term] = frequency.GetValueOrDefault(term) + 1;
        _rarity = frequency.ToDictionary(f => f.Key, f => Math.Log(1 + (distinct.Count / (double)f.Value)), StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="sentences"/> in the clause's order, each with its similarity in meaning to the question;
    /// <paramref name="termWeights"/> the question's terms (<see cref="QueryPlan.TermWeights"/>). When the question asks
    /// what to do, a sentence naming a step (disclose, report, get approval) is preferred; an exception ("If…", "In
    /// cases where…") is held back unless the question itself puts a case ("What should I do if…"). <paramref name="bankSupport"/>,
    /// per sentence, how close the question is to the bank questions that sentence answers (0 for none; null when the
    /// clause's bank names no answers): the sentence the nearest bank questions point to is preferred. In the clause's order.
    /// </summary>
    public IReadOnlyList<string> Pick(IReadOnlyList<(string Text, double Similarity)> sentences, IReadOnlyDictionary<string, float> termWeights, string? question = null,
        IReadOnlyList<double>? bankSupport = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(termWeights);
        if (sentences.Count == 0)
            return [];
        var facts = sentences.Select(s => _facts.GetOrAdd(s.Text, Describe)).ToList();
        var asksAboutACase = question is not null && Condition().IsMatch(question);
        var asksWhatToDo = question is not null && WhatToDo().IsMatch(question);
        double Weight(string t) => termWeights.TryGetValue(t, out var w) ? w * _rarity.GetValueOrDefault(t, 1) : 0;
        var words = facts.Select(f => f.Terms.Sum(Weight)).ToList();
        var mostWords = Math.Max(words.Max(), 1);
        var scores = sentences.Select((s, i) => s.Similarity + (WordWeight * words[i] / mostWords) + (facts[i].IsRule ? RuleWeight : 0)
            + (i == 0 ? OpeningWeight : 0) + (asksWhatToDo && facts[i].IsStep ? StepWeight : 0)
            - ((facts[i].IsException && !asksAboutACase) ? ExceptionPenalty : 0) - (facts[i].IsReference ? ReferencePenalty : 0)
            + (bankSupport is null ? 0 : BankWeight * bankSupport[i])).ToList();
        var picked = WithNeighbours(scores.IndexOf(scores.Max()), facts);
        // A second sentence: one that answers nearly as well, or one that brings question words the first lacks
        // ("…do not cease upon separation from service" for a question about after leaving).
        var covered = picked.SelectMany(i => facts[i].Terms).ToHashSet(StringComparer.Ordinal);
        var second = Enumerable.Range(0, sentences.Count).Where(i => !picked.Contains(i) && !facts[i].IsReference)
            .Select(i => (Index: i, New: facts[i].Terms.Where(t => !covered.Contains(t)).Sum(Weight)))
            .Where(c => scores[c.Index] >= scores.Max() - SecondMargin || c.New >= NewWordsShare * mostWords)
            .OrderByDescending(c => scores[c.Index] + (WordWeight * c.New / mostWords)).Select(c => (int?)c.Index).FirstOrDefault();
        // Asked what to do, and the rule picked names no step: the step the paragraph names comes with it.
        if (asksWhatToDo && !picked.Any(i => facts[i].IsStep))
            second = Enumerable.Range(0, sentences.Count).Where(i => facts[i].IsStep && !facts[i].IsReference).OrderByDescending(i => scores[i]).Select(i => (int?)i).FirstOrDefault() ?? second;
        if (second is { } other && WithNeighbours(other, facts).Union(picked).Sum(i => sentences[i].Text.Length) <= MaxCharacters)
            picked = [.. WithNeighbours(other, facts).Union(picked)];
        return [.. picked.Distinct().Order().Select(i => sentences[i].Text)];
    }

    /// <summary>A sentence with the one it leans on, and the rule after it that leans on it.</summary>
    private static List<int> WithNeighbours(int index, List<Facts> facts)
    {
        List<int> unit = [index];
        if (index > 0 && facts[index].LeansBack)
            unit.Insert(0, index - 1);
        if (index + 1 < facts.Count && facts[index + 1].LeansBack && facts[index + 1].IsRule)
            unit.Add(index + 1);
        return unit;
    }

    /// <summary>A question that puts a case: "what if…", "…if my supervisor…", "in case…", "when…".</summary>
    [GeneratedRegex(@"\b(if|in case|when|unless|suppose|supposing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    private static Facts Describe(string sentence) =>
        new([.. TextAnalysis.Terms(sentence)], RuleWords().IsMatch(sentence), Exception().IsMatch(sentence), OnlyPointsElsewhere().IsMatch(sentence),
            LeansOnThePrevious().IsMatch(sentence), StepWords().IsMatch(sentence));

    [GeneratedRegex(@"\b(what (should|do|must|can|shall) (i|we)( need to)? do|what (are|is) (my|the) (options|next steps?|procedure)|(do|would) (i|we) (have|need) to|should (i|we)|must (i|we)|who (do|should|must) (i|we)|who (approves|decides|authori[sz]es)|whom|how (do|should|can) (i|we) (declare|disclose|report|tell|get))\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhatToDo();

    /// <summary>A step someone takes: disclose, declare, report, get approval, refer, withdraw, complain.</summary>
    [GeneratedRegex(@"\b(disclos\w*|declar\w*|report\w*|approv\w*|authori[sz]\w*|refer\w*|withdraw\w*|dispose|complaint|cooperate|coordinate|inform|entrust\w*|transparency)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepWords();

    /// <summary>What a rule is made of: an obligation, a permission, a prohibition, an approval, a declaration.</summary>
    [GeneratedRegex(@"\b(shall|must|may|should|not|no|never|prohibit\w*|forbid\w*|improper|discourag\w*|approv\w*|authori[sz]\w*|permitted|require[ds]?|disclos\w*|declare\w*|entrust\w*|refrain|zero tolerance|(is|are) to be|duty|obliged|right to|free to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RuleWords();

    /// <summary>A special case the paragraph's rule leaves room for.</summary>
    [GeneratedRegex(@"^(if|where|when|unless|in cases? (where|wherein)|in case)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Exception();

    /// <summary>A sentence that sends the reader to another document rather than saying what to do.</summary>
    [GeneratedRegex(@"\b(also )?refer to (the )?(instruction|policy|guidelines?|IN/\d+)|^see (also )?", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyPointsElsewhere();

    [GeneratedRegex(@"^(therefore|thus|hence|such|this|these|those|that|it|they|however|nonetheless|in (this|that|such) (cases?|regard|instance)|accordingly|consequently|likewise|similarly|furthermore|moreover|also|in addition)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeansOnThePrevious();
}
