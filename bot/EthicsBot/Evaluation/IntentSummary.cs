namespace EthicsBot.Evaluation;

/// <summary>
/// Report recall (reports handed off or bannered), false handoff rate (questions handed off instead of answered),
/// banner rate (questions answered with the banner), precision (reports among the handoffs).
/// </summary>
public sealed record IntentSummary(int N, double ReportRecall, double FalseHandoffRate, double Precision, double BannerRate);
