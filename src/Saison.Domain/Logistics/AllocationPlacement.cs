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
    /// The allocation with a pending claim ranked after every other one, explained as <paramref name="settings"/> says;
    /// null when it is not such a claim (an agenda claim, one ranked earlier, a grid it does not fit, other settings).
    /// </summary>
    public ResourceAllocation? WithPending(AllocationEntry entry, AllocationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);
        if (entry.State != AllocationState.Pending || !Follows(entry, settings))
        {
            return null;
        }

        var capacity = Allocation.Capacity;
        var free = Math.Max(0, capacity - _load.Peak(entry.Start, entry.End));
        var proposal = Math.Min(entry.Requested, free);
        if (proposal >= entry.Requested || settings.Explains?.Invoke(entry) == false)
        {
            return Allocation.Appended(entry, proposal, proposal, null);
        }

        var alternative = ResourceAllocator.AlternativeFor(entry, proposal, capacity, _load, settings);
        var outcome = new AllocationOutcome(entry, proposal, proposal, false, [ResourceAllocator.Shortage(entry, proposal)], alternative, ConflictsOf(entry, settings.MaxConflictsShown));
        return Allocation.Appended(entry, proposal, proposal, outcome);
    }

    /// <summary>
    /// The allocation with a grant of everything asked, ranked after every other claim, that fits in what they leave
    /// (so it displaces nobody); null otherwise.
    /// </summary>
    public ResourceAllocation? WithGranted(AllocationEntry entry, AllocationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);
        if (entry.State != AllocationState.Approved || entry.Granted != entry.Requested || !Follows(entry, settings)
            || Allocation.Capacity - _load.Peak(entry.Start, entry.End) < entry.Granted)
        {
            return null;
        }

        return Allocation.Appended(entry, entry.Granted, entry.Granted, null);
    }

    /// <summary>
    /// The placement after <paramref name="next"/> (made by <see cref="WithPending"/> or <see cref="WithGranted"/> from
    /// this one) was committed: it takes the load over, with the new claim's units; this one is spent. Null when this
    /// one was spent already or <paramref name="next"/> is not one claim more.
    /// </summary>
    public AllocationPlacement? Then(ResourceAllocation next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Count != Allocation.Count + 1 || Interlocked.Exchange(ref _spent, 1) != 0)
        {
            return null;
        }

        var last = next.Entries[^1];
        _load.Add(last.Start, last.End, next.AvailableAt(next.Count - 1));
        return new AllocationPlacement(next, _load);
    }

    /// <summary>Whether a claim outside the agenda ranks after every claim and its alternatives lie on the grid.</summary>
    private bool Follows(AllocationEntry entry, AllocationSettings settings)
    {
        var entries = Allocation.Entries;
        var window = TimeSpan.FromDays(settings.AlternativeWindowDays + 1);
        return !IsSpent
            && entry.Class != PriorityClass.TourismAgenda
            && settings.Slot == _load.Slot
            && entries.Length > 0 && LogisticsPriority.Compare(entries[^1], entry) < 0
            && _load.Covers(entry.Start - window, entry.End + window);
    }

    /// <summary>The claims holding units over the entry's interval, by start (as the allocator lists a short line's conflicts).</summary>
    private IReadOnlyList<string> ConflictsOf(AllocationEntry entry, int maxShown)
    {
        var entries = Allocation.Entries;
        var holders = new List<(long Start, int Index)>();
        for (var j = 0; j < entries.Length; j++)
        {
            if (Allocation.AvailableAt(j) > 0 && entries[j].Start < entry.End && entries[j].End > entry.Start)
            {
                holders.Add((entries[j].Start.UtcTicks, j));
            }
        }

        holders.Sort();
        return [.. holders.Take(maxShown).Select(h => Allocation.Entries[h.Index].Key)];
    }
}
