using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Knowledge.Tests.Search.Semantic;

/// <summary>A bank line's optional <c>"tells"</c>: read when true or false, refused otherwise, naming the file and line.</summary>
public sealed class QuestionBankTests : IDisposable
{
    private static readonly HashSet<string> Ids = ["iom-5.49"];
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-bank-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void A_question_marked_as_telling_of_misconduct_is_read_as_such_and_others_are_not()
    {
        var file = Write(
            """{"clause": "iom-5.49", "question": "Can I keep a bottle of whisky from a supplier?"}""",
            """{"clause": "iom-5.49", "question": "My boss keeps the suppliers' gifts, is that allowed?", "tells": true}""",
            """{"clause": "iom-5.49", "question": "A calendar from a supplier, fine?", "tells": false}""");

        var bank = QuestionBank.LoadFile(file, Ids);

        Assert.Equal([false, true, false], bank.Select(q => q.TellsOfMisconduct));
        Assert.All(bank, q => Assert.Equal("iom-5.49", q.Clause));
    }

    [Fact]
    public void A_tells_that_is_not_true_or_false_is_refused_naming_the_line()
    {
        var file = Write(
            """{"clause": "iom-5.49", "question": "Can I keep it?"}""",
            """{"clause": "iom-5.49", "question": "My boss keeps the gifts", "tells": "yes"}""");

        var error = Assert.Throws<KnowledgeException>(() => QuestionBank.LoadFile(file, Ids));

        Assert.Equal($"{file} line 2: \"tells\" must be true or false.", error.Message);
    }

    private string Write(params string[] lines)
    {
        var file = Path.Combine(_folder, "xx.jsonl");
        File.WriteAllLines(file, lines);
        return file;
    }
}
