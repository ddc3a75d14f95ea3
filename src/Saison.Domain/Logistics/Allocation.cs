using Saison.Domain.Decisions;

namespace Saison.Domain.Logistics;

/// <summary>Where a line's claim on a resource stands.</summary>
public enum AllocationState
{
    /// <summary>Submitted, waiting for a decision: the allocator proposes a quantity.</summary>
    Pending,

    /// <summary>Granted but not confirmed: a later agenda event may still displace it.</summary>
    Approved,

    /// <summary>Granted and confirmed: changed only by an explicit, audited decision of technical services.</summary>
    Confirmed,

    /// <summary>Refused or withdrawn: holds nothing.</summary>
    Refused,
}

/// <summary>
/// One request line's claim on one resource: when the resource is busy (<see cref="Start"/> to
/// <see cref="End"/>, turnaround included), how many units are asked and granted, in which state.
/// </summary>
public sealed record AllocationEntry
{
    public AllocationEntry(
        string requestId,
        string lineId,
        string eventId,
        string organiserId,
        PriorityClass @class,
        DateTimeOffset submittedAt,
        DateTimeOffset start,
        DateTimeOffset end,
        int requested,
        int granted,
        AllocationState state,
        IReadOnlyList<Reason>? reasons = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(lineId);
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(granted);
        if (end <= start)
        {
            throw new ArgumentException("An allocation ends after it starts.", nameof(end));
        }

        if (granted > requested)
        {
            throw new ArgumentOutOfRangeException(nameof(granted), "Cannot grant more than asked.");
        }

        RequestId = requestId;
        Key = requestId + "/" + lineId;
        LineId = lineId;
        EventId = eventId ?? string.Empty;
        OrganiserId = organiserId ?? string.Empty;
        Class = @class;
        SubmittedAt = submittedAt;
        Start = start;
        End = end;
        Requested = requested;
        Granted = granted;
        State = state;
        Reasons = reasons ?? [];
    }

    public string RequestId { get; }

    public string LineId { get; }

    public string EventId { get; }

    public string OrganiserId { get; }

    public PriorityClass Class { get; init; }

    public DateTimeOffset SubmittedAt { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public int Requested { get; }

    public int Granted { get; init; }

    public AllocationState State { get; init; }

    /// <summary>
    /// When the event the line serves starts and ends, if known: an alternative slot must still cover it
    /// (delivered before it starts, picked up after it ends), or it is not offered.
    /// </summary>
    public DateTimeOffset? EventStart { get; init; }

    /// <inheritdoc cref="EventStart"/>
    public DateTimeOffset? EventEnd { get; init; }

    /// <summary>Why the line stands as it does (displacement, partial grant, refusal...).</summary>
    public IReadOnlyList<Reason> Reasons { get; init; }

    /// <summary>Whether the entry holds units on the resource.</summary>
    public bool Holds => State is AllocationState.Approved or AllocationState.Confirmed && Granted > 0;

    /// <summary>"request/line", made once: ledgers index their entries by it at every decision.</summary>
    public string Key { get; }

    /// <summary>
    /// The same claim over another busy interval (its line's loan moved with its event), decided as it was:
    /// whether it still fits is for the allocator to say and technical services to decide.
    /// </summary>
    public AllocationEntry MovedTo(DateTimeOffset start, DateTimeOffset end, DateTimeOffset? eventStart, DateTimeOffset? eventEnd) =>
        new(RequestId, LineId, EventId, OrganiserId, Class, SubmittedAt, start, end, Requested, Granted, State, Reasons)
        {
            EventStart = eventStart,
            EventEnd = eventEnd,
        };
}

/// <summary>
/// The nearest alternative to a line that cannot be fully served: a smaller quantity now, or the full
/// quantity in a slot shifted by whole days that still covers the event.
/// </summary>
public sealed record AllocationAlternative(int? Quantity, int? ShiftDays, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>What the allocator says of one entry.</summary>
public sealed record AllocationOutcome(
    AllocationEntry Entry,
    int Available,
    int AvailableWithoutDisplacement,
    bool Displaced,
    IReadOnlyList<Reason> Reasons,
    AllocationAlternative? Alternative,
    IReadOnlyList<string> Conflicts)
{
    /// <summary>Whether the line gets all it asked.</summary>
    public bool IsFull => Available >= Entry.Requested;
}

/// <summary>
/// The allocation of one resource, entry by entry, in priority order. What each entry gets is kept in arrays; an
/// entry's <see cref="AllocationOutcome"/> is made when asked for (one request's lines, or every line once for a list),
/// so deciding one request on a resource a whole season claims does not make an object per claim.
/// </summary>
public sealed class ResourceAllocation
{
    private readonly AllocationEntry[] _order;
    private readonly int[] _available;
    private readonly int[] _withoutDisplacement;
    private readonly bool[] _displaced;

    // The outcomes that say more than what the entry gets (their own reasons, an alternative, conflicts); null elsewhere.
    private readonly AllocationOutcome?[] _explained;
    private AllocationOutcome[]? _outcomes;
    private Dictionary<string, int>? _index;
    private int _finds;

    internal ResourceAllocation(string resourceId, int capacity, AllocationEntry[] order, int[] available, int[] withoutDisplacement, bool[] displaced, AllocationOutcome?[] explained)
    {
        ResourceId = resourceId;
        Capacity = capacity;
        _order = order;
        _available = available;
        _withoutDisplacement = withoutDisplacement;
        _displaced = displaced;
        _explained = explained;
    }

    public string ResourceId { get; }

    public int Capacity { get; }

    /// <summary>How many entries claim the resource.</summary>
    public int Count => _order.Length;

    /// <summary>Every entry's outcome, in priority order (made once, on first use).</summary>
    public IReadOnlyList<AllocationOutcome> Outcomes
    {
        get
        {
            if (Volatile.Read(ref _outcomes) is { } made)
            {
                return made;
            }

            var outcomes = new AllocationOutcome[_order.Length];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = OutcomeAt(i);
            }

            Volatile.Write(ref _outcomes, outcomes);
            return outcomes;
        }
    }

    /// <summary>Each entry with what it gets, in priority order, without making its outcome.</summary>
    public IEnumerable<(AllocationEntry Entry, int Available)> Quantities()
    {
        for (var i = 0; i < _order.Length; i++)
        {
            yield return (_order[i], _available[i]);
        }
    }

    public AllocationOutcome? Find(string requestId, string lineId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ArgumentNullException.ThrowIfNull(lineId);

        // A few lookups (one request's lines) scan; a list looking up every line gets an index, made once.
        var index = Volatile.Read(ref _index);
        if (index is null && Interlocked.Increment(ref _finds) > 16)
        {
            index = Index();
        }

        if (index is not null)
        {
            return index.TryGetValue(requestId + "/" + lineId, out var at) ? OutcomeAt(at) : null;
        }

        for (var i = 0; i < _order.Length; i++)
        {
            if (_order[i].RequestId == requestId && _order[i].LineId == lineId)
            {
                return OutcomeAt(i);
            }
        }

        return null;
    }

    /// <summary>
    /// The requests whose entries here differ from <paramref name="before"/>'s, another allocation of this resource: an
    /// entry in one only, an entry changed, or one that gets another quantity. A request not named has every entry on the
    /// resource as it was, getting what it got.
    /// </summary>
    public HashSet<string> RequestsChangedSince(ResourceAllocation before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var (mine, theirs) = (Index(), before.Index());
        var changed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _order.Length; i++)
        {
            if (!theirs.TryGetValue(_order[i].Key, out var j) || _available[i] != before._available[j] || _displaced[i] != before._displaced[j]
                || !(ReferenceEquals(_order[i], before._order[j]) || _order[i].Equals(before._order[j])))
            {
                changed.Add(_order[i].RequestId);
            }
        }

        foreach (var entry in before._order)
        {
            if (!mine.ContainsKey(entry.Key))
            {
                changed.Add(entry.RequestId);
            }
        }

        return changed;
    }

    // Each entry's position by "request/line", made once for this allocation.
    private Dictionary<string, int> Index()
    {
        if (Volatile.Read(ref _index) is { } made)
        {
            return made;
        }

        var index = new Dictionary<string, int>(_order.Length, StringComparer.Ordinal);
        for (var i = 0; i < _order.Length; i++)
        {
            index.TryAdd(_order[i].Key, i);
        }

        Volatile.Write(ref _index, index);
        return index;
    }

    /// <summary>The entries whose granted quantity must change (displacement or reduced capacity), as they should now be stored.</summary>
    public IEnumerable<AllocationEntry> Changed()
    {
        for (var i = 0; i < _order.Length; i++)
        {
            if (_displaced[i])
            {
                var o = OutcomeAt(i);
                yield return o.Entry with
                {
                    Granted = o.Available,
                    State = o.Available == 0 && o.Entry.State == AllocationState.Approved ? AllocationState.Refused : o.Entry.State,
                    Reasons = o.Reasons,
                };
            }
        }
    }

    /// <summary>The entries in priority order (the allocator's own array: read, never written).</summary>
    internal ReadOnlySpan<AllocationEntry> Entries => _order;

    /// <summary>What the entry at <paramref name="i"/> (in priority order) gets.</summary>
    internal int AvailableAt(int i) => _available[i];

    /// <summary>This allocation with one more entry, last in priority order, as the allocator would place it.</summary>
    internal ResourceAllocation Appended(AllocationEntry entry, int available, int withoutDisplacement, AllocationOutcome? explained) =>
        new(ResourceId, Capacity, [.. _order, entry], [.. _available, available], [.. _withoutDisplacement, withoutDisplacement], [.. _displaced, false], [.. _explained, explained]);

    /// <summary>The keys of the entries displaced (or reduced by capacity).</summary>
    public IReadOnlySet<string> DisplacedKeys() => _order.Where((_, i) => _displaced[i]).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    private AllocationOutcome OutcomeAt(int i) =>
        Volatile.Read(ref _outcomes)?[i]
        ?? _explained[i]
        ?? Plain(_order[i], _available[i], _withoutDisplacement[i], _displaced[i]);

    /// <summary>The outcome of an entry that gets this and has nothing more said of it (a pending line's reasons are the allocator's).</summary>
    internal static AllocationOutcome Plain(AllocationEntry entry, int available, int withoutDisplacement, bool displaced) =>
        new(entry, available, withoutDisplacement, displaced, entry.State == AllocationState.Pending ? [] : entry.Reasons, null, []);
}
