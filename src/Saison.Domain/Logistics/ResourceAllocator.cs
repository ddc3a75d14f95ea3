using System.Globalization;
using Saison.Domain.Decisions;

namespace Saison.Domain.Logistics;

/// <summary>Tuning of the allocator: the time grid and how far to look for another slot.</summary>
public sealed record AllocationSettings(TimeSpan Slot, int AlternativeWindowDays, int MaxConflictsShown)
{
    public static AllocationSettings Default { get; } = new(TimeSpan.FromMinutes(15), 7, 10);

    /// <summary>
    /// Which entries are explained — given their alternative and conflicts, and for a pending line its reasons — when
    /// only some will be shown (one request's lines); all when null. What each entry gets is the same either way.
    /// </summary>
    public Func<AllocationEntry, bool>? Explains { get; init; }

    /// <summary>The default settings, explaining no line (what is granted and proposed only).</summary>
    public static AllocationSettings Unexplained { get; } = Default with { Explains = static _ => false };

    /// <summary>The default settings, explaining only the lines of one request.</summary>
    public static AllocationSettings ExplainingRequest(string requestId) => Default with { Explains = e => e.RequestId == requestId };

    /// <summary>The requests whose lines are explained, when the settings name them (<see cref="ExplainingRequests"/>).</summary>
    public IReadOnlySet<string>? ExplainedRequests { get; private init; }

    /// <summary>The default settings, explaining only the lines of these requests.</summary>
    public static AllocationSettings ExplainingRequests(IReadOnlySet<string> requestIds) =>
        Default with { Explains = e => requestIds.Contains(e.RequestId), ExplainedRequests = requestIds };
}

/// <summary>
/// Allocates one resource's capacity among the lines that claim it, by the priority rule:
/// confirmed grants are fixed; then agenda grants; then other grants, which an agenda grant may
/// displace (they are not confirmed); then pending lines in priority order, each proposed what is
/// left (a pending agenda line may count on what it could displace). A line that is short gets
/// its reasons, the nearest alternative (a smaller quantity, or the full quantity a few days
/// earlier or later while the loan still covers its event) and the higher-priority lines it
/// conflicts with.
/// </summary>
/// <remarks>O(n log n) per resource: a sort, then a segment tree over the time grid.</remarks>
public static class ResourceAllocator
{
    public static ResourceAllocation Allocate(string resourceId, int capacity, IReadOnlyList<AllocationEntry> entries, AllocationSettings? settings = null)
    {
        var (allocation, load) = Allocate(resourceId, capacity, entries, settings, null);
        load?.Dispose();
        return allocation;
    }

    /// <summary>
    /// <see cref="Allocate(string, int, IReadOnlyList{AllocationEntry}, AllocationSettings?)"/>, and when
    /// <paramref name="keptMargin"/> is given the load every entry leaves on the resource (on a grid reaching that much
    /// further on both sides), for <see cref="AllocationPlacement"/>; null without entries.
    /// </summary>
    internal static (ResourceAllocation Allocation, LoadTimeline? Load) Allocate(string resourceId, int capacity, IReadOnlyList<AllocationEntry> entries, AllocationSettings? settings, TimeSpan? keptMargin)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        settings ??= AllocationSettings.Default;
        // A ledger's array, already in priority order, is shared (never written); anything else is copied, then sorted.
        var order = entries as AllocationEntry[] ?? [.. entries];
        if (!IsInPriorityOrder(order))
        {
            order = ReferenceEquals(order, entries) ? [.. order] : order;
            Array.Sort(order, LogisticsPriority.Compare);
        }

        var outcomes = new Outcomes(order);
        if (order.Length == 0)
        {
            return (outcomes.Done(resourceId, capacity), null);
        }

        // Slots are aligned on the clock, so a wider grid reads the same peaks: it only leaves room for later claims.
        var window = TimeSpan.FromDays(settings.AlternativeWindowDays + 1) + (keptMargin ?? TimeSpan.Zero);
        var from = order.Min(e => e.Start) - window;
        var to = order.Max(e => e.End) + window;
        var main = new LoadTimeline(from, to, settings.Slot);
        try
        {
            Place(order, capacity, outcomes, main, settings);
            return (outcomes.Done(resourceId, capacity), keptMargin is null ? null : main);
        }
        finally
        {
            if (keptMargin is null)
            {
                main.Dispose();
            }
        }
    }

    private static void Place(AllocationEntry[] order, int capacity, Outcomes outcomes, LoadTimeline main, AllocationSettings settings)
    {
        using var agenda = new LoadTimeline(main.From, main.To, settings.Slot);

        // 1. Confirmed grants are fixed, whatever comes later.
        for (var i = 0; i < order.Length; i++)
        {
            var e = order[i];
            if (e.State != AllocationState.Confirmed)
            {
                continue;
            }

            var free = Math.Max(0, capacity - main.Peak(e.Start, e.End));
            var reasons = e.Granted > free
                ? [.. e.Reasons, new Reason("over-capacity", string.Format(CultureInfo.InvariantCulture, "Allocation confirmée au-delà de la capacité actuelle ({0} disponibles pour {1} accordées) : à revoir par les services techniques.", free, e.Granted))]
                : e.Reasons;
            main.Add(e.Start, e.End, e.Granted);
            agenda.Add(e.Start, e.End, e.Granted);
            outcomes.Set(i, e.Granted, e.Granted, false, reasons, null);
        }

        // 2. and 3. Unconfirmed grants: agenda first, then the others, which may be displaced.
        foreach (var agendaPass in new[] { true, false })
        {
            for (var i = 0; i < order.Length; i++)
            {
                var e = order[i];
                if (e.State != AllocationState.Approved || (e.Class == PriorityClass.TourismAgenda) != agendaPass)
                {
                    continue;
                }

                var free = Math.Max(0, capacity - main.Peak(e.Start, e.End));
                var kept = Math.Min(e.Granted, free);
                AllocationAlternative? alternative = null;
                var reasons = e.Reasons;
                var displaced = kept < e.Granted;
                if (kept < e.Requested)
                {
                    // A partial grant keeps its offer of the full quantity at another slot (its own
                    // quantity is already granted: offering it again would say nothing).
                    alternative = AlternativeFor(e, 0, capacity, main, settings);
                }

                if (displaced)
                {
                    reasons = [.. e.Reasons, agendaPass
                        ? new Reason("capacity-reduced", string.Format(CultureInfo.InvariantCulture, "Capacité réduite par des allocations confirmées : {0} sur {1} maintenues.", kept, e.Granted))
                        : new Reason("displaced-by-agenda", string.Format(CultureInfo.InvariantCulture, "Allocation non confirmée réduite au profit d'un événement de l'agenda touristique de l'été : {0} sur {1} maintenues.", kept, e.Granted))];
                }

                main.Add(e.Start, e.End, kept);
                if (agendaPass)
                {
                    agenda.Add(e.Start, e.End, kept);
                }

                outcomes.Set(i, kept, kept, displaced, reasons, alternative);
            }
        }

        // 4. Pending lines, in priority order.
        for (var i = 0; i < order.Length; i++)
        {
            var e = order[i];
            if (e.State != AllocationState.Pending)
            {
                continue;
            }

            var freeNow = Math.Max(0, capacity - main.Peak(e.Start, e.End));
            var isAgenda = e.Class == PriorityClass.TourismAgenda;
            var free = isAgenda ? Math.Max(0, capacity - agenda.Peak(e.Start, e.End)) : freeNow;
            var proposal = Math.Min(e.Requested, free);
            IReadOnlyList<Reason> reasons = [];
            AllocationAlternative? alternative = null;
            if (settings.Explains is { } explains && !explains(e))
            {
                // What a pending line gets does not depend on its reasons: they are written only for lines shown.
            }
            else if (proposal < e.Requested)
            {
                alternative = AlternativeFor(e, proposal, capacity, isAgenda ? agenda : main, settings);
                reasons = [Shortage(e, proposal)];
            }
            else if (proposal > freeNow)
            {
                reasons = [new Reason("would-displace", string.Format(CultureInfo.InvariantCulture, "Servie en priorité (agenda touristique) : {0} unités reprises à des allocations non confirmées d'autres organisateurs.", proposal - freeNow))];
            }

            main.Add(e.Start, e.End, proposal);
            if (isAgenda)
            {
                agenda.Add(e.Start, e.End, proposal);
            }

            outcomes.Set(i, proposal, Math.Min(proposal, freeNow), false, reasons, alternative);
        }

        // Refused lines hold nothing; they are still told where the full quantity would fit.
        for (var i = 0; i < order.Length; i++)
        {
            if (order[i].State == AllocationState.Refused)
            {
                outcomes.Set(i, 0, 0, false, order[i].Reasons, AlternativeFor(order[i], 0, capacity, main, settings));
            }
        }

        AddConflicts(order, outcomes, settings);
    }

    /// <summary>What the allocator gives each entry, kept in arrays; an outcome object only where there is more to say.</summary>
    private sealed class Outcomes(AllocationEntry[] order)
    {
        public AllocationEntry[] Order { get; } = order;

        public int[] Available { get; } = new int[order.Length];

        public int[] WithoutDisplacement { get; } = new int[order.Length];

        public bool[] Displaced { get; } = new bool[order.Length];

        public AllocationOutcome?[] Explained { get; } = new AllocationOutcome?[order.Length];

        public void Set(int i, int available, int withoutDisplacement, bool displaced, IReadOnlyList<Reason> reasons, AllocationAlternative? alternative)
        {
            var e = Order[i];
            (Available[i], WithoutDisplacement[i], Displaced[i]) = (available, withoutDisplacement, displaced);
            var plain = e.State == AllocationState.Pending ? reasons.Count == 0 : ReferenceEquals(reasons, e.Reasons);
            Explained[i] = plain && alternative is null ? null : new AllocationOutcome(e, available, withoutDisplacement, displaced, reasons, alternative, []);
        }

        public bool IsShort(int i) => Displaced[i] || (Order[i].State == AllocationState.Pending && Available[i] < Order[i].Requested);

        public void SetConflicts(int i, IReadOnlyList<string> conflicts) =>
            Explained[i] = (Explained[i] ?? ResourceAllocation.Plain(Order[i], Available[i], WithoutDisplacement[i], Displaced[i])) with { Conflicts = conflicts };

        public ResourceAllocation Done(string resourceId, int capacity) => new(resourceId, capacity, Order, Available, WithoutDisplacement, Displaced, Explained);
    }

    /// <summary>Whether entries are already in priority order (a ledger keeps them so): one pass instead of a sort.</summary>
    public static bool IsInPriorityOrder(IReadOnlyList<AllocationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 1; i < entries.Count; i++)
        {
            if (LogisticsPriority.Compare(entries[i - 1], entries[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A French reason for a short line.</summary>
    public static Reason Shortage(AllocationEntry entry, int available)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return available == 0
            ? new Reason("no-stock", string.Format(CultureInfo.InvariantCulture, "Plus aucune unité disponible sur la période demandée ({0} demandées) : la capacité est prise par des demandes prioritaires ou antérieures.", entry.Requested))
            : new Reason("partial-stock", string.Format(CultureInfo.InvariantCulture, "Seulement {0} unités disponibles sur {1} demandées pour la période : la capacité restante est prise par des demandes prioritaires ou antérieures.", available, entry.Requested));
    }

    internal static AllocationAlternative? AlternativeFor(AllocationEntry e, int available, int capacity, LoadTimeline timeline, AllocationSettings settings)
    {
        if (settings.Explains is { } explains && !explains(e))
        {
            return null;
        }

        for (var k = 1; k <= settings.AlternativeWindowDays; k++)
        {
            foreach (var shift in new[] { k, -k })
            {
                var start = e.Start.AddDays(shift);
                var end = e.End.AddDays(shift);
                var servesTheEvent = (e.EventStart is not { } eventStart || start <= eventStart) && (e.EventEnd is not { } eventEnd || end >= eventEnd);
                if (servesTheEvent && timeline.Covers(start, end) && capacity - timeline.Peak(start, end) >= e.Requested)
                {
                    return new AllocationAlternative(available > 0 ? available : null, shift, start, end);
                }
            }
        }

        return available > 0 ? new AllocationAlternative(available, null, null, null) : null;
    }

    private static void AddConflicts(AllocationEntry[] order, Outcomes outcomes, AllocationSettings settings)
    {
        var maxShown = settings.MaxConflictsShown;
        var taken = outcomes.Available;
        // Only short lines need their conflicts: the holders placed before them whose busy interval overlaps.
        var shortIndexes = Enumerable.Range(0, order.Length)
            .Where(i => outcomes.IsShort(i) && (settings.Explains?.Invoke(order[i]) ?? true))
            .ToList();
        if (shortIndexes.Count == 0)
        {
            return;
        }

        var byStart = Enumerable.Range(0, order.Length).Where(i => taken[i] > 0).OrderBy(i => order[i].Start).ToArray();
        var starts = byStart.Select(i => order[i].Start.UtcTicks).ToArray();
        var longest = byStart.Length == 0 ? 0 : byStart.Max(i => (order[i].End - order[i].Start).Ticks);
        foreach (var i in shortIndexes)
        {
            var e = order[i];
            var lowTicks = e.Start.UtcTicks - longest;
            var at = Array.BinarySearch(starts, lowTicks);
            at = at < 0 ? ~at : at;
            while (at > 0 && starts[at - 1] >= lowTicks)
            {
                at--;
            }

            var conflicts = new List<string>();
            for (; at < byStart.Length && starts[at] < e.End.UtcTicks && conflicts.Count < maxShown; at++)
            {
                var j = byStart[at];
                if (j != i && order[j].End > e.Start && (j < i || order[j].Class == PriorityClass.TourismAgenda))
                {
                    conflicts.Add(order[j].Key);
                }
            }

            outcomes.SetConflicts(i, conflicts);
        }
    }
}
