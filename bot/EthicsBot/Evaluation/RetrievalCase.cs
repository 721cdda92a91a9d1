namespace EthicsBot.Evaluation;

/// <summary>One line of a retrieval set: <c>{"org":"iom","question":"…","expected":["iom-5.49"]}</c>.</summary>
public sealed record RetrievalCase(int Line, string Organization, string Question, IReadOnlyList<string> Expected);
