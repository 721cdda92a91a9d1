namespace EthicsBot.Shared.DataRights;

/// <summary>What was deleted, by kind; <c>CampaignRecords</c> counts the person's campaign contact, queue entries and acknowledgements.</summary>
public sealed record DeletedCounts(int ReviewItems, int AnswerEvents, int Feedback, int Dialogs, int Disclosures, int CampaignRecords = 0)
{
    public int Total => ReviewItems + AnswerEvents + Feedback + Dialogs + Disclosures + CampaignRecords;

    public static DeletedCounts operator +(DeletedCounts a, DeletedCounts b) =>
        new(a.ReviewItems + b.ReviewItems, a.AnswerEvents + b.AnswerEvents, a.Feedback + b.Feedback, a.Dialogs + b.Dialogs, a.Disclosures + b.Disclosures,
            a.CampaignRecords + b.CampaignRecords);
}
