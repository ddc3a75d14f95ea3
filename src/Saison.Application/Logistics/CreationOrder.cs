using System.Runtime.CompilerServices;
using Saison.Application.Persistence;

namespace Saison.Application.Logistics;

/// <summary>
/// A season's requests in creation order (then by id), kept for each list the store answers. The store follows its own
/// writes with a new list that shares all but the written requests with the one before (<see cref="LogisticsStore.ListRequestsAsync"/>)
/// and says which (<see cref="Follows"/>): the order of the new list is the order before with those requests put in
/// their place, not the season sorted again, nor both lists walked to find what changed.
/// </summary>
internal static class CreationOrder
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Versioned<StoredRequest>>, StoredRequest[]> Ordered = new();

    // What each list the store followed was made from: the list before (not kept alive by the one after) and the writes.
    private static readonly ConditionalWeakTable<IReadOnlyList<Versioned<StoredRequest>>, Write> Writes = new();

    private sealed record Write(WeakReference<IReadOnlyList<Versioned<StoredRequest>>> Before, IReadOnlyList<(StoredRequest? Was, StoredRequest Now)> Requests);

    /// <summary>The requests of <paramref name="list"/> (a season's, in id order as the store lists them) in creation order.</summary>
    public static StoredRequest[] Of(IReadOnlyList<Versioned<StoredRequest>> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Ordered.GetValue(list, Order);
    }

    /// <summary>
    /// Says that <paramref name="after"/> is <paramref name="before"/> with <paramref name="written"/> (each request as it
    /// was in <paramref name="before"/>, or null when new, and as it is now), so its order follows the one before.
    /// </summary>
    public static void Follows(IReadOnlyList<Versioned<StoredRequest>> after, IReadOnlyList<Versioned<StoredRequest>> before, IReadOnlyList<(StoredRequest? Was, StoredRequest Now)> written) =>
        Writes.AddOrUpdate(after, new Write(new(before), written));

    private static StoredRequest[] Order(IReadOnlyList<Versioned<StoredRequest>> list) =>
        Writes.TryGetValue(list, out var write) && write.Before.TryGetTarget(out var before) && Ordered.TryGetValue(before, out var ordered)
            ? Followed(ordered, write.Requests) ?? Sorted(list)
            : Sorted(list);

    private static StoredRequest[] Sorted(IReadOnlyList<Versioned<StoredRequest>> list) => Sorted(list.Select(r => r.Value));

    /// <summary>Some requests (an event's, read apart) in creation order.</summary>
    public static StoredRequest[] Sorted(IEnumerable<StoredRequest> requests) =>
        [.. requests.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="ordered"/> with each written request's earlier version taken out and its new version put in its
    /// place; <c>null</c> when an earlier version is not where the order says (then the list is sorted again).
    /// </summary>
    private static StoredRequest[]? Followed(StoredRequest[] ordered, IReadOnlyList<(StoredRequest? Was, StoredRequest Now)> written)
    {
        var leaving = new HashSet<int>();
        foreach (var (was, _) in written)
        {
            if (was is null)
            {
                continue;
            }

            var at = Array.BinarySearch(ordered, was, ByCreation);
            if (at < 0 || !ReferenceEquals(ordered[at], was) || !leaving.Add(at))
            {
                return null;
            }
        }

        // Each new version's place in the order before (binary search: only those records are read), then one copy.
        var coming = written.Select(w => w.Now).Order(ByCreation).Select(r => (Request: r, At: Array.BinarySearch(ordered, r, ByCreation))).ToArray();
        var result = new StoredRequest[ordered.Length - leaving.Count + coming.Length];
        var (o, c, r) = (0, 0, 0);
        while (r < result.Length)
        {
            if (c < coming.Length && (coming[c].At < 0 ? ~coming[c].At : coming[c].At) <= o)
            {
                result[r++] = coming[c++].Request;
            }
            else if (leaving.Contains(o))
            {
                o++;
            }
            else
            {
                result[r++] = ordered[o++];
            }
        }

        return result;
    }

    /// <summary>Creation order: creation time, then id.</summary>
    public static readonly IComparer<StoredRequest> ByCreation = Comparer<StoredRequest>.Create((x, y) =>
    {
        var order = x.CreatedAt.CompareTo(y.CreatedAt);
        return order != 0 ? order : string.CompareOrdinal(x.Id, y.Id);
    });
}
