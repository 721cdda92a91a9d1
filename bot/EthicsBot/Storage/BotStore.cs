using System.Text.Json;
using EthicsBot.Teams.Protocol;
using Microsoft.Data.Sqlite;

namespace EthicsBot.Storage;

/// <summary>A 👍/👎 on one answer: which answer, which clauses it cited, and the verdict. Nothing about the asker.</summary>
public sealed record AnswerFeedback(string AnswerId, string Organization, IReadOnlyList<string> Clauses, bool Helpful, DateTimeOffset At);

/// <summary>
/// A question the asker chose to send to the ethics office: the question, the clauses offered, and where to answer
/// (the conversation reference) — nothing else about the asker.
/// </summary>
public sealed record OfficeQuestion(string Id, string Organization, string Question, IReadOnlyList<string> Clauses, ConversationReference Asker, DateTimeOffset At);

/// <summary>What the bot keeps. The embedded default is one SQLite file.</summary>
public interface IBotStore
{
    /// <summary>Records or replaces the feedback on an answer (a second click changes the verdict, it does not add one).</summary>
    Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken);

    /// <summary>Queues a question for the ethics office; false when that answer's question was queued already.</summary>
    Task<bool> QueueQuestionAsync(OfficeQuestion question, CancellationToken cancellationToken);

    Task<IReadOnlyList<OfficeQuestion>> OpenQuestionsAsync(string organization, CancellationToken cancellationToken);

    Task<AnswerFeedback?> FeedbackAsync(string answerId, CancellationToken cancellationToken);
}

/// <summary>SQLite in WAL mode; each write is one statement, so nothing is ever half-stored.</summary>
public sealed class SqliteBotStore : IBotStore
{
    private readonly SqliteFile _file;

    public SqliteBotStore(string path) => _file = new SqliteFile(path, """
        CREATE TABLE IF NOT EXISTS feedback (
            answer_id TEXT PRIMARY KEY, organization TEXT NOT NULL, clauses TEXT NOT NULL,
            helpful INTEGER NOT NULL, at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS office_questions (
            id TEXT PRIMARY KEY, organization TEXT NOT NULL, question TEXT NOT NULL, clauses TEXT NOT NULL,
            asker TEXT NOT NULL, at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open');
        CREATE INDEX IF NOT EXISTS office_questions_open ON office_questions (organization, status, at);
        """);

    public async Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (answer_id, organization, clauses, helpful, at) VALUES ($id, $org, $clauses, $helpful, $at)
            ON CONFLICT (answer_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
            """;
        command.Parameters.AddWithValue("$id", feedback.AnswerId);
        command.Parameters.AddWithValue("$org", feedback.Organization);
        command.Parameters.AddWithValue("$clauses", JsonSerializer.Serialize(feedback.Clauses));
        command.Parameters.AddWithValue("$helpful", feedback.Helpful ? 1 : 0);
        command.Parameters.AddWithValue("$at", feedback.At.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AnswerFeedback?> FeedbackAsync(string answerId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT organization, clauses, helpful, at FROM feedback WHERE answer_id = $id";
        command.Parameters.AddWithValue("$id", answerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        return new AnswerFeedback(answerId, reader.GetString(0), JsonSerializer.Deserialize<string[]>(reader.GetString(1)) ?? [],
            reader.GetInt32(2) == 1, DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<bool> QueueQuestionAsync(OfficeQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO office_questions (id, organization, question, clauses, asker, at) VALUES ($id, $org, $q, $clauses, $asker, $at)
            ON CONFLICT (id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", question.Id);
        command.Parameters.AddWithValue("$org", question.Organization);
        command.Parameters.AddWithValue("$q", question.Question);
        command.Parameters.AddWithValue("$clauses", JsonSerializer.Serialize(question.Clauses));
        command.Parameters.AddWithValue("$asker", JsonSerializer.Serialize(question.Asker, ProtocolJson.Options));
        command.Parameters.AddWithValue("$at", question.At.ToString("O"));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<OfficeQuestion>> OpenQuestionsAsync(string organization, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, question, clauses, asker, at FROM office_questions WHERE organization = $org AND status = 'open' ORDER BY at";
        command.Parameters.AddWithValue("$org", organization);
        var questions = new List<OfficeQuestion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            questions.Add(new OfficeQuestion(reader.GetString(0), organization, reader.GetString(1),
                JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? [],
                JsonSerializer.Deserialize<ConversationReference>(reader.GetString(3), ProtocolJson.Options)!,
                DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture)));
        return questions;
    }

    private SqliteConnection Open() => _file.Open();
}
