using Saison.Storage;
using Saison.Storage.Sqlite;

// Usage: Saison.Storage.Crash <database path> <actions> <pause at action>
// Commits one entity, then starts a transaction of <actions> large entities in partition "tx" and,
// while the transaction is open, prints IN-TRANSACTION and waits to be killed.
// Or: Saison.Storage.Crash logistics <scenario> <database path> <pause at step> (see LogisticsCrash).
if (args is ["logistics", .. var rest])
{
    return await Saison.Storage.Crash.LogisticsCrash.RunAsync(rest);
}

var path = args[0];
var actions = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var pauseAt = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);

var clock = new PausingClock();
using var store = new SqliteTableStore(path, clock);
await store.CreateTableIfNotExistsAsync("Crash");
await store.UpsertEntityAsync("Crash", new TableEntity("base", "0") { ["Committed"] = true });
Console.WriteLine("COMMITTED");

// The store reads the clock once per written entity, inside its transaction: the pause lands mid-way.
clock.PauseAfter(pauseAt);
// Binary is stored as base64: 60 of these stay under the 4 MiB transaction limit yet overflow SQLite's page cache.
var payload = new byte[TableRules.MaxValueBytes];
await store.SubmitTransactionAsync(
    "Crash",
    [.. Enumerable.Range(0, actions).Select(i => TableTransactionAction.Add(new TableEntity("tx", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) { ["Payload"] = payload }))]);
Console.WriteLine("UNEXPECTED-COMMIT");
return 1;

/// <summary>A clock that blocks the calling thread forever after a set number of reads.</summary>
internal sealed class PausingClock : TimeProvider
{
    private int _remaining = int.MaxValue;

    public void PauseAfter(int reads) => _remaining = reads;

    public override DateTimeOffset GetUtcNow()
    {
        if (Interlocked.Decrement(ref _remaining) < 0)
        {
            Console.WriteLine("IN-TRANSACTION");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        return base.GetUtcNow();
    }
}
