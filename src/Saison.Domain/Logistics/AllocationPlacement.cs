using Saison.Domain.Decisions;

namespace Saison.Domain.Logistics;

/// <summary>
/// One resource's allocation with the load its claims leave, so that a claim ranked after every other one — a new
/// submission of an organiser outside the agenda, most of a season's submissions — is placed in O(log n) instead of
/// allocating the whole resource again. What it says of every entry is what <see cref="ResourceAllocator.Allocate(string, int, IReadOnlyList{AllocationEntry}, AllocationSettings?)"/>
/// says of the same claims; where that cannot be shown without allocating again it answers <c>null</c>.
/// </summary>
/// <remarks>
/// A claim ranked last changes nobody else's quantities: the pending lines before it are served first, and a grant that
/// fits in what they leave takes nothing from them. Its load is handed to the next placement once the claim is
/// committed (<see cref="Then"/>): a placement is used by one writer of its resource at a time (the resource's gate).
/// </remarks>
public sealed class AllocationPlacement
{
    // Room left on the grid for claims that come later: about a month on either side of the season's claims.
    private static readonly TimeSpan Margin = TimeSpan.FromDays(31);

    private readonly LoadTimeline _load;
    private int _spent;

    private AllocationPlacement(ResourceAllocation allocation, LoadTimeline load)
    {
        Allocation = allocation;
        _load = load;
    }

    /// <summary>The allocation the load belongs to.</summary>
    public ResourceAllocation Allocation { get; }

    /// <summary>Whether the load was handed to the next placement (this one places nothing more).</summary>
    public bool IsSpent => Volatile.Read(ref _spent) != 0;

    /// <summary>
    /// Allocates the claims as <see cref="ResourceAllocator.Allocate(string, int, IReadOnlyList{AllocationEntry}, AllocationSettings?)"/>
    /// does (explaining none of them by default) and keeps their load; null without claims.
    /// </summary>
    public static AllocationPlacement? Of(string resourceId, int capacity, IReadOnlyList<AllocationEntry> entries, AllocationSettings? settings = null)
    {
        var (allocation, load) = ResourceAllocator.Allocate(resourceId, capacity, entries, settings ?? AllocationSettings.Unexplained, Margin);
        return load is null ? null : new AllocationPlacement(allocation, load);
    }

    /// <summary>Gives the load's arrays back when this placement will not be used (nor handed on): it places nothing more.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _spent, 1) == 0)
        {
            _load.Dispose();
        }
    }

    /// <summary>
    /// The allocation with pending claims ranked, in the order given, after every other one, explained as
    /// <paramref name="settings"/> says; null when they are not such claims (an agenda claim, one ranked earlier, a grid
    /// it does not fit, other settings).
    /// </summary>
    public ResourceAllocation? WithPending(IReadOnlyList<AllocationEntry> claims, AllocationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(settings);
        return claims.All(c => c.State == AllocationState.Pending) ? Appending(claims, settings, (allocation, entry) =>
        {
            var capacity = allocation.Capacity;
            var free = Math.Max(0, capacity - _load.Peak(entry.Start, entry.End));
            var proposal = Math.Min(entry.Requested, free);
            if (proposal >= entry.Requested || settings.Explains?.Invoke(entry) == false)
            {
                return allocation.Appended(entry, proposal, proposal, null);
            }

            var alternative = ResourceAllocator.AlternativeFor(entry, proposal, capacity, _load, settings);
            var outcome = new AllocationOutcome(entry, proposal, proposal, false, [ResourceAllocator.Shortage(entry, proposal)], alternative, ConflictsOf(allocation, entry, settings.MaxConflictsShown));
            return allocation.Appended(entry, proposal, proposal, outcome);
        }) : null;
    }

    /// <summary>
    /// The allocation with grants of everything asked, ranked in the order given after every other claim, each fitting
    /// in what the claims before it leave (so they displace nobody); null otherwise.
    /// </summary>
    public ResourceAllocation? WithGranted(IReadOnlyList<AllocationEntry> claims, AllocationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(settings);
        return claims.All(c => c.State == AllocationState.Approved && c.Granted == c.Requested) ? Appending(claims, settings, (allocation, entry) =>
            allocation.Capacity - _load.Peak(entry.Start, entry.End) < entry.Granted ? null : allocation.Appended(entry, entry.Granted, entry.Granted, null)) : null;
    }

    /// <summary>
    /// Appends the claims one by one, each placed on the load the ones before it leave: their units are added to the load
    /// for the next one, and taken off again before returning (the load is this placement's, used under its resource's gate).
    /// </summary>
    private ResourceAllocation? Appending(IReadOnlyList<AllocationEntry> claims, AllocationSettings settings, Func<ResourceAllocation, AllocationEntry, ResourceAllocation?> append)
    {
        var added = new List<(AllocationEntry Entry, int Units)>(claims.Count);
        var allocation = Allocation;
        try
        {
            foreach (var claim in claims)
            {
                if (!Follows(allocation, claim, settings) || append(allocation, claim) is not { } next)
                {
                    return null;
                }

                allocation = next;
                var units = next.AvailableAt(next.Count - 1);
                _load.Add(claim.Start, claim.End, units);
                added.Add((claim, units));
            }

            return claims.Count == 0 ? null : allocation;
        }
        finally
        {
            foreach (var (entry, units) in added)
            {
                _load.Add(entry.Start, entry.End, -units);
            }
        }
    }

    /// <summary>
    /// The placement after <paramref name="next"/> (made by <see cref="WithPending"/> or <see cref="WithGranted"/> from
    /// this one) was committed: it takes the load over, with the new claims' units; this one is spent. Null when this
    /// one was spent already or <paramref name="next"/> does not extend its allocation.
    /// </summary>
    public AllocationPlacement? Then(ResourceAllocation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Count <= Allocation.Count || Interlocked.Exchange(ref _spent, 1) != 0)
        {
            return null;
        }

        for (var i = Allocation.Count; i < next.Count; i++)
        {
            _load.Add(next.Entries[i].Start, next.Entries[i].End, next.AvailableAt(i));
        }

        return new AllocationPlacement(next, _load);
    }

    /// <summary>Whether a claim outside the agenda ranks after every claim of the allocation and its alternatives lie on the grid.</summary>
    private bool Follows(ResourceAllocation allocation, AllocationEntry entry, AllocationSettings settings)
    {
        var entries = allocation.Entries;
        var window = TimeSpan.FromDays(settings.AlternativeWindowDays + 1);
        return !IsSpent
            && entry.Class != PriorityClass.TourismAgenda
            && settings.Slot == _load.Slot
            && entries.Length > 0 && LogisticsPriority.Compare(entries[^1], entry) < 0
            && _load.Covers(entry.Start - window, entry.End + window);
    }

    /// <summary>The claims holding units over the entry's interval, by start (as the allocator lists a short line's conflicts).</summary>
    private static IReadOnlyList<string> ConflictsOf(ResourceAllocation allocation, AllocationEntry entry, int maxShown)
    {
        var entries = allocation.Entries;
        var holders = new List<(long Start, int Index)>();
        for (var j = 0; j < entries.Length; j++)
        {
            if (allocation.AvailableAt(j) > 0 && entries[j].Start < entry.End && entries[j].End > entry.Start)
            {
                holders.Add((entries[j].Start.UtcTicks, j));
            }
        }

        holders.Sort();
        return [.. holders.Take(maxShown).Select(h => allocation.Entries[h.Index].Key)];
    }
}
