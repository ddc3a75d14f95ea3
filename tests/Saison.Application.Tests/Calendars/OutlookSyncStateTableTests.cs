using Saison.Application.Calendars;
using Saison.Calendars.Outlook;
using Saison.Storage.Sqlite;

namespace Saison.Application.Tests.Calendars;

public sealed class OutlookSyncStateTableTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "saison-outlook-state-" + Guid.NewGuid().ToString("N"));
    private readonly OutlookSyncStateTable _state;

    public OutlookSyncStateTableTests()
    {
        Directory.CreateDirectory(_folder);
        _state = new OutlookSyncStateTable(new SqliteTableStore(Path.Combine(_folder, "state.db")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Saves_more_than_one_transaction_of_entries_and_reads_them_back_per_target()
    {
        var target = new OutlookTarget("agenda@saint-nazaire.example", "AAMkAD/calendar+id==");
        var other = new OutlookTarget("agenda@saint-nazaire.example");
        var entries = Enumerable.Range(0, 250).Select(n => new SyncedEvent($"agenda:evt-{n}#20270714T2030/x?", n % 2 == 0 ? $"graph-{n}" : null, $"hash-{n}", n % 2 == 0 ? null : $"tx-{n}", Confirmed: n % 4 == 0)).ToList();
        await _state.SaveAsync(target, entries, []);
        await _state.SaveAsync(other, [entries[0]], []);

        var read = await _state.LoadAsync(target);
        Assert.Equal(250, read.Count);
        Assert.Equal(entries[3], read[entries[3].SaisonId]);
        Assert.Equal(entries[4], read[entries[4].SaisonId]);
        Assert.True(read[entries[4].SaisonId].Confirmed);
        Assert.Single(await _state.LoadAsync(other));
    }

    [Fact]
    public async Task Removing_an_entry_already_gone_is_not_an_error()
    {
        var target = new OutlookTarget("agenda@saint-nazaire.example");
        await _state.SaveAsync(target, [new SyncedEvent("a", "g-a", "h", null), new SyncedEvent("b", "g-b", "h", null)], []);
        await _state.SaveAsync(target, [new SyncedEvent("c", "g-c", "h", null)], ["a", "never-there"]);
        Assert.Equal(["b", "c"], (await _state.LoadAsync(target)).Keys.Order(StringComparer.Ordinal));
    }
}
