using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace EthicsBot.Benchmarks;

/// <summary>
/// Counts the requests the bot makes to the table service and makes each wait <paramref name="roundTrip"/> before it
/// is sent: the network round trip of the Azure service, which Azurite on loopback does not have.
/// </summary>
internal sealed class TableRequests(TimeSpan roundTrip) : HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public TableServiceClient Client(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        if (roundTrip > TimeSpan.Zero)
            await Task.Delay(roundTrip, message.CancellationToken).ConfigureAwait(false);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        if (roundTrip > TimeSpan.Zero)
            Thread.Sleep(roundTrip);
        ProcessNext(message, pipeline);
    }
}
