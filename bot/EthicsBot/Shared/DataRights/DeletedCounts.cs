namespace EthicsBot.Shared.DataRights;

/// <summary>What was deleted, by kind.</summary>
public sealed record DeletedCounts(int ReviewItems, int AnswerEvents, int Feedback, int Dialogs, int Disclosures)
{
    public int Total => ReviewItems + AnswerEvents + Feedback + Dialogs + Disclosures;

    public static DeletedCounts operator +(DeletedCounts a, DeletedCounts b) =>
        new(a.ReviewItems + b.ReviewItems, a.AnswerEvents + b.AnswerEvents, a.Feedback + b.Feedback, a.Dialogs + b.Dialogs, a.Disclosures + b.Disclosures);
}
