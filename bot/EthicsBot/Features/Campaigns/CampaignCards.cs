using System.Globalization;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Localization;
using static EthicsBot.Shared.Cards.CardBuilder;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// The campaign card in a person's chat, in the language of their Teams: what to read, the office's message and key
/// points, the due date, "I have read and understood the Code" and "I have a question"; once acknowledged, the same card
/// says so instead of asking. The office's own words are shown as written.
/// </summary>
public static class CampaignCards
{
    public static class Verbs
    {
        public const string Acknowledge = "campaign.acknowledge";
        public const string Question = "campaign.question";
    }

    /// <summary>The card that asks (<paramref name="reminder"/>: the reminder's line comes first).</summary>
    public static AdaptiveCard Ask(Campaign campaign, string? locale, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var t = CardLanguages.Default.For(locale);
        var body = Body(campaign, t);
        if (reminder)
            body.Insert(0, Text(t["CampaignReminder", campaign.CodeVersion], weight: "Bolder", color: "Attention"));
        body.Add(Text(t["CampaignDue", Day(campaign.DueAt)], subtle: true));
        List<AdaptiveAction> actions = [];
        if (campaign.CodeLink is { } link)
            actions.Add(OpenUrl(t["CampaignRead"], link));
        var data = new CampaignActionData { Campaign = campaign.Id };
        actions.Add(Execute(t["CampaignAcknowledge"], Verbs.Acknowledge, data, style: "positive"));
        actions.Add(Execute(t["CampaignQuestion"], Verbs.Question, data));
        return t.Directed(Card(body, actions));
    }

    /// <summary>The card after the person acknowledged: no button asks any more.</summary>
    public static AdaptiveCard Acknowledged(Campaign campaign, Acknowledgement acknowledgement, string? locale)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var t = CardLanguages.Default.For(locale);
        var body = Body(campaign, t);
        body.Add(Text(t["CampaignAcknowledged", acknowledgement.CodeVersion, Day(acknowledgement.At)], weight: "Bolder", color: "Good"));
        List<AdaptiveAction> actions = campaign.CodeLink is { } link ? [OpenUrl(t["CampaignRead"], link)] : [];
        return t.Directed(Card(body, actions));
    }

    /// <summary>A person's acknowledgements, newest first ("my acknowledgements").</summary>
    public static AdaptiveCard Mine(IReadOnlyList<Acknowledgement> acknowledgements, string? locale)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        var t = CardLanguages.Default.For(locale);
        List<AdaptiveElement> body = [Text(t["CampaignMine"], size: "Medium", weight: "Bolder")];
        if (acknowledgements.Count == 0)
            body.Add(Text(t["CampaignNone"]));
        else
            body.Add(Facts([.. acknowledgements.Select(a => (Day(a.At), a.CodeVersion))]));
        return t.Directed(Card(body));
    }

    private static List<AdaptiveElement> Body(Campaign campaign, JsonStringLocalizer t)
    {
        List<AdaptiveElement> body =
        [
            Text(t["CampaignTitle", campaign.CodeVersion], size: "Medium", weight: "Bolder"),
            Text(TypedText.Escape(campaign.Message)),
        ];
        if (campaign.KeyPoints.Count > 0)
        {
            body.Add(Text(t["CampaignKeyPoints"], weight: "Bolder", spacing: "Medium"));
            body.Add(Text(string.Join("\n", campaign.KeyPoints.Select(p => "- " + TypedText.Escape(p)))));
        }
        return body;
    }

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
