namespace EthicsBot.Evaluation;

/// <summary>
/// The rate of each part over the lines that judge it (kind and alarm over all; first clause and quote over the
/// lines expecting an answer; form over the lines naming one), the share fully right, and the longest first screen.
/// </summary>
public sealed record AnswerSummary(int N, double Kind, double FirstClause, double Quote, double Form, double NoFalseBanner, double FullyRight, int MaxFirstScreen);
