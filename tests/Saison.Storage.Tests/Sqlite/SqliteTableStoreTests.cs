using Microsoft.Data.Sqlite;
using Saison.Storage.Sqlite;

namespace Saison.Storage.Tests.Sqlite;

/// <summary>What only the embedded backend has to show: its file, its journal, several stores on one file.</summary>
public sealed class SqliteTableStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("saison-sqlite-");

    private string Database => Path.Combine(_folder.FullName, "store.db");

    [Fact]
    public async Task The_file_uses_write_ahead_logging_with_full_sync()
    {
        using (var store = new SqliteTableStore(Database))
        {
            await store.CreateTableIfNotExistsAsync("Seasons");
        }

        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous;";

        // FULL: each commit is synced to disk, so a power cut loses no acknowledged write (NORMAL would be faster for inserts, at that risk).
        Assert.Equal(2L, (long?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_new_store_on_an_existing_file_writes_without_creating_the_table_again()
    {
        using (var first = new SqliteTableStore(Database))
        {
            await first.CreateTableIfNotExistsAsync("Seasons");
        }

        using var second = new SqliteTableStore(Database);
        var etag = await second.AddEntityAsync("Seasons", new TableEntity("2027", "season"));
        var etags = await second.SubmitTransactionAsync("Seasons", [TableTransactionAction.UpdateMerge(new TableEntity("2027", "season") { ["Name"] = "Été" }, etag)]);

        Assert.Equal(etags[0], (await second.GetEntityIfExistsAsync("Seasons", "2027", "season"))!.ETag);
    }

    [Fact]
    public async Task Two_stores_on_one_file_never_lose_an_update()
    {
        using var a = new SqliteTableStore(Database);
        using var b = new SqliteTableStore(Database);
        await a.CreateTableIfNotExistsAsync("Counters");
        await a.AddEntityAsync("Counters", new TableEntity("c", "n") { ["Count"] = 0 });

        static async Task IncrementAsync(ITableStore store)
        {
            while (true)
            {
                var current = await store.GetEntityIfExistsAsync("Counters", "c", "n");
                try
                {
                    await store.UpdateEntityAsync("Counters", new TableEntity("c", "n") { ["Count"] = current!.GetInt32("Count")!.Value + 1 }, current.ETag);
                    return;
                }
                catch (TableStoreException e) when (e.IsPreconditionFailed)
                {
                    // Someone else won; read again.
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => IncrementAsync(i % 2 == 0 ? a : b))));

        Assert.Equal(32, (await a.GetEntityIfExistsAsync("Counters", "c", "n"))!.GetInt32("Count"));
    }

    [Fact]
    public async Task A_large_entity_read_again_is_the_one_last_written_by_any_store_and_never_what_a_reader_changed()
    {
        // The store keeps large entities read by key and sends them again only when their ETag changed.
        using var a = new SqliteTableStore(Database);
        using var b = new SqliteTableStore(Database);
        await a.CreateTableIfNotExistsAsync("Ledgers");
        var etag = await a.AddEntityAsync("Ledgers", new TableEntity("2027~voirie", "ledger") { ["Data"] = new string('a', 20_000) });

        for (var read = 0; read < 2; read++)
        {
            var mine = (await a.GetEntityIfExistsAsync("Ledgers", "2027~voirie", "ledger"))!;
            mine["Data"] = "changed by the reader";
            mine["Extra"] = 1;
        }

        var again = (await a.GetEntityIfExistsAsync("Ledgers", "2027~voirie", "ledger"))!;
        Assert.Equal(new string('a', 20_000), again.GetString("Data"));
        Assert.False(again.ContainsKey("Extra"));
        Assert.Equal(etag, again.ETag);

        // Another store (another process) writes: the next read has it, with its ETag.
        var written = await b.UpdateEntityAsync("Ledgers", new TableEntity("2027~voirie", "ledger") { ["Data"] = new string('b', 20_000) }, etag, TableUpdateMode.Replace);
        var after = (await a.GetEntityIfExistsAsync("Ledgers", "2027~voirie", "ledger"))!;
        Assert.Equal(new string('b', 20_000), after.GetString("Data"));
        Assert.Equal(written, after.ETag);

        // Deleted by the other store: gone for this one too.
        await b.DeleteEntityAsync("Ledgers", "2027~voirie", "ledger", written);
        Assert.Null(await a.GetEntityIfExistsAsync("Ledgers", "2027~voirie", "ledger"));
    }

    [Fact]
    public async Task A_merge_whose_result_breaks_a_rule_is_refused_and_changes_nothing()
    {
        using var store = new SqliteTableStore(Database);
        await store.CreateTableIfNotExistsAsync("Big");
        var half = new TableEntity("p", "r");
        for (var i = 0; i < 10; i++)
        {
            half["A" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new string('x', TableRules.MaxValueBytes / 2);
        }

        var etag = await store.AddEntityAsync("Big", half);
        var more = new TableEntity("p", "r");
        for (var i = 0; i < 10; i++)
        {
            more["B" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new string('y', TableRules.MaxValueBytes / 2);
        }

        var error = await Assert.ThrowsAsync<TableStoreException>(() => store.UpdateEntityAsync("Big", more, etag, TableUpdateMode.Merge));

        Assert.Equal(400, error.Status);
        Assert.Equal(TableErrorCodes.EntityTooLarge, error.ErrorCode);
        Assert.Equal(etag, (await store.GetEntityIfExistsAsync("Big", "p", "r"))!.ETag);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
