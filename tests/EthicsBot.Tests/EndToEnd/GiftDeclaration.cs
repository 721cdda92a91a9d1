using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.EndToEnd;

/// <summary>A whole IOM gift declaration through its cards, as a person clicks it, over whatever sends the invokes.</summary>
internal static class GiftDeclaration
{
    /// <summary>
    /// From the "Declare a gift" button to the reference number; (null, null) when a step did not answer or a card other
    /// than the expected one came (a dialog resumed at another step is cancelled, so the caller can start over).
    /// </summary>
    public static async Task<(string? Reference, string? Dialog)> RunAsync(Func<string, JsonNode, Task<JsonElement?>> invoke, Func<JsonObject> latestCard)
    {
        var start = await invoke("startDisclosure", new JsonObject { ["type"] = "gift", ["org"] = "iom" });
        if (start is null)
            return (null, null);
        var card = latestCard();
        var form = DialogHarness.Forms.Find("iom", "gift")!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var step = 0; step <= form.Steps.Count; step++)
        {
            var title = step == form.Steps.Count ? "Submit" : step == form.Steps.Count - 1 ? "Review" : "Next";
            if (card["actions"]!.AsArray().All(a => (string?)a!["title"] != title))
            {
                if (card["actions"]!.AsArray().Any(a => (string?)a!["title"] == "Cancel"))
                    await invoke("disclosure", JsonNode.Parse(DialogHarness.Press(card, "Cancel").GetRawText())!);
                return (null, null);
            }
            var inputs = step < form.Steps.Count ? form.Steps[step].Fields.ToDictionary(f => f.Id, f => DialogHarness.ValidInput(f, today)) : null;
            var data = DialogHarness.Press(card, title, inputs);
            var response = await invoke("disclosure", JsonNode.Parse(data.GetRawText())!);
            if (response is null || response.Value.GetProperty("type").GetString() != "application/vnd.microsoft.card.adaptive")
                return (null, null);
            card = JsonNode.Parse(response.Value.GetProperty("value").GetRawText())!.AsObject();
            if (title == "Submit")
            {
                var text = DialogHarness.Say(card);
                var at = text.IndexOf("GIFT-", StringComparison.Ordinal);
                return at < 0 ? (null, null) : (text.Substring(at, 16), data.GetProperty("dialog").GetString());
            }
        }
        return (null, null);
    }
}
