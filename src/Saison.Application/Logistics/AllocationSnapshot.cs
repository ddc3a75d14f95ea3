using Azure;
using Saison.Application.Contracts;
using Saison.Domain.Logistics;

namespace Saison.Application.Logistics;

/// <summary>Ledgers of a season read at one moment, each allocated with the events' current priority classes.</summary>
internal sealed class AllocationSnapshot
{
    private readonly Dictionary<string, (AllocationLedger Ledger, ETag? ETag)> _ledgers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceAllocation> _allocations = new(StringComparer.Ordinal);

    public AllocationSnapshot(IReadOnlyDictionary<string, CatalogItem> items)
    {
        Items = items;
    }

    public IReadOnlyDictionary<string, CatalogItem> Items { get; }

    public IEnumerable<ResourceAllocation> Allocations => _allocations.Values;

    public static async Task<AllocationSnapshot> LoadAsync(LogisticsStore store, ISeasonEvents events, int season, IEnumerable<string>? itemIds = null, CancellationToken cancellationToken = default)
    {
        var items = (await store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var classes = await ClassesAsync(events, season, cancellationToken).ConfigureAwait(false);
        var snapshot = new AllocationSnapshot(items);
        foreach (var itemId in (itemIds ?? items.Keys).Distinct(StringComparer.Ordinal))
        {
            if (!items.TryGetValue(itemId, out var item))
            {
                continue;
            }

            var (ledger, etag) = await store.GetLedgerAsync(season, itemId, cancellationToken).ConfigureAwait(false);
            ledger = WithClasses(ledger, classes);
            snapshot._ledgers[itemId] = (ledger, etag);
            snapshot._allocations[itemId] = ResourceAllocator.Allocate(itemId, item.Capacity, ledger.Entries);
        }

        return snapshot;
    }

    public AllocationOutcome? Outcome(string itemId, string requestId, string lineId) =>
        _allocations.TryGetValue(itemId, out var allocation) ? allocation.Find(requestId, lineId) : null;

    /// <summary>The priority class of every event now: an event validated into the agenda since its request was submitted moves up.</summary>
    public static async Task<IReadOnlyDictionary<string, PriorityClass>> ClassesAsync(ISeasonEvents events, int season, CancellationToken cancellationToken = default)
    {
        var list = await events.ListAsync(season, cancellationToken).ConfigureAwait(false);
        return list.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => LogisticsPriority.ClassOf(g.First().InTourismAgenda, g.First().OrganiserKind), StringComparer.Ordinal);
    }

    public static AllocationLedger WithClasses(AllocationLedger ledger, IReadOnlyDictionary<string, PriorityClass> classes) =>
        ledger.Entries.Any(e => classes.TryGetValue(e.EventId, out var c) && c != e.Class)
            ? ledger with { Entries = [.. ledger.Entries.Select(e => classes.TryGetValue(e.EventId, out var c) && c != e.Class ? e with { Class = c } : e)] }
            : ledger;

    /// <summary>Consumption of each service's envelope: granted lines, and pending lines as they are proposed.</summary>
    public IReadOnlyDictionary<string, (decimal Consumed, decimal Pending)> EnvelopeUse()
    {
        var use = new Dictionary<string, (decimal Consumed, decimal Pending)>(StringComparer.Ordinal);
        foreach (var allocation in _allocations.Values)
        {
            var item = Items[allocation.ResourceId];
            foreach (var outcome in allocation.Outcomes)
            {
                var cost = item.CostOver(outcome.Available, outcome.Entry.Start, outcome.Entry.End);
                var current = use.GetValueOrDefault(item.ServiceId);
                use[item.ServiceId] = outcome.Entry.Holds || outcome.Entry.State is AllocationState.Approved or AllocationState.Confirmed
                    ? (current.Consumed + cost, current.Pending)
                    : outcome.Entry.State == AllocationState.Pending ? (current.Consumed, current.Pending + cost) : current;
            }
        }

        return use;
    }
}
