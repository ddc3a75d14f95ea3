using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;

namespace Saison.Application.Logistics;

/// <summary>
/// A logistics request as stored: the event it serves, its lines and its stage; each line's decision lives in its claim
/// (<see cref="StoredAllocation"/>). <paramref name="EventStart"/> and <paramref name="EventEnd"/> are the event's times
/// its lines were planned for: when the event moves, the lines follow by the difference (once: following is idempotent).
/// </summary>
public sealed record StoredRequest(
    string Id,
    int Season,
    string EventId,
    string EventTitle,
    string OrganiserId,
    OrganiserKind OrganiserKind,
    string SizeClass,
    RequestStatus Stage,
    IReadOnlyList<RequestLine> Lines,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? SubmittedAt,
    bool Late,
    DateOnly? DueBy,
    bool FastTrack,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<RequestHistoryEntry> History,
    DateTimeOffset? EventStart = null,
    DateTimeOffset? EventEnd = null);

/// <summary>One step in a request's life, as the organiser follows it.</summary>
public sealed record RequestHistoryEntry(DateTimeOffset At, string ActorId, string Action, string? Detail);

/// <summary>
/// Every claim on one resource for a season, as read together (never stored as one record: each
/// claim is its own <see cref="StoredAllocation"/> entity, guarded by the resource's <see cref="StockHead"/>).
/// </summary>
public sealed class AllocationLedger
{
    /// <summary>A ledger of <paramref name="entries"/>, kept in priority order (<see cref="LogisticsPriority.Compare"/>).</summary>
    public AllocationLedger(string itemId, IEnumerable<AllocationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ItemId = itemId;
        var sorted = entries.ToArray();
        if (!ResourceAllocator.IsInPriorityOrder(sorted))
        {
            Array.Sort(sorted, LogisticsPriority.Compare);
        }

        Entries = sorted;
    }

    private AllocationLedger(string itemId, AllocationEntry[] sorted)
    {
        ItemId = itemId;
        Entries = sorted;
    }

    public string ItemId { get; }

    /// <summary>The claims in priority order, as the allocator takes them (it need not sort them again).</summary>
    public IReadOnlyList<AllocationEntry> Entries { get; }

    public AllocationEntry? Find(string requestId, string lineId) =>
        Entries.FirstOrDefault(e => e.RequestId == requestId && e.LineId == lineId);

    /// <summary>
    /// The ledger with <paramref name="changed"/> entries put in place of those with the same key (or added), still in
    /// priority order: the others keep their order and the changed ones are merged in, without sorting the ledger again.
    /// </summary>
    public AllocationLedger With(IEnumerable<AllocationEntry> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var updates = new Dictionary<string, AllocationEntry>(StringComparer.Ordinal);
        foreach (var entry in changed)
        {
            updates[entry.Key] = entry;
        }

        if (updates.Count == 0)
        {
            return this;
        }

        var added = updates.Values.ToArray();
        Array.Sort(added, LogisticsPriority.Compare);
        var merged = new List<AllocationEntry>(Entries.Count + added.Length);
        var next = 0;
        foreach (var entry in Entries)
        {
            if (updates.ContainsKey(entry.Key))
            {
                continue;
            }

            while (next < added.Length && LogisticsPriority.Compare(added[next], entry) < 0)
            {
                merged.Add(added[next++]);
            }

            merged.Add(entry);
        }

        merged.AddRange(added.AsSpan(next));
        return new AllocationLedger(ItemId, [.. merged]);
    }
}

/// <summary>
/// One request line's claim on one resource, stored as its own entity beside its request (so a
/// record never grows with the season). <paramref name="Notes"/> are what happened to the line
/// through other requests' decisions (a displacement), shown in its request's history.
/// </summary>
public sealed record StoredAllocation(string ItemId, AllocationEntry Entry, IReadOnlyList<RequestHistoryEntry>? Notes = null)
{
    /// <summary>The claim with one more note.</summary>
    public StoredAllocation WithNote(RequestHistoryEntry note) => this with { Notes = [.. Notes ?? [], note] };
}

/// <summary>
/// The stock head of one resource for a season: rewritten with If-Match by every transaction that
/// changes any of the resource's allocations, so two writers deciding on the same stock can never
/// both commit (the second gets 412, reads again and decides again). It also keeps what the
/// resource's grants cost, for the envelopes, as of its last write.
/// </summary>
public sealed record StockHead(string ItemId, long Version, int Entries, decimal Consumed, decimal Pending)
{
    public static StockHead Empty(string itemId) => new(itemId, 0, 0, 0m, 0m);
}

/// <summary>
/// An event whose dates changed after its lines were planned (<paramref name="At"/>): the crew tasks of its lines
/// are to be planned again. Stored beside the requests (<c>replan~{event}</c>), written in the transaction that moves
/// them; a crew plan made after <paramref name="At"/> has taken the change into account.
/// </summary>
public sealed record ReplanMarker(string EventId, DateTimeOffset At, string Reason);

/// <summary>The rules of a season's catalogue beside its items: lead times, standard service levels, envelopes.</summary>
public sealed record CatalogPolicy(LeadTimePolicy LeadTimes, IReadOnlyList<ServiceLevel> ServiceLevels, IReadOnlyList<BudgetEnvelope> Envelopes)
{
    public static CatalogPolicy Empty { get; } = new(new LeadTimePolicy(new Dictionary<string, int>(), 15), [], []);

    public ServiceLevel? LevelFor(OrganiserKind kind, bool inSeason) =>
        ServiceLevels.FirstOrDefault(l => l.OrganiserKind == kind && l.InSeason == inSeason);
}
