using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Knowledge.Tests.Search.Semantic;

/// <summary>
/// A bank line's optional <c>"tells"</c>: read when true or false, refused otherwise; its optional <c>"answer"</c>: read
/// when it is words of one sentence of the clause (spacing aside), refused otherwise; each refusal naming the file and line.
/// </summary>
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

    private static readonly Dictionary<string, IReadOnlyList<string>> Texts = new(StringComparer.Ordinal)
    {
        ["iom-5.49"] = SentencePicker.Sentences("No staff member shall accept any honour, decoration, favour, gift or remuneration from any  Government. If refusal would cause embarrassment, the staff member may receive it on behalf of the Organization."),
    };

    [Fact]
    public void An_answer_in_the_clauses_words_is_read_and_names_its_sentence()
    {
        var file = Write(
            """{"clause": "iom-5.49", "question": "The governor gave me a watch on stage, what now?", "answer": "may receive it on behalf of the Organization"}""",
            """{"clause": "iom-5.49", "question": "Can I keep a gift?", "answer": "gift or remuneration from any Government"}""",
            """{"clause": "iom-5.49", "question": "Can I keep it?"}""");

        var bank = QuestionBank.LoadFile(file, Ids, Texts);

        Assert.Equal(["may receive it on behalf of the Organization", "gift or remuneration from any Government", null], bank.Select(q => q.Answer));
        Assert.True(BankQuestion.Names(bank[1].Answer, "No staff member shall accept any honour, decoration, favour, gift or remuneration from any  Government."));
        Assert.False(BankQuestion.Names(bank[1].Answer, "If refusal would cause embarrassment, the staff member may receive it on behalf of the Organization."));
        Assert.False(BankQuestion.Names(bank[2].Answer, "Anything."));
    }

    [Theory]
    [InlineData("""{"clause": "iom-5.49", "question": "Can I keep it?", "answer": "may keep it if it is small"}""", "the answer \"may keep it if it is small\" is not words of one sentence of iom-5.49.")]
    [InlineData("""{"clause": "iom-5.49", "question": "Can I keep it?", "answer": "from any Government. If refusal"}""", "the answer \"from any Government. If refusal\" is not words of one sentence of iom-5.49.")]
    [InlineData("""{"clause": "iom-5.49", "question": "Can I keep it?", "answer": 3}""", "\"answer\" must be words of the clause.")]
    [InlineData("""{"clause": "iom-5.49", "question": "Can I keep it?", "answer": " "}""", "\"answer\" must be words of the clause.")]
    public void An_answer_that_is_not_words_of_the_clause_is_refused_naming_the_line(string line, string reason)
    {
        var file = Write("""{"clause": "iom-5.49", "question": "Can I keep a gift?"}""", line);

        var error = Assert.Throws<KnowledgeException>(() => QuestionBank.LoadFile(file, Ids, Texts));

        Assert.Equal($"{file} line 2: {reason}", error.Message);
    }

    private string Write(params string[] lines)
    {
        var file = Path.Combine(_folder, "xx.jsonl");
        File.WriteAllLines(file, lines);
        return file;
    }
}
