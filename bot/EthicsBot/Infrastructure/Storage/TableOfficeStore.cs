using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using static EthicsBot.Infrastructure.Storage.TableStorage;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// The ethics office's data in Azure Table Storage: tables <c>{prefix}Feedback</c>, <c>{prefix}Answers</c>,
/// <c>{prefix}Review</c> and <c>{prefix}Faq</c>, partition = organisation, row = the id (escaped). Review items change
/// under ETag concurrency, so two members acting at once cannot both close an item.
/// </summary>
public sealed class TableOfficeStore : IOfficeStore
{
    private readonly TableClient _feedback;
    private readonly TableClient _answers;
    private readonly TableClient _review;
    private readonly TableClient _faq;
    private readonly Lazy<Task> _created;

    public TableOfficeStore(TableServiceClient service, string tablePrefix = "ethicsbot")
    {
        ArgumentNullException.ThrowIfNull(service);
        _feedback = service.GetTableClient(tablePrefix + "Feedback");
        _answers = service.GetTableClient(tablePrefix + "Answers");
        _review = service.GetTableClient(tablePrefix + "Review");
        _faq = service.GetTableClient(tablePrefix + "Faq");
        _created = new Lazy<Task>(() => Task.WhenAll(new[] { _feedback, _answers, _review, _faq }.Select(t => t.CreateIfNotExistsAsync())));
    }

    private static JsonSerializerOptions Json => ProtocolJson.Options;

    private Task ReadyAsync() => _created.Value;

    public async Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await ReadyAsync().ConfigureAwait(false);
        await _feedback.UpsertEntityAsync(new TableEntity(Key(feedback.Organization), Key(feedback.AnswerId))
        {
            ["AnswerId"] = feedback.AnswerId,
            ["Clauses"] = JsonSerializer.Serialize(feedback.Clauses),
            ["Helpful"] = feedback.Helpful,
            ["At"] = feedback.At.ToUniversalTime(),
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AnswerFeedback?> FeedbackAsync(string organization, string answerId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _feedback.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(answerId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? ToFeedback(organization, entity.Value!) : null;
    }

    public async Task<IReadOnlyList<AnswerFeedback>> FeedbackSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var list = new List<AnswerFeedback>();
        await foreach (var entity in _feedback.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)} and At ge {since.ToUniversalTime()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(ToFeedback(organization, entity));
        return [.. list.OrderBy(f => f.At)];
    }

    public Task RecordAnswerAsync(AnswerEvent answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return RecordAnswersAsync([answer], cancellationToken);
    }

    public async Task RecordAnswersAsync(IReadOnlyList<AnswerEvent> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        await ReadyAsync().ConfigureAwait(false);
        // One entity-group transaction per organisation (a partition) and hundred events, the most one may hold.
        foreach (var partition in answers.DistinctBy(a => (a.Organization, a.Id)).GroupBy(a => a.Organization, StringComparer.Ordinal))
            foreach (var chunk in partition.Chunk(100))
                await _answers.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, AnswerEntity(a))), cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity AnswerEntity(AnswerEvent answer) => new(Key(answer.Organization), Key(answer.Id))
    {
        ["At"] = answer.At.ToUniversalTime(),
        ["Data"] = JsonSerializer.Serialize(answer, Json),
    };

    public async Task<IReadOnlyList<AnswerEvent>> AnswersSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var list = await QueryDataAsync<AnswerEvent>(_answers, TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)} and At ge {since.ToUniversalTime()}"), cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(a => a.At)];
    }

    public async Task<bool> QueueAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await ReadyAsync().ConfigureAwait(false);
        try
        {
            await _review.AddEntityAsync(ToEntity(item), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ReviewItem?> GetItemAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _review.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Data<ReviewItem>(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<ReviewItem>> ItemsAsync(string organization, CancellationToken cancellationToken)
    {
        var list = await QueryDataAsync<ReviewItem>(_review, TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)}"), cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(i => i.At).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    public async Task<(ReviewItem? Item, bool Changed)> UpdateItemAsync(string organization, string id, Func<ReviewItem, ReviewItem?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await ReadyAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await _review.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!entity.HasValue)
                return (null, false);
            var current = Data<ReviewItem>(entity.Value!);
            if (change(current) is not { } updated)
                return (current, false);
            try
            {
                await _review.UpdateEntityAsync(ToEntity(updated), entity.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (updated, true);
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
                // Changed meanwhile: apply the change to what is stored now.
            }
        }
    }

    public async Task SaveFaqAsync(FaqEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await ReadyAsync().ConfigureAwait(false);
        await _faq.UpsertEntityAsync(new TableEntity(Key(entry.Organization), Key(entry.Id)) { ["Data"] = JsonSerializer.Serialize(entry, Json) },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FaqEntry?> GetFaqAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _faq.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Data<FaqEntry>(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<FaqEntry>> FaqAsync(string? organization, CancellationToken cancellationToken)
    {
        var list = await QueryDataAsync<FaqEntry>(_faq, organization is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)}"), cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(f => f.Organization, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    public async Task<DeletedCounts> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"At lt {cutoff.ToUniversalTime()}");
        return new DeletedCounts(
            await DeleteWhereAsync(_review, filter, cancellationToken).ConfigureAwait(false),
            await DeleteWhereAsync(_answers, filter, cancellationToken).ConfigureAwait(false),
            await DeleteWhereAsync(_feedback, filter, cancellationToken).ConfigureAwait(false), 0, 0);
    }

    public async Task<DeletedCounts> EraseAskerAsync(string userId, ErasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await ReadyAsync().ConfigureAwait(false);
        var items = 0;
        foreach (var filter in InScope(scope, TableClient.CreateQueryFilter($"AskerId eq {userId}")))
            items += await DeleteWhereAsync(_review, filter, cancellationToken).ConfigureAwait(false);
        return new DeletedCounts(items, 0, 0, 0, 0);
    }

    private async Task<List<T>> QueryDataAsync<T>(TableClient table, string? filter, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var list = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(Data<T>(entity));
        return list;
    }

    private static T Data<T>(TableEntity entity) => JsonSerializer.Deserialize<T>(entity.GetString("Data"), Json)!;

    private static TableEntity ToEntity(ReviewItem item) => new(Key(item.Organization), Key(item.Id))
    {
        ["AskerId"] = item.AskerId,
        ["At"] = item.At.ToUniversalTime(),
        ["Status"] = item.Status,
        ["Data"] = JsonSerializer.Serialize(item, Json),
    };

    private static AnswerFeedback ToFeedback(string organization, TableEntity entity) => new(
        entity.GetString("AnswerId"), organization, JsonSerializer.Deserialize<string[]>(entity.GetString("Clauses")) ?? [],
        entity.GetBoolean("Helpful") ?? false, entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue);
}
