namespace EthicsBot.Features.Safety;

/// <summary>What a message gets: the handoff alone, the answer with the handoff banner, or the answer.</summary>
public enum ReportAction
{
    Answer,
    Banner,
    Handoff,
}
