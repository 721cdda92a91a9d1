using EthicsBot.Infrastructure.Storage;
using EthicsBot.Teams.Hosting;

namespace EthicsBot.Tests.Storage;

/// <summary>
/// What every activity ledger must do (insert-if-absent with expiry, claims that run out and are taken over), run on
/// the in-memory one, SQLite and Azure Table Storage on Azurite.
/// </summary>
public abstract class ActivityLedgerContract
{
    protected abstract IActivityLedger Ledger { get; }

    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static string Key(string id) => ActivityKeys.KeyOf("msteams", "a:conversation", id);

    [Fact]
    public async Task The_first_claim_wins_and_the_others_see_it_busy_then_done()
    {
        var key = Key("m-1");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Ledger.TryClaimAsync(key, $"instance-{i}", Now, Now.AddSeconds(30), default)));

        Assert.Single(outcomes, o => o == ClaimOutcome.Claimed);
        Assert.All(outcomes.Where(o => o != ClaimOutcome.Claimed), o => Assert.Equal(ClaimOutcome.Busy, o));
        var owner = $"instance-{Array.IndexOf(outcomes, ClaimOutcome.Claimed)}";

        await Ledger.CompleteAsync(key, owner, Now.AddMinutes(30), default);
        Assert.Equal(ClaimOutcome.Done, await Ledger.TryClaimAsync(key, "instance-x", Now.AddMinutes(1), Now.AddMinutes(2), default));
        // Past the dedup window the id may be used again.
        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(key, "instance-x", Now.AddMinutes(31), Now.AddMinutes(32), default));
    }

    [Fact]
    public async Task A_claim_whose_owner_died_is_taken_over_after_its_lease_and_a_renewed_one_is_not()
    {
        var (dead, alive) = (Key("m-dead"), Key("m-alive"));
        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(dead, "a", Now, Now.AddSeconds(30), default));
        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(alive, "a", Now, Now.AddSeconds(30), default));
        Assert.True(await Ledger.RenewAsync(alive, "a", Now.AddSeconds(60), default));
        Assert.False(await Ledger.RenewAsync(alive, "b", Now.AddSeconds(90), default));

        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(dead, "b", Now.AddSeconds(31), Now.AddSeconds(61), default));
        Assert.Equal(ClaimOutcome.Busy, await Ledger.TryClaimAsync(alive, "b", Now.AddSeconds(31), Now.AddSeconds(61), default));
        Assert.False(await Ledger.RenewAsync(dead, "a", Now.AddSeconds(90), default)); // it is b's now
    }

    [Fact]
    public async Task A_released_claim_is_taken_at_once_and_expired_entries_are_swept()
    {
        var key = Key("m-released");
        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(key, "a", Now, Now.AddSeconds(30), default));
        await Ledger.ReleaseAsync(key, "b", default); // not b's: stays
        Assert.Equal(ClaimOutcome.Busy, await Ledger.TryClaimAsync(key, "b", Now, Now.AddSeconds(30), default));
        await Ledger.ReleaseAsync(key, "a", default);
        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(key, "b", Now, Now.AddSeconds(30), default));

        await Ledger.CompleteAsync(Key("m-old"), "a", Now.AddMinutes(1), default);
        Assert.True(await Ledger.SweepAsync(Now.AddMinutes(2), default) >= 2);
        Assert.Equal(ClaimOutcome.Claimed, await Ledger.TryClaimAsync(Key("m-old"), "c", Now.AddMinutes(2), Now.AddMinutes(3), default));
    }
}

public sealed class MemoryActivityLedgerTests : ActivityLedgerContract
{
    protected override IActivityLedger Ledger { get; } = new MemoryActivityLedger();
}

public sealed class SqliteActivityLedgerTests : ActivityLedgerContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-ledger-").FullName;
    private readonly SqliteActivityLedger _ledger;

    public SqliteActivityLedgerTests() => _ledger = new SqliteActivityLedger(Path.Combine(_folder, "ethicsbot.db"));

    protected override IActivityLedger Ledger => _ledger;

    public void Dispose()
    {
        _ledger.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class TableActivityLedgerTests(AzuriteFixture azurite) : ActivityLedgerContract, IClassFixture<AzuriteFixture>
{
    protected override IActivityLedger Ledger { get; } = new TableActivityLedger(azurite.Client(), "t" + Guid.NewGuid().ToString("N")[..12]);
}
