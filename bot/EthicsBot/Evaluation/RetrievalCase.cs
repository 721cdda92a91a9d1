namespace EthicsBot.Evaluation;

/// <summary>
/// One line of a retrieval set: <c>{"org":"iom","question":"…","expected":["iom-5.49"]}</c>, with an optional
/// <c>"lang"</c> (ISO 639-1): a question in a language with a question bank is searched in that bank, and the figures
/// are also given per language. <c>"expected":["none"]</c> (the Code does not cover it) is for <c>eval answers</c>.
/// </summary>
public sealed record RetrievalCase(int Line, string Organization, string Question, IReadOnlyList<string> Expected)
{
    public string? Lang { get; init; }

    /// <summary>The line says no clause answers it: not a retrieval question.</summary>
    public bool ExpectsNone => Expected is ["none"];
}
