using System.Diagnostics;
using Saison.Storage.Sqlite;

namespace Saison.Storage.Tests.Sqlite;

/// <summary>
/// A process killed in the middle of a transaction leaves none of it: a child process
/// (Saison.Storage.Crash) commits one entity, then opens a transaction of large entities — big enough
/// for SQLite to spill uncommitted pages into the WAL — and is killed while it is still open.
/// </summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("saison-crash-");

    [Fact]
    public async Task A_process_killed_mid_transaction_leaves_none_of_it()
    {
        var database = Path.Combine(_folder.FullName, "crash.db");
        var child = Path.Combine(AppContext.BaseDirectory, "Saison.Storage.Crash.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { child, database, "60", "58" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        long walBytes;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line == "IN-TRANSACTION")
                {
                    break;
                }
            }

            walBytes = new FileInfo(database + "-wal").Length;
        }
        finally
        {
            // Killed whatever happened above: the child otherwise waits forever.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal(["COMMITTED", "IN-TRANSACTION"], lines);
        Assert.True(walBytes > 1_000_000, $"the open transaction should have spilled pages into the WAL ({walBytes} bytes)");

        using var store = new SqliteTableStore(database);
        var page = await store.QueryAsync("Crash", TableQuery.Partition("tx"));
        var committed = await store.GetEntityIfExistsAsync("Crash", "base", "0");

        Assert.Empty(page.Entities);
        Assert.True(committed?.GetBoolean("Committed"));

        // The file is usable afterwards: no lock or half-written page remains.
        await store.AddEntityAsync("Crash", new TableEntity("tx", "after"));
        Assert.Single((await store.QueryAsync("Crash", TableQuery.Partition("tx"))).Entities);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
