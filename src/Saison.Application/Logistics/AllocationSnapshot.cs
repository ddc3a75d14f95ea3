using Saison.Application.Contracts;
using Saison.Domain.Logistics;

namespace Saison.Application.Logistics;

/// <summary>Resources' claims of a season read at one moment, each allocated with the events' current priority classes.</summary>
internal sealed class AllocationSnapshot
{
    private readonly Dictionary<string, ItemAllocations> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceAllocation> _allocations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<RequestHistoryEntry>> _notes = new(StringComparer.Ordinal);

    public AllocationSnapshot(IReadOnlyDictionary<string, CatalogItem> items)
    {
        Items = items;
    }

    public IReadOnlyDictionary<string, CatalogItem> Items { get; }

    public IEnumerable<ResourceAllocation> Allocations => _allocations.Values;

    /// <summary>The priority classes the allocations were made with (empty for a snapshot built by a use case).</summary>
    public IReadOnlyDictionary<string, PriorityClass> Classes { get; private set; } = new Dictionary<string, PriorityClass>();

    /// <summary>
    /// Reads and allocates the resources (all when <paramref name="itemIds"/> is null), every line explained
    /// (alternatives, conflicts). A resource whose claims and the events' classes did not change since it was
    /// last allocated in this process is not allocated again (<see cref="ItemAllocations.AllocatedWith"/>).
    /// </summary>
    public static Task<AllocationSnapshot> LoadAsync(LogisticsStore store, ISeasonEvents events, int season, IEnumerable<string>? itemIds = null, CancellationToken cancellationToken = default) =>
        LoadAsync(store, events, season, itemIds, null, cancellationToken);

    /// <summary>
    /// <see cref="LoadAsync(LogisticsStore, ISeasonEvents, int, IEnumerable{string}?, CancellationToken)"/> for what shows
    /// only some lines' explanations (a few requests' views) or none (figures, standings): a resource allocated since its
    /// last change is taken as it is; another is allocated explaining only what <paramref name="explaining"/> says (what
    /// every line gets is the same) — <see cref="ItemAllocations.AllocatedFor"/>. Null: every line explained.
    /// </summary>
    public static async Task<AllocationSnapshot> LoadAsync(LogisticsStore store, ISeasonEvents events, int season, IEnumerable<string>? itemIds, AllocationSettings? explaining, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var items = (await store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var classes = await ClassesAsync(events, season, cancellationToken).ConfigureAwait(false);
        var wanted = (itemIds ?? items.Keys).Where(items.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var read = await store.ReadAllocationsAsync(season, wanted, cancellationToken).ConfigureAwait(false);
        var snapshot = new AllocationSnapshot(items) { Classes = classes };
        foreach (var itemId in wanted)
        {
            var claims = read[itemId];
            snapshot._read[itemId] = claims;
            snapshot._allocations[itemId] = explaining is null ? claims.AllocatedWith(classes, items[itemId].Capacity) : claims.AllocatedFor(classes, items[itemId].Capacity, explaining);
            foreach (var (key, notes) in claims.Notes)
            {
                snapshot._notes[key] = notes;
            }
        }

        return snapshot;
    }

    /// <summary>Adds one resource as a use case just decided it (the view of what it writes, without reading it back).</summary>
    public void Add(ItemAllocations read, ResourceAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(allocation);
        _read[read.ItemId] = read;
        _allocations[read.ItemId] = allocation;
        foreach (var (key, notes) in read.Notes)
        {
            _notes[key] = notes;
        }
    }

    /// <summary>The allocation made from exactly this read of a resource (with <see cref="Classes"/>), if this snapshot made one.</summary>
    public ResourceAllocation? AllocationFor(ItemAllocations read) =>
        _read.TryGetValue(read.ItemId, out var mine) && ReferenceEquals(mine, read) ? _allocations[read.ItemId] : null;

    public AllocationOutcome? Outcome(string itemId, string requestId, string lineId) =>
        _allocations.TryGetValue(itemId, out var allocation) ? allocation.Find(requestId, lineId) : null;

    /// <summary>What other requests' decisions did to a line (a displacement), for its request's history.</summary>
    public IReadOnlyList<RequestHistoryEntry> NotesOf(string requestId, string lineId) =>
        _notes.GetValueOrDefault(requestId + "/" + lineId) ?? [];

    /// <summary>The priority class of every event now: an event validated into the agenda since its request was submitted moves up.</summary>
    public static async Task<IReadOnlyDictionary<string, PriorityClass>> ClassesAsync(ISeasonEvents events, int season, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return ClassesOf(await events.ListAsync(season, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The priority class of each of these events (every event of a season, as the events area lists them).</summary>
    public static IReadOnlyDictionary<string, PriorityClass> ClassesOf(IReadOnlyList<EventSummary> events)
    {
        // The events area answers the same list while no event changed: its classes are computed once.
        return KnownClasses.GetValue(events, l => l.GroupBy(e => e.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => LogisticsPriority.ClassOf(g.First().InTourismAgenda, g.First().OrganiserKind), StringComparer.Ordinal));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<EventSummary>, IReadOnlyDictionary<string, PriorityClass>> KnownClasses = new();

    public static AllocationLedger WithClasses(AllocationLedger ledger, IReadOnlyDictionary<string, PriorityClass> classes) =>
        ledger.Entries.Any(e => classes.TryGetValue(e.EventId, out var c) && c != e.Class)
            ? new AllocationLedger(ledger.ItemId, ledger.Entries.Select(e => WithClass(e, classes)))
            : ledger;

    /// <summary>An entry with its event's current priority class.</summary>
    public static AllocationEntry WithClass(AllocationEntry entry, IReadOnlyDictionary<string, PriorityClass> classes)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(classes);
        return classes.TryGetValue(entry.EventId, out var c) && c != entry.Class ? entry with { Class = c } : entry;
    }

    /// <summary>Consumption of each service's envelope: granted lines, and pending lines as they are proposed.</summary>
    public IReadOnlyDictionary<string, (decimal Consumed, decimal Pending)> EnvelopeUse()
    {
        var use = new Dictionary<string, (decimal Consumed, decimal Pending)>(StringComparer.Ordinal);
        foreach (var allocation in _allocations.Values)
        {
            var item = Items[allocation.ResourceId];
            var (consumed, pending) = UseOf(item, allocation);
            var current = use.GetValueOrDefault(item.ServiceId);
            use[item.ServiceId] = (current.Consumed + consumed, current.Pending + pending);
        }

        return use;
    }

    /// <summary>What one resource's allocation costs: granted lines (consumed) and pending lines as proposed.</summary>
    public static (decimal Consumed, decimal Pending) UseOf(CatalogItem item, ResourceAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(allocation);
        decimal consumed = 0m, pending = 0m;
        foreach (var (entry, available) in allocation.Quantities())
        {
            var cost = item.CostOver(available, entry.Start, entry.End);
            if (entry.Holds || entry.State is AllocationState.Approved or AllocationState.Confirmed)
            {
                consumed += cost;
            }
            else if (entry.State == AllocationState.Pending)
            {
                pending += cost;
            }
        }

        return (consumed, pending);
    }

    /// <summary>The stock head after a change: one version more, its claims counted and costed.</summary>
    public static StockHead NextHead(StockHead previous, CatalogItem item, ResourceAllocation allocation)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(allocation);
        var (consumed, pending) = UseOf(item, allocation);
        return new StockHead(previous.ItemId, previous.Version + 1, allocation.Count, consumed, pending);
    }
}
