namespace EthicsBot.Evaluation;

/// <summary>
/// What the bot did with one question of an answer set, read from the card it would send: the kind of reply
/// (answer, not_covered, handoff, smalltalk, or dialog when the message started a form), the clause first, the text
/// on the card's first screen, the form offered and whether the report banner was on.
/// </summary>
public sealed record AnswerResult(AnswerCase Case, string Outcome, string? FirstClause, double Score, string FirstScreen, string? Form, bool Alarm)
{
    /// <summary>Characters visible before any click (text and button titles), the card's first screen.</summary>
    public int VisibleCharacters { get; init; }

    public bool KindRight => Outcome == Case.Kind;

    /// <summary>Null when the line expects no answer (the part is not judged).</summary>
    public bool? ClauseRight => Case.ExpectsAnswer ? Outcome == AnswerCase.Answer && FirstClause is not null && Case.Expected.Contains(FirstClause) : null;

    public bool? QuoteRight => Case.ExpectsAnswer && Case.Quotes.Count > 0
        ? Outcome == AnswerCase.Answer && Case.Quotes.Any(q => Normalize(FirstScreen).Contains(Normalize(q), StringComparison.Ordinal))
        : null;

    public bool? FormRight => Case.Form is { } form ? (Form ?? AnswerCase.NoForm) == form : null;

    /// <summary>A question under the report banner, or handed off as a report.</summary>
    public bool NoFalseAlarm => !Alarm;

    public bool FullyRight => KindRight && ClauseRight != false && QuoteRight != false && FormRight != false && NoFalseAlarm;

    /// <summary>
    /// Lower case, one kind of quote mark and apostrophe, single spaces, no "(link)" marker (the source text marks a
    /// hyperlinked phrase so, and the Code as parsed leaves it out): a fragment matches however the card typesets it.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = Knowledge.Documents.CodeParser.WithoutLinkMarkers(text).ToLowerInvariant().Select(c => c switch
        {
            '’' or '‘' or '`' => '\'',
            '“' or '”' => '"',
            _ when char.IsWhiteSpace(c) => ' ',
            _ => c,
        }).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>What was wrong, part by part; empty when it was fully right.</summary>
    public IEnumerable<string> Problems()
    {
        if (!KindRight)
            yield return $"kind {Outcome} (expected {Case.Kind}{(FirstClause is null ? "" : FormattableString.Invariant($"; best {FirstClause} {Score:0.000}"))})";
        if (ClauseRight == false && Outcome == AnswerCase.Answer)
            yield return $"first clause {FirstClause} (expected {string.Join("|", Case.Expected)})";
        if (QuoteRight == false && Outcome == AnswerCase.Answer)
            yield return $"quote lacks \"{Case.Quotes[0]}\"{(Case.Quotes.Count > 1 ? $" (or {Case.Quotes.Count - 1} other)" : "")}; shown: {Shown()}";
        if (FormRight == false)
            yield return $"form {Form ?? AnswerCase.NoForm} (expected {Case.Form})";
        if (Alarm)
            yield return Outcome == "handoff" ? "handed off as a report" : "report banner";
    }

    /// <summary>The main quote on the card (its first quoted line), or the first screen's start when there is none.</summary>
    private string Shown()
    {
        var quote = FirstScreen.Split('\n').FirstOrDefault(l => l.StartsWith('“'))?.TrimEnd() ?? FirstScreen.ReplaceLineEndings(" ");
        return quote.Length <= 400 ? quote : quote[..400] + "…";
    }
}
