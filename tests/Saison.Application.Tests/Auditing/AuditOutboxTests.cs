using Saison.Application.Auditing;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Application.Tests.Logistics;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using Saison.Storage;
using static Saison.Application.Tests.Logistics.LogisticsWorld;

namespace Saison.Application.Tests.Auditing;

/// <summary>
/// An action's audit entries are written in its own transaction and moved to the trail once it committed; a process that
/// stopped in between leaves them in the action's partition, and the next one completes them, followers told with the
/// records as they were.
/// </summary>
public sealed class AuditOutboxTests : IDisposable
{
    private readonly LogisticsWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task An_action_completed_leaves_its_entries_in_the_trail_and_nothing_waiting()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        var request = await _world.SubmitAsync(_world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14)), "chaises", 300);

        var trail = await _world.Audit.ListAsync(AuditTrail.PartitionOf(_world.Clock.GetUtcNow()));
        Assert.Contains(trail, e => e.Action == "logistics.request.submit" && e.Target.EndsWith(request.Id, StringComparison.Ordinal));
        await _world.Audit.SettledAsync();
        Assert.Empty(await PendingAsync());
        Assert.Equal(0, await _world.Audit.DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(2027), TimeSpan.Zero));
    }

    [Fact]
    public async Task Entries_left_by_a_stopped_process_join_the_trail_once_and_the_followers_get_the_records_back()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        var submitted = await _world.SubmitAsync(_world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14)), "chaises", 300);
        var decided = (await _world.DecideAsync(submitted.Id, "l1", "approve", 120, "Stock partagé.")).Value!;

        // (The rows of the actions above, completed, are deleted in the background.)
        await _world.Audit.SettledAsync();

        // A decision committed by a process that stopped before completing it: its row is all there is.
        var caller = new Caller("tech-1", "Technicienne", new HashSet<string> { Roles.Technician }, new HashSet<string>());
        var pending = _world.Audit.Prepare(caller, LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(2027), [
            new AuditRecord("logistics.request.decide", "seasons/2027/requests/" + decided.Id, submitted, decided),
            new AuditRecord("logistics.allocation.displaced", "seasons/2027/requests/x/l1", null, new AllocationEntry("x", "l1", "e", "o", PriorityClass.Other, At(7, 1, 9), At(7, 2, 9), At(7, 3, 9), 4, 2, AllocationState.Approved), "Réduite."),
        ]);
        await _world.Store.SubmitTransactionAsync(LogisticsStore.SeasonTable, [pending.Action]);

        var followed = new List<Fact>();
        var restarted = new AuditTrail(_world.Store, _world.Clock, [new Recording(followed)]);

        // Too young: a running process completes its own.
        Assert.Equal(0, await restarted.DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(2027), TimeSpan.FromMinutes(1)));
        _world.Clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(1, await restarted.DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(2027), TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await restarted.DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(2027), TimeSpan.FromMinutes(1)));
        Assert.Empty(await PendingAsync());

        // The followers read the records as the action had them (a notice is made from a RequestView, an AllocationEntry).
        Assert.Equal(2, followed.Count);
        var after = Assert.IsType<RequestView>(followed[0].After);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(decided, SaisonJson.Options), System.Text.Json.JsonSerializer.Serialize(after, SaisonJson.Options));
        Assert.IsType<RequestView>(followed[0].Before);
        Assert.Equal(2, Assert.IsType<AllocationEntry>(followed[1].After).Granted);
        Assert.Equal(("tech-1", "Technicienne"), (followed[0].Caller.Id, followed[0].Caller.Name));

        // In the trail once, with the ids the action gave them.
        var trail = await _world.Audit.ListAsync(AuditTrail.PartitionOf(pending.Entries[0].At));
        Assert.Equal(pending.Entries.Select(e => e.Id).Order(StringComparer.Ordinal), trail.Where(e => pending.Entries.Any(p => p.Id == e.Id)).Select(e => e.Id).Order(StringComparer.Ordinal));

        // A completion that comes after all (the process was only slow) changes nothing.
        await _world.Audit.CompleteAsync(pending);
        Assert.Equal(trail.Count, (await _world.Audit.ListAsync(AuditTrail.PartitionOf(pending.Entries[0].At))).Count);
    }

    private async Task<List<TableEntity>> PendingAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _world.Store.QueryAllAsync(LogisticsStore.SeasonTable, TableQuery.RowKeyPrefix(LogisticsStore.SeasonKey(2027), AuditTrail.PendingPrefix)))
        {
            rows.Add(row);
        }

        return rows;
    }

    private sealed class Recording(List<Fact> facts) : IFactFollower
    {
        public Task FollowAsync(Fact fact, CancellationToken cancellationToken = default)
        {
            lock (facts)
            {
                facts.Add(fact);
            }

            return Task.CompletedTask;
        }
    }
}
