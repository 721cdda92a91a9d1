using System.Text.Json;
using EthicsBot.Cli;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// <c>eval answers</c>: each question down the bot's own path to the card, judged as a staff member would judge it —
/// the kind, the clause first, the sentence quoted, the form offered, no false alarm.
/// </summary>
public sealed class AnswerEvalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-answers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Set(params string[] lines)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Each_miss_is_printed_with_what_was_wrong_and_the_rates_per_part_come_last()
    {
        var set = Set(
            """{"org":"iom","question":"Can I accept a gift from a government official?","kind":"answer","expected":["iom-5.49"],"quote":"No staff member shall accept any honour","form":"gift"}""",
            """{"org":"iom","question":"When is payday this month?","kind":"answer","expected":["iom-5.49"],"form":"none"}""",
            """{"org":"ims","question":"When is payday?","expected":["none"]}""");

        var (code, output, error) = await Run("eval", "answers", "--set", set);

        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n');
        var miss = Assert.Single(lines, l => l.StartsWith("MISS", StringComparison.Ordinal));
        Assert.Contains("line 2 [iom] When is payday this month?", miss, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("kind not_covered (expected answer", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(lines[^1]);
        var root = summary.RootElement;
        Assert.Equal(3, root.GetProperty("n").GetInt32());
        Assert.Equal(0.6667, root.GetProperty("kind").GetDouble());
        Assert.Equal(0.5, root.GetProperty("first_clause").GetDouble());
        Assert.Equal(1, root.GetProperty("quote").GetDouble());
        Assert.Equal(1, root.GetProperty("form").GetDouble());
        Assert.Equal(1, root.GetProperty("no_false_banner").GetDouble());
        Assert.Equal(0.6667, root.GetProperty("fully_right").GetDouble());
        Assert.InRange(root.GetProperty("max_first_screen").GetInt32(), 1, 900);
        Assert.Equal(2, root.GetProperty("by_org").GetProperty("iom").GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("""{"org":"iom","question":"q","kind":"answer","expected":["iom-5.49"],"quote":"Staff may accept any gift"}""", "line 1: \"Staff may accept any gift\" is not in the words of iom-5.49")]
    [InlineData("""{"org":"iom","question":"q","kind":"answer","expected":[]}""", "line 1: an answer needs the clause ids")]
    [InlineData("""{"org":"iom","question":"q","kind":"maybe","expected":[]}""", "line 1: \"kind\" must be \"answer\" or \"not_covered\"")]
    [InlineData("""{"org":"iom","question":"q","kind":"answer","expected":["iom-5.49"],"quote":""}""", "line 1: \"quote\" must be a non-empty string")]
    public async Task A_line_that_cannot_be_judged_stops_the_run_naming_its_line(string line, string message)
    {
        var (code, _, error) = await Run("eval", "answers", "--set", Set(line));

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_not_covered_line_may_say_it_has_nothing_to_quote_with_an_empty_quote()
    {
        var (code, output, error) = await Run("eval", "answers", "--set",
            Set("""{"org":"iom","question":"How many days of annual leave do I get?","kind":"not_covered","expected":[],"quote":"","form":"none"}"""));

        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]);
        Assert.Equal(1, summary.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void A_fragment_copied_from_the_source_text_matches_with_its_link_marker()
    {
        Assert.Equal("the 2024-28 global strategy, and cover", Evaluation.AnswerResult.Normalize("the 2024-28  Global Strategy (link), and cover"));
        Assert.Equal("see the linked page", Evaluation.AnswerResult.Normalize("see the linked page"));
    }
}
