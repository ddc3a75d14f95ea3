using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Saison.Application.Persistence;

namespace Saison.Application.Logistics;

/// <summary>
/// A season's requests in creation order (then by id), kept for each list the store answers. The store follows its own
/// writes with a new list that shares all but the written requests with the one before (<see cref="LogisticsStore.ListRequestsAsync"/>):
/// the order of the new list is the order before with those requests put in their place, not the season sorted again.
/// </summary>
internal static class CreationOrder
{
    // Beyond this many requests changed since the list before, sorting the whole list again is simpler and as fast.
    private const int FollowedChanges = 64;

    private static readonly ConditionalWeakTable<IReadOnlyList<Versioned<StoredRequest>>, StoredRequest[]> Ordered = new();

    // The last list ordered for each season, which the next one (the store's list after a write) follows.
    private static readonly ConcurrentDictionary<int, (IReadOnlyList<Versioned<StoredRequest>> List, StoredRequest[] Ordered)> Latest = new();

    /// <summary>The requests of <paramref name="list"/> (a season's, in id order as the store lists them) in creation order.</summary>
    public static StoredRequest[] Of(IReadOnlyList<Versioned<StoredRequest>> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Ordered.GetValue(list, Order);
    }

    private static StoredRequest[] Order(IReadOnlyList<Versioned<StoredRequest>> list)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var season = list[0].Value.Season;
        var ordered = Latest.TryGetValue(season, out var before) && Ordered.TryGetValue(before.List, out var kept) && ReferenceEquals(kept, before.Ordered)
            ? Followed(before.List, before.Ordered, list) ?? Sorted(list)
            : Sorted(list);
        Latest[season] = (list, ordered);
        return ordered;
    }

    private static StoredRequest[] Sorted(IReadOnlyList<Versioned<StoredRequest>> list) => Sorted(list.Select(r => r.Value));

    /// <summary>Some requests (an event's, read apart) in creation order.</summary>
    public static StoredRequest[] Sorted(IEnumerable<StoredRequest> requests) =>
        [.. requests.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="ordered"/> (the order of <paramref name="before"/>) with the requests <paramref name="after"/>
    /// changed, added or dropped put in their place; <c>null</c> when the lists are not one season's, or differ too much.
    /// </summary>
    private static StoredRequest[]? Followed(IReadOnlyList<Versioned<StoredRequest>> before, StoredRequest[] ordered, IReadOnlyList<Versioned<StoredRequest>> after)
    {
        // Both lists are in id order: one walk finds what the second changed.
        var (gone, come) = (new List<StoredRequest>(), new List<StoredRequest>());
        using var was = before.GetEnumerator();
        using var now = after.GetEnumerator();
        var (hasWas, hasNow) = (was.MoveNext(), now.MoveNext());
        while (hasWas || hasNow)
        {
            var order = !hasWas ? 1 : !hasNow ? -1 : string.CompareOrdinal(was.Current.Value.Id, now.Current.Value.Id);
            if (order <= 0 && !(order == 0 && ReferenceEquals(was.Current.Value, now.Current.Value)))
            {
                gone.Add(was.Current.Value);
            }

            if (order >= 0 && !(order == 0 && ReferenceEquals(was.Current.Value, now.Current.Value)))
            {
                come.Add(now.Current.Value);
            }

            if (gone.Count + come.Count > 2 * FollowedChanges || (order == 0 && was.Current.Value.Season != now.Current.Value.Season))
            {
                return null;
            }

            (hasWas, hasNow) = (order <= 0 ? was.MoveNext() : hasWas, order >= 0 ? now.MoveNext() : hasNow);
        }

        if (gone.Count == 0 && come.Count == 0)
        {
            return ordered;
        }

        var result = new List<StoredRequest>(ordered.Length + come.Count);
        var leaving = new HashSet<StoredRequest>(gone, ReferenceEqualityComparer.Instance);
        result.AddRange(ordered.Where(r => !leaving.Contains(r)));
        foreach (var request in come)
        {
            var at = result.BinarySearch(request, ByCreation);
            result.Insert(at >= 0 ? at : ~at, request);
        }

        return [.. result];
    }

    private static readonly IComparer<StoredRequest> ByCreation = Comparer<StoredRequest>.Create((x, y) =>
    {
        var order = x.CreatedAt.CompareTo(y.CreatedAt);
        return order != 0 ? order : string.CompareOrdinal(x.Id, y.Id);
    });
}
