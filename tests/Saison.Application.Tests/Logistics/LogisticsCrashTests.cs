using System.Diagnostics;
using System.Globalization;
using Saison.Application.Logistics;
using Saison.Domain.Logistics;
using Saison.Storage;
using Saison.Storage.Sqlite;

namespace Saison.Application.Tests.Logistics;

/// <summary>
/// One user action is one transaction, proven by killing the app: a child process
/// (Saison.Storage.Crash, mode <c>logistics</c>) runs a submission or a decision through the use cases on
/// a SQLite file and is killed (SIGKILL) at each of its write steps in turn — before each call to the
/// store and after each entity written inside a transaction. Afterwards the store holds the action
/// whole or not at all, and every request that says "submitted" has its claims.
/// </summary>
public sealed class LogisticsCrashTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("saison-logistics-crash-");

    [Theory]
    [InlineData("submit")]
    [InlineData("create")]
    [InlineData("decide")]
    public async Task A_process_killed_at_any_write_step_leaves_all_of_the_action_or_none_of_it(string scenario)
    {
        // A run to the end says how many steps the action takes, and what "all of it" looks like.
        var complete = Path.Combine(_folder.FullName, scenario + "-complete.db");
        var (finished, steps) = await RunChildAsync(scenario, complete, int.MaxValue - 1);
        Assert.True(finished, "the action should run to the end when nobody kills it");
        Assert.Equal((true, 0), await RunChildAsync("recover", complete, 0));
        var after = await FingerprintAsync(complete);
        Assert.True(steps >= 3, $"expected several write steps, got {steps}");

        var states = new string?[steps];
        await Parallel.ForEachAsync(Enumerable.Range(0, steps), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (step, _) =>
        {
            var database = Path.Combine(_folder.FullName, $"{scenario}-{step:D2}.db");
            var (done, _) = await RunChildAsync(scenario, database, step);
            Assert.False(done, $"step {step} of {steps} should have paused");

            // The app starts again: what it finds committed, it completes (the audit entries written with the action).
            Assert.True((await RunChildAsync("recover", database, 0)).Finished);
            states[step] = await FingerprintAsync(database);
        });

        // Paused before its first write, the store holds the state before the action.
        var before = states[0]!;
        Assert.NotEqual(before, after);
        for (var step = 0; step < steps; step++)
        {
            Assert.True(states[step] == before || states[step] == after, $"killed at step {step} of {steps}, the store holds part of the action:\n{states[step]}\n--- before:\n{before}\n--- after:\n{after}");
        }

        // Once committed, it stays, with its audit entries: no later step undoes it.
        var first = Array.IndexOf(states, after);
        Assert.True(first > 0, "some kill should have come after the transaction committed");
        Assert.All(states[first..], s => Assert.Equal(after, s));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>Runs the child until it pauses (then kills it) or finishes; returns whether it finished and its step count.</summary>
    private static async Task<(bool Finished, int Steps)> RunChildAsync(string scenario, string database, int pauseAt)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var child = Path.Combine(AppContext.BaseDirectory, "Saison.Storage.Crash.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { child, "logistics", scenario, database, pauseAt.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("PAUSED ", StringComparison.Ordinal))
                {
                    return (false, pauseAt);
                }

                if (line.StartsWith("DONE ", StringComparison.Ordinal))
                {
                    return (true, int.Parse(line[5..], CultureInfo.InvariantCulture));
                }
            }

            throw new InvalidOperationException($"The child ended without pausing or finishing: {string.Join(" | ", lines)} {await process.StandardError.ReadToEndAsync()}");
        }
        finally
        {
            // SIGKILL: no finaliser, no flush, no rollback by the process itself.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// What the store holds of the season's logistics, independent of generated ids, after checking
    /// what must hold in any state: a submitted request has a claim for each line, a claim belongs to a
    /// submitted request, a fast-tracked request had every line granted, a head counts its claims.
    /// </summary>
    private static async Task<string> FingerprintAsync(string database)
    {
        using var sqlite = new SqliteTableStore(database);
        var store = new LogisticsStore(sqlite);
        var requests = (await store.ListRequestsAsync(2027)).Select(r => r.Value).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var claims = await store.ReadAllocationsAsync(2027, itemIds: null);
        var lines = new List<string>();
        foreach (var request in requests.Values.OrderBy(r => r.EventId, StringComparer.Ordinal))
        {
            lines.Add($"request {request.EventId} {request.Stage} fast={request.FastTrack} history={string.Join(",", request.History.Select(h => h.Action))}");
            foreach (var line in request.Lines)
            {
                var claim = claims.GetValueOrDefault(line.ItemId)?.Find(request.Id, line.LineId);
                if (request.Stage == RequestStatus.Draft)
                {
                    Assert.Null(claim);
                    continue;
                }

                Assert.True(claim is not null, $"request for {request.EventId} is {request.Stage} without a claim for line {line.LineId}");
                var entry = claim.Value.Entry;
                // Fast-tracked means granted in full at submission; only a later, noted displacement takes units back.
                if (request.FastTrack && claim.Value.Notes is not { Count: > 0 })
                {
                    Assert.True(entry.State == AllocationState.Approved && entry.Granted == entry.Requested, $"fast-tracked request for {request.EventId} has line {line.LineId} {entry.State} {entry.Granted}/{entry.Requested}");
                }

                lines.Add($"  claim {line.ItemId} {line.LineId} {entry.State} {entry.Granted}/{entry.Requested} notes={claim.Value.Notes?.Count ?? 0}");
            }
        }

        foreach (var (itemId, read) in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Assert.All(read.Stored, s => Assert.True(requests.TryGetValue(s.Value.Entry.RequestId, out var r) && r.Stage != RequestStatus.Draft, $"claim {s.Value.Entry.Key} without its submitted request"));
            Assert.Equal(read.Stored.Count, read.Head.Entries);
            lines.Add($"stock {itemId} v{read.Head.Version} n{read.Head.Entries} consumed={read.Head.Consumed} pending={read.Head.Pending}");
        }

        // The audit trail: every action recorded once, none left waiting in the season's partition.
        var audit = new List<string>();
        await sqlite.CreateTableIfNotExistsAsync(Saison.Application.Auditing.AuditTrail.TableName);
        await foreach (var entity in sqlite.QueryAllAsync(Saison.Application.Auditing.AuditTrail.TableName, new Saison.Storage.TableQuery()))
        {
            audit.Add("audit " + entity.GetString("Action"));
        }

        await foreach (var entity in sqlite.QueryAllAsync(LogisticsStore.SeasonTable, Saison.Storage.TableQuery.RowKeyPrefix(LogisticsStore.SeasonKey(2027), Saison.Application.Auditing.AuditTrail.PendingPrefix)))
        {
            audit.Add("audit still waiting " + entity.RowKey);
        }

        audit.Sort(StringComparer.Ordinal);
        lines.AddRange(audit);
        return string.Join("\n", lines);
    }
}
