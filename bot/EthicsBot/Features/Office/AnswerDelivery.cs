using System.Globalization;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Office;

/// <summary>Takes the ethics office's answer to the asker's chat; a failed delivery is logged, the answer stays recorded.</summary>
public sealed partial class AnswerDelivery(IConnectorClient connector, ILogger<AnswerDelivery> logger)
{
    public async Task TellAskerAsync(OrganizationProfile organization, ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(item);
        var rests = item.AnswerClauses.Count > 0 ? $"\n\n(Based on {string.Join(", ", item.AnswerClauses)}.)" : "";
        var message = new Activity
        {
            TextFormat = "markdown",
            Text = $"The {organization.EthicsOffice.Name} answered your question of {item.At.ToString("d MMM", CultureInfo.InvariantCulture)}: " +
                   $"“{TypedText.Escape(CardBuilder.Clip(item.Question, 300))}”\n\n{TypedText.Escape(item.Answer)}{rests}",
        };
        try
        {
            await connector.SendToAsync(item.Asker, message, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            LogDeliveryFailed(logger, organization.Id, item.Id, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to review item {Id} of {Organization} could not be delivered: {Problem}.")]
    private static partial void LogDeliveryFailed(ILogger logger, string organization, string id, string problem);
}
