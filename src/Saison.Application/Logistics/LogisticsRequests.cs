using System.Globalization;
using System.Text.Json;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>Filters of the request lists; every one optional (<see cref="From"/>/<see cref="To"/>: a period any line's loan overlaps).</summary>
public sealed record RequestFilter(string? EventId = null, string? ServiceId = null, RequestStatus? Status = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Logistics requests: organisers create and submit them for their events; the fast procedure
/// approves small standard ones at once; technical services review the rest in priority order,
/// decide each line with reasons, confirm, override with a justification, and move requests on
/// to scheduled, delivered and closed. Every change is audited.
/// </summary>
public sealed partial class LogisticsRequests
{
    private readonly LogisticsStore _store;
    private readonly ISeasons _seasons;
    private readonly ISeasonEvents _events;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly Saison.Domain.Destinations.Destination _destination;

    // Each season's requests with their standings as technical services list them, for the same list of requests and allocations.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, StandingsMemo> _standings = new();

    public LogisticsRequests(LogisticsStore store, ISeasons seasons, ISeasonEvents events, AuditTrail audit, TimeProvider time, Saison.Domain.Destinations.Destination destination)
    {
        _destination = destination;
        _store = store;
        _seasons = seasons;
        _events = events;
        _audit = audit;
        _time = time;
    }

    /// <summary>Whether the caller sees every organisation's requests (technical services, project cell, Admin).</summary>
    public static bool SeesAll(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || caller.IsInAnyRole(Roles.Technician, Roles.ProjectCell, Roles.Manager, Roles.Copil);
    }

    /// <summary>
    /// Whether the caller decides for the service that provides <paramref name="item"/>: a technician
    /// decides only the lines of their own service's items (their scope); Admin decides for all.
    /// </summary>
    public static bool DecidesFor(Caller caller, CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(item);
        return caller.IsAdmin || caller.HasScope(item.ServiceId);
    }

    /// <summary>The refusal for a line of another service's item, or <c>null</c> when the caller decides for it.</summary>
    private async Task<Outcome<RequestView>?> OutOfScopeAsync(Caller caller, int season, RequestLine line, CancellationToken cancellationToken)
    {
        var item = (await _store.GetItemAsync(season, line.ItemId, cancellationToken).ConfigureAwait(false))?.Value;
        return item is null || DecidesFor(caller, item)
            ? null
            : Outcome<RequestView>.Forbidden($"La ligne « {line.LineId} » ({item.Name}) relève du service « {item.ServiceId} » : seuls ses techniciens la décident.");
    }

    private static bool MaySee(Caller caller, StoredRequest request) => SeesAll(caller) || caller.HasScope(request.OrganiserId);

    public async Task<Outcome<RequestView>> CreateAsync(Caller caller, int season, CreateRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var seasonSummary = await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false);
        if (seasonSummary is null)
        {
            return Outcome<RequestView>.NotFound($"La saison {season} n'existe pas.");
        }

        if (string.IsNullOrWhiteSpace(input.EventId))
        {
            return Outcome<RequestView>.Invalid("eventId", "Indiquez l'événement concerné.");
        }

        // A submission needs every event's priority class too: read with its event, under one look-up of the season's
        // set-up (a draft needs none of them: All stays empty).
        var (ev, events) = input.Submit
            ? await _events.FindAmongAllAsync(season, input.EventId, cancellationToken).ConfigureAwait(false)
            : (await _events.FindAsync(season, input.EventId, cancellationToken).ConfigureAwait(false), []);
        if (ev is null)
        {
            return Outcome<RequestView>.NotFound($"L'événement « {input.EventId} » n'existe pas dans la saison {season}.");
        }

        if (!SeesAll(caller) && !caller.HasScope(ev.OrganiserId))
        {
            // Another organisation's event does not exist for this caller (the same 404 as an unknown id).
            return Outcome<RequestView>.NotFound($"L'événement « {input.EventId} » n'existe pas dans la saison {season}.");
        }

        // The catalogue is read once: the lines are checked against it, and a submission claims on it.
        var items = await _store.CatalogueAsync(season, cancellationToken).ConfigureAwait(false);
        var (lines, invalid) = Lines(ev, input.Lines, 1, items);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = _time.GetUtcNow();
        var request = new StoredRequest(
            "req-" + Guid.NewGuid().ToString("N")[..16],
            season,
            ev.Id,
            ev.Title,
            ev.OrganiserId,
            ev.OrganiserKind,
            ev.SizeClass,
            RequestStatus.Draft,
            lines,
            now,
            caller.Id,
            null,
            false,
            null,
            false,
            [],
            [new RequestHistoryEntry(now, caller.Id, "created", null)],
            ev.Start,
            ev.End);
        if (input.Submit)
        {
            // Created and submitted at once: the request arrives with its claims in one transaction, never as a draft
            // first; one audit entry (submitted, from nothing before).
            var submitted = await SubmitCoreAsync(caller, season, request, null, new SubmissionReads(seasonSummary, ev, events, items), cancellationToken).ConfigureAwait(false);
            return submitted.IsSuccess ? submitted with { Kind = OutcomeKind.Created } : submitted;
        }

        var view = await DraftViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var audit = Audit(caller, season, new AuditRecord("logistics.request.create", Target(request), null, view));
        var etag = await _store.InsertDraftAsync(request, audit, cancellationToken).ConfigureAwait(false);
        await _audit.CompleteAsync(audit, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Created(view, etag);
    }

    /// <summary>
    /// The lines an organiser asks for, checked one by one (catalogue item, quantity, dates, note) and numbered
    /// from <paramref name="firstNumber"/>; delivery and pickup default from the catalogue around the event.
    /// </summary>
    private static (IReadOnlyList<RequestLine> Lines, Outcome<RequestView>? Refusal) Lines(EventSummary ev, IReadOnlyList<CreateLineInput>? input, int firstNumber, IReadOnlyDictionary<string, CatalogItem> catalogue)
    {
        if (input is not { Count: > 0 })
        {
            return ([], Outcome<RequestView>.Invalid("lines", "Une demande comporte au moins une ligne."));
        }

        if (input.Count > 50)
        {
            return ([], Outcome<RequestView>.Invalid("lines", "Une demande comporte au plus 50 lignes."));
        }

        var lines = new List<RequestLine>();
        for (var i = 0; i < input.Count; i++)
        {
            var line = input[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            if (string.IsNullOrWhiteSpace(line.ItemId) || !LogisticsIds.IsValid(line.ItemId))
            {
                return ([], Outcome<RequestView>.Invalid(field + ".itemId", "Indiquez un article du catalogue."));
            }

            if (!catalogue.TryGetValue(line.ItemId, out var item))
            {
                return ([], Outcome<RequestView>.Invalid(field + ".itemId", $"L'article « {line.ItemId} » n'est pas au catalogue."));
            }

            if (line.Quantity < 1 || line.Quantity > 10_000)
            {
                return ([], Outcome<RequestView>.Invalid(field + ".quantity", "La quantité est comprise entre 1 et 10 000."));
            }

            var delivery = line.Delivery ?? item.DefaultDelivery(ev.Start);
            var pickup = line.Pickup ?? item.DefaultPickup(ev.End);
            if (pickup <= delivery)
            {
                return ([], Outcome<RequestView>.Invalid(field + ".pickup", "L'enlèvement doit suivre la livraison."));
            }

            if (line.Note is { Length: > 500 })
            {
                return ([], Outcome<RequestView>.Invalid(field + ".note", "La note fait au plus 500 caractères."));
            }

            lines.Add(new RequestLine("l" + (firstNumber + i).ToString(CultureInfo.InvariantCulture), item.Id, line.Quantity, delivery, pickup, line.Note));
        }

        return (lines, null);
    }

    public async Task<Outcome<RequestView>> GetAsync(Caller caller, int season, string id, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        return found is null
            ? Outcome<RequestView>.NotFound($"La demande « {id} » n'existe pas.")
            : Outcome<RequestView>.Ok(await ViewAsync(caller, found.Value, cancellationToken).ConfigureAwait(false), found.ETag);
    }

    /// <summary>The requests the caller may see: an organiser's own organisation's, everyone's for technical services.</summary>
    public async Task<IReadOnlyList<RequestView>> ListAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var requests = (await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false)).Select(r => r.Value).Where(r => MaySee(caller, r)).ToList();
        var snapshot = await SnapshotAsync(season, requests, cancellationToken).ConfigureAwait(false);
        return [.. requests.OrderBy(r => r.CreatedAt).Select(r => View(caller, r, snapshot, keep: true))];
    }

    /// <summary>
    /// One page of the requests the caller may see, filtered (by event, by the service of any line's item, by a
    /// period any line's loan overlaps, by status), in creation order. Only the page's requests are viewed; a status
    /// filter reads each request's standing (<see cref="StandingOf"/>), never a whole view.
    /// </summary>
    public async Task<(IReadOnlyList<RequestView> Items, string? Next)> ListAsync(Caller caller, int season, RequestFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        if (filter.Status is { } status)
        {
            var standings = await StandingsAsync(caller, season, filter, cancellationToken).ConfigureAwait(false);
            var (withStatus, after) = page.Cut(standings.WithStatus(status), r => r.Id);
            var current = await SnapshotAsync(season, withStatus, cancellationToken).ConfigureAwait(false);
            return ([.. withStatus.Select(r => View(caller, r, current, keep: true))], after);
        }

        var requests = await FilteredAsync(caller, season, filter, cancellationToken).ConfigureAwait(false);
        var (shown, next) = page.Cut(requests, r => r.Id);
        var snapshot = await SnapshotAsync(season, shown, cancellationToken).ConfigureAwait(false);
        return ([.. shown.Select(r => View(caller, r, snapshot, keep: true))], next);
    }

    /// <summary>
    /// One page of the requests the caller may see, newest first (an organiser's own page), and how many there are in all.
    /// Only the page's requests are viewed.
    /// </summary>
    public async Task<(IReadOnlyList<RequestView> Items, string? Next, int Total)> ListNewestFirstAsync(Caller caller, int season, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var requests = await FilteredAsync(caller, season, new RequestFilter(), cancellationToken).ConfigureAwait(false);
        var (shown, next) = page.Cut([.. requests.Reverse()], r => r.Id);
        var snapshot = await SnapshotAsync(season, shown, cancellationToken).ConfigureAwait(false);
        return ([.. shown.Select(r => View(caller, r, snapshot, keep: true))], next, requests.Count);
    }

    /// <summary>How many of the requests the caller may see stand at each status (what the home page counts), no request viewed.</summary>
    public async Task<IReadOnlyDictionary<RequestStatus, int>> CountByStatusAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        var standings = await StandingsAsync(caller, season, new RequestFilter(), cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<RequestStatus>().ToDictionary(s => s, s => standings.WithStatus(s).Count);
    }

    /// <summary>One page of the review queue (<see cref="ReviewQueueAsync(Caller, int, CancellationToken)"/>), filtered by service or period.</summary>
    public async Task<(IReadOnlyList<RequestView> Items, string? Next)> ReviewQueueAsync(Caller caller, int season, RequestFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var standings = await StandingsAsync(caller, season, filter, cancellationToken).ConfigureAwait(false);
        var (shown, next) = page.Cut(standings.Queue, r => r.Id);
        var snapshot = await SnapshotAsync(season, shown, cancellationToken).ConfigureAwait(false);
        return ([.. shown.Select(r => View(caller, r, snapshot, keep: true))], next);
    }

    /// <summary>
    /// How many requests wait in the review queue (of one service's items when <paramref name="serviceId"/> is given), as
    /// the pages count them: from the standings, no request viewed. Asked for a caller who sees every request (technical
    /// services, the project cell, <see cref="Caller.System"/> reading a season ahead at start), it works out the season's
    /// standings once, which the following reads then follow.
    /// </summary>
    public async Task<int> CountQueueAsync(Caller caller, int season, string? serviceId = null, CancellationToken cancellationToken = default) =>
        (await StandingsAsync(caller, season, new RequestFilter(ServiceId: serviceId), cancellationToken).ConfigureAwait(false)).Queue.Count;

    /// <summary>
    /// What the pages name other requests by (a line's competitors): each one's event title and organiser, for those of
    /// <paramref name="ids"/> the caller may see; no allocation, no view.
    /// </summary>
    public async Task<IReadOnlyList<(string Id, string EventTitle, string OrganiserId)>> NamesAsync(Caller caller, int season, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return [.. (await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false))
            .Select(r => r.Value).Where(r => wanted.Contains(r.Id) && MaySee(caller, r)).Select(r => (r.Id, r.EventTitle, r.OrganiserId))];
    }

    /// <summary>
    /// The requests the caller may see that pass the filter's stored fields, each with where it stands (what each line
    /// gets, no explanation: a page explains its own requests). Every request of the season, as technical services list
    /// it, is worked out once per list of requests and allocations (<see cref="_standings"/>).
    /// </summary>
    private async Task<StandingsShown> StandingsAsync(Caller caller, int season, RequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!SeesAll(caller) || filter is not { EventId: null, From: null, To: null })
        {
            var requests = await FilteredAsync(caller, season, filter, cancellationToken).ConfigureAwait(false);
            var quantities = await AllocationSnapshot.LoadAsync(_store, _events, season, requests.SelectMany(r => r.Lines.Select(l => l.ItemId)), AllocationSettings.Unexplained, cancellationToken).ConfigureAwait(false);
            return new StandingsShown(new Standings(requests, quantities), null);
        }

        // Technical services' lists, whole or for one service: the season's standings, kept and followed, then cut.
        var items = await ServiceItemsAsync(season, filter.ServiceId, cancellationToken).ConfigureAwait(false);
        return new StandingsShown(await SeasonStandingsAsync(season, cancellationToken).ConfigureAwait(false), items);
    }

    /// <summary>The standings of a season's requests, or of those with a line on one of <paramref name="Items"/> (a service's).</summary>
    private sealed record StandingsShown(Standings All, IReadOnlySet<string>? Items)
    {
        public IReadOnlyList<StoredRequest> Queue => Items is null ? All.Queue : [.. All.Queue.Where(Claims)];

        public IReadOnlyList<StoredRequest> WithStatus(RequestStatus status) => Items is null ? All.WithStatus(status) : [.. All.WithStatus(status).Where(Claims)];

        private bool Claims(StoredRequest request) => request.Lines.Any(l => Items!.Contains(l.ItemId));
    }

    /// <summary>The items a service provides (<c>null</c> without a service: every item).</summary>
    private async Task<HashSet<string>?> ServiceItemsAsync(int season, string? serviceId, CancellationToken cancellationToken) =>
        serviceId is null ? null
            : (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Where(i => i.Value.ServiceId == serviceId).Select(i => i.Value.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Where every request of the season stands, worked out once per list of requests and allocations, and followed after a write.</summary>
    private async Task<Standings> SeasonStandingsAsync(int season, CancellationToken cancellationToken)
    {
        var source = await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false);
        var all = await QuantitiesAsync(season, cancellationToken).ConfigureAwait(false);
        var allocations = all.Allocations.OrderBy(a => a.ResourceId, StringComparer.Ordinal).ToArray();
        _standings.TryGetValue(season, out var memo);
        if (memo is not null && ReferenceEquals(memo.Source, source) && memo.Allocations.SequenceEqual(allocations, ReferenceEqualityComparer.Instance) && SameItems(memo.Items, all.Items))
        {
            return memo.Standings;
        }

        // After a write, only the requests it changed, or with an entry that its resource's new allocation changed, are worked
        // out again. A catalogue item changed (its price: the lines' costs) works every request out again.
        var standings = memo is null || !SameItems(memo.Items, all.Items)
            ? new Standings(CreationOrder.Of(source), all)
            : new Standings(CreationOrder.Of(source), all, memo.Standings, source, ChangedRequests(memo.Allocations, allocations));
        _standings[season] = new StandingsMemo(source, allocations, all.Items, standings);
        return standings;
    }

    private sealed record StandingsMemo(IReadOnlyList<Versioned<StoredRequest>> Source, ResourceAllocation[] Allocations, IReadOnlyDictionary<string, CatalogItem> Items, Standings Standings);

    /// <summary>Whether two readings of the catalogue hold the same records (an item is parsed again only when written).</summary>
    private static bool SameItems(IReadOnlyDictionary<string, CatalogItem> before, IReadOnlyDictionary<string, CatalogItem> now) =>
        before.Count == now.Count && now.All(i => before.TryGetValue(i.Key, out var was) && ReferenceEquals(was, i.Value));

    /// <summary>The requests with an entry that differs between two snapshots' allocations, resource by resource.</summary>
    private static HashSet<string> ChangedRequests(ResourceAllocation[] before, ResourceAllocation[] after)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var was = before.ToDictionary(a => a.ResourceId, StringComparer.Ordinal);
        foreach (var now in after)
        {
            if (!was.Remove(now.ResourceId, out var then))
            {
                changed.UnionWith(now.Quantities().Select(q => q.Entry.RequestId));
            }
            else if (!ReferenceEquals(then, now))
            {
                changed.UnionWith(now.RequestsChangedSince(then));
            }
        }

        // Resources no longer allocated at all.
        changed.UnionWith(was.Values.SelectMany(a => a.Quantities().Select(q => q.Entry.RequestId)));
        return changed;
    }

    /// <summary>Requests in creation order with where each stands (worked out once), and the review queue among them.</summary>
    private sealed class Standings
    {
        private readonly StoredRequest[] _requests;
        private readonly RequestStanding[] _of;
        private readonly Lazy<(StoredRequest Request, PriorityClass Priority)[]> _queue;
        private StoredRequest[]? _queueRequests;
        private RequestLineOutcome[]? _lineOutcomes;

        public Standings(IReadOnlyList<StoredRequest> requests, AllocationSnapshot snapshot)
        {
            _requests = requests as StoredRequest[] ?? [.. requests];
            _of = [.. _requests.Select(r => StandingOf(r, snapshot))];
            _queue = new(() => InQueue(Enumerable.Range(0, _requests.Length)));
        }

        /// <summary>
        /// Where each request stands after a write, taken from <paramref name="before"/> for a request read the same (the
        /// same record) that <paramref name="changed"/> does not name (its entries on the resources allocated anew stand as
        /// they stood): nothing else tells where a request stands. The queue follows the same way when
        /// <paramref name="before"/> had made its own. Both creation orders are walked side by side comparing records by
        /// reference, and the queue is cut and merged by binary search: no request of the season but the written and
        /// changed ones is read (a write touches a few of them; reading every one of 11,000 costs a cache miss each).
        /// </summary>
        public Standings(StoredRequest[] requests, AllocationSnapshot snapshot, Standings before, IReadOnlyList<Versioned<StoredRequest>> byId, IReadOnlySet<string> changed)
        {
            _requests = requests;
            _of = new RequestStanding[requests.Length];
            var old = before._requests;
            var redone = new bool[requests.Length];
            var dropped = new List<int>();
            var (i, j) = (0, 0);
            while (i < requests.Length || j < old.Length)
            {
                if (i < requests.Length && j < old.Length && ReferenceEquals(requests[i], old[j]))
                {
                    _of[i++] = before._of[j++];
                    continue;
                }

                // Both lists are in creation order: the earlier of the two is the one the other list lacks (same place: a new version).
                var order = i == requests.Length ? 1 : j == old.Length ? -1 : CreationOrder.ByCreation.Compare(requests[i], old[j]);
                if (order <= 0)
                {
                    redone[i++] = true;
                }

                if (order >= 0)
                {
                    dropped.Add(j++);
                }
            }

            // Requests read the same whose entries the new allocations changed.
            foreach (var id in changed)
            {
                var at = IndexOf(byId, id) is { } k && Array.BinarySearch(requests, byId[k].Value, CreationOrder.ByCreation) is var c and >= 0 ? c : -1;
                if (at >= 0 && !redone[at])
                {
                    redone[at] = true;
                    dropped.Add(Array.BinarySearch(old, requests[at], CreationOrder.ByCreation));
                }
            }

            var again = Enumerable.Range(0, requests.Length).Where(k => redone[k]).ToArray();
            foreach (var k in again)
            {
                _of[k] = StandingOf(requests[k], snapshot);
            }

            if (!before._queue.IsValueCreated)
            {
                // Not followed: made from these standings when asked (no chain of earlier standings kept alive meanwhile).
                _queue = new(() => InQueue(Enumerable.Range(0, _requests.Length)));
                return;
            }

            // The queue before, without the requests dropped or worked out again, with those of them that wait put in their place.
            var queue = before._queue.Value;
            var leaving = dropped.Where(k => before._of[k].InQueue)
                .Select(k => Array.BinarySearch(queue, (old[k], before._of[k].Priority), QueueComparer))
                .Where(q => q >= 0).Order().Distinct().ToArray();
            var added = InQueue(again);
            var merged = new (StoredRequest Request, PriorityClass Priority)[queue.Length - leaving.Length + added.Length];
            var (m, l, a) = (0, 0, 0);
            for (var q = 0; q <= queue.Length; q++)
            {
                while (a < added.Length && (q == queue.Length || QueueOrder(added[a], queue[q]) < 0))
                {
                    merged[m++] = added[a++];
                }

                if (q < queue.Length && (l == leaving.Length || leaving[l] != q))
                {
                    merged[m++] = queue[q];
                }
                else if (q < queue.Length)
                {
                    l++;
                }
            }

            _queue = new(merged);
        }

        /// <summary>Where the request with this id is in a list in id order (the store's), if it is.</summary>
        private static int? IndexOf(IReadOnlyList<Versioned<StoredRequest>> byId, string id)
        {
            var (lo, hi) = (0, byId.Count - 1);
            while (lo <= hi)
            {
                var mid = lo + ((hi - lo) / 2);
                var order = string.CompareOrdinal(byId[mid].Value.Id, id);
                if (order == 0)
                {
                    return mid;
                }

                (lo, hi) = order < 0 ? (mid + 1, hi) : (lo, mid - 1);
            }

            return null;
        }

        public IReadOnlyList<StoredRequest> Queue => _queueRequests ??= [.. _queue.Value.Select(q => q.Request)];

        /// <summary>Every submitted line's decision and cost, in the requests' creation order (drafts are not counted).</summary>
        public IReadOnlyList<RequestLineOutcome> LineOutcomes => _lineOutcomes ??= [.. _requests.Select((r, i) => (r, i)).Where(x => x.r.Stage != RequestStatus.Draft).SelectMany(x => _of[x.i].Lines)];

        public IReadOnlyList<StoredRequest> WithStatus(RequestStatus status) => [.. _requests.Where((_, i) => _of[i].Status == status)];

        // Lines waiting for a decision or flagged for one again, in priority order (agenda, city, others; earlier complete submission first).
        private (StoredRequest Request, PriorityClass Priority)[] InQueue(IEnumerable<int> among)
        {
            var queue = among.Where(i => _of[i].InQueue).Select(i => (_requests[i], _of[i].Priority)).ToArray();
            Array.Sort(queue, QueueOrder);
            return queue;
        }

        private static readonly IComparer<(StoredRequest Request, PriorityClass Priority)> QueueComparer = Comparer<(StoredRequest Request, PriorityClass Priority)>.Create(QueueOrder);

        private static int QueueOrder((StoredRequest Request, PriorityClass Priority) x, (StoredRequest Request, PriorityClass Priority) y)
        {
            var order = ((int)x.Priority).CompareTo((int)y.Priority);
            order = order != 0 ? order : Nullable.Compare(x.Request.SubmittedAt, y.Request.SubmittedAt);
            return order != 0 ? order : string.CompareOrdinal(x.Request.Id, y.Request.Id);
        }
    }

    /// <summary>The stored requests the caller may see that pass the filter's stored fields, in creation order.</summary>
    private async Task<IReadOnlyList<StoredRequest>> FilteredAsync(Caller caller, int season, RequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var stored = filter.EventId is { } eventId
            ? await _store.Requests.ListWhereAsync(LogisticsStore.SeasonKey(season), LogisticsStore.RequestPrefix, "EventId", eventId, cancellationToken).ConfigureAwait(false)
            : await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false);
        var inOrder = filter.EventId is null ? CreationOrder.Of(stored) : CreationOrder.Sorted(stored.Select(r => r.Value));
        if (SeesAll(caller) && filter is { ServiceId: null, From: null, To: null })
        {
            // The whole list as it is kept (not copied at every page: at a season's scale that copy alone is a large object).
            return inOrder;
        }

        var services = await ServiceItemsAsync(season, filter.ServiceId, cancellationToken).ConfigureAwait(false);
        return [.. inOrder
            .Where(r => MaySee(caller, r))
            .Where(r => services is null || r.Lines.Any(l => services.Contains(l.ItemId)))
            .Where(r => filter.From is not { } from || r.Lines.Any(l => DateOnly.FromDateTime(l.Pickup.DateTime) >= from))
            .Where(r => filter.To is not { } to || r.Lines.Any(l => DateOnly.FromDateTime(l.Delivery.DateTime) <= to))];
    }

    /// <summary>The resources of these requests' lines, read and allocated (once per state of each resource).</summary>
    /// <remarks>
    /// A page of requests explains only its own lines, unless the resource was allocated with every line explained since its
    /// last change; many requests (a list's page of 1,000) share the allocation explaining every line, kept until the next
    /// change: the list and the queue read after a write then share one explanation of each resource it changed.
    /// </remarks>
    private Task<AllocationSnapshot> SnapshotAsync(int season, IReadOnlyList<StoredRequest> requests, CancellationToken cancellationToken) =>
        AllocationSnapshot.LoadAsync(
            _store,
            _events,
            season,
            requests.SelectMany(r => r.Lines.Select(l => l.ItemId)),
            requests.Count > PageExplainedAlone ? null : AllocationSettings.ExplainingRequests(requests.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)),
            cancellationToken);

    // Beyond this many requests shown at once, explaining every line once (and keeping it) costs less than explaining them apart.
    private const int PageExplainedAlone = 200;

    /// <summary>Every resource of the season allocated as figures and standings need it: what each line gets, explaining none.</summary>
    private Task<AllocationSnapshot> QuantitiesAsync(int season, CancellationToken cancellationToken) =>
        AllocationSnapshot.LoadAsync(_store, _events, season, null, AllocationSettings.Unexplained, cancellationToken);

    /// <summary>Where a request stands, for the lists' filters and order: its status, priority and whether it waits for technical services.</summary>
    /// <param name="Lines">Each line's decision and cost as the request's view shows them (the COPIL's figures).</param>
    private readonly record struct RequestStanding(RequestStatus Status, PriorityClass Priority, bool Flagged, RequestLineOutcome[] Lines)
    {
        public bool InQueue => Status is RequestStatus.Submitted or RequestStatus.UnderReview || Flagged;
    }

    private static RequestStanding StandingOf(StoredRequest request, AllocationSnapshot snapshot)
    {
        var priority = PriorityClass.Other;
        var flagged = false;
        var decisions = new LineDecisionKind[request.Lines.Count];
        var outcomes = new RequestLineOutcome[request.Lines.Count];
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var standing = LineStandingOf(request, line, snapshot);
            priority = standing.Outcome?.Entry.Class ?? priority;
            flagged |= standing.Flags.Count > 0;
            decisions[i] = standing.Decision;
            outcomes[i] = new RequestLineOutcome(
                request.Id,
                line.LineId,
                request.OrganiserId,
                request.OrganiserKind,
                DecisionNames[(int)standing.Decision],
                line.Quantity,
                standing.Granted,
                CostOf(snapshot.Items.GetValueOrDefault(line.ItemId), line, standing.Decision, standing.Granted));
        }

        return new RequestStanding(RequestLifecycle.StatusOf(request.Stage, decisions), priority, flagged, outcomes);
    }

    // A line decision as the API names it (camelCase), by value.
    private static readonly string[] DecisionNames = [.. Enum.GetValues<LineDecisionKind>().OrderBy(d => (int)d).Select(d => JsonNamingPolicy.CamelCase.ConvertName(d.ToString()))];

    /// <summary>
    /// Where a line stands in a snapshot: the allocator's outcome, the decision as it was decided (a pending line is granted
    /// nothing yet) and its flags. A decision stands as it was decided: when the stock or capacity no longer holds it, the
    /// line is flagged for technical services, never silently cut.
    /// </summary>
    private static (AllocationOutcome? Outcome, AllocationState State, int Granted, LineDecisionKind Decision, IReadOnlyList<Reason> Flags) LineStandingOf(StoredRequest request, RequestLine line, AllocationSnapshot snapshot)
    {
        var outcome = snapshot.Outcome(line.ItemId, request.Id, line.LineId);
        var entry = outcome?.Entry;
        var state = entry?.State ?? AllocationState.Pending;
        var granted = state == AllocationState.Pending ? 0 : entry?.Granted ?? 0;
        IReadOnlyList<Reason> flags = line.Flags ?? [];
        if (entry is { Holds: true } && outcome is not null && outcome.Available < entry.Granted)
        {
            flags = [.. flags, NoLongerFits(line, outcome)];
        }

        var decision = request.Stage == RequestStatus.Draft ? LineDecisionKind.Pending : RequestLifecycle.LineDecision(state, granted, line.Quantity);
        return (outcome, state, granted, decision, flags);
    }

    /// <summary>
    /// The review queue: requests with lines waiting for a decision or flagged for one again (their event changed,
    /// the stock no longer holds a grant), in priority order (agenda, city, others; earlier complete submission first), each line with the allocator's proposal,
    /// its conflicts and the nearest alternative.
    /// </summary>
    public async Task<IReadOnlyList<RequestView>> ReviewQueueAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        return [.. (await ListAsync(caller, season, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status is RequestStatus.Submitted or RequestStatus.UnderReview || r.Lines.Any(l => l.Flags.Count > 0))
            .OrderBy(r => r.PriorityClass).ThenBy(r => r.SubmittedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every line's loan window against its event (<see cref="CatalogItem.CheckLoan"/>), in the season's local time.</summary>
    private static Decision CheckLoans(StoredRequest request, EventSummary ev, TimeZoneInfo zone, IReadOnlyDictionary<string, CatalogItem> items)
    {
        var decisions = new List<Decision>();
        foreach (var line in request.Lines)
        {
            if (items.TryGetValue(line.ItemId, out var item))
            {
                decisions.Add(item.CheckLoan(
                    TimeZoneInfo.ConvertTime(ev.Start, zone),
                    TimeZoneInfo.ConvertTime(ev.End, zone),
                    TimeZoneInfo.ConvertTime(line.Delivery, zone),
                    TimeZoneInfo.ConvertTime(line.Pickup, zone)));
            }
        }

        return Decision.All(decisions);
    }

    public async Task<Outcome<RequestView>> SubmitAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (found, refusal) = await ForChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        if (found.Value.Stage != RequestStatus.Draft)
        {
            return Outcome<RequestView>.Conflict("La demande a déjà été soumise.");
        }

        return await SubmitCoreAsync(caller, season, found.Value, found.ETag, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Submits a request (a stored draft read with <paramref name="draftETag"/>, or a new one when it is
    /// null) in <b>one transaction</b>: the request as submitted with its final state, each line's claim,
    /// and the stock head of every resource it claims. The fast procedure is decided on the same reads:
    /// its approvals are written with the claims, so the request says "fast-tracked" exactly when all
    /// its lines were granted. A concurrent change of the same stock makes the transaction fail on the
    /// head's If-Match; everything is then read and decided again.
    /// </summary>
    private async Task<Outcome<RequestView>> SubmitCoreAsync(Caller caller, int season, StoredRequest draft, ETag? draftETag, SubmissionReads? known, CancellationToken cancellationToken)
    {
        var seasonSummary = known?.Season ?? await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false);
        var (ev, events) = known is { } read ? (read.Event, read.Events) : await _events.FindAmongAllAsync(season, draft.EventId, cancellationToken).ConfigureAwait(false);
        if (seasonSummary is null || ev is null)
        {
            return Outcome<RequestView>.NotFound($"L'événement « {draft.EventId} » n'existe plus.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(seasonSummary.TimeZoneId);
        var items = known?.Items ?? await _store.CatalogueAsync(season, cancellationToken).ConfigureAwait(false);
        if (draft.Lines.FirstOrDefault(l => !items.ContainsKey(l.ItemId)) is { } gone)
        {
            return Outcome<RequestView>.Refused("Un article demandé n'est plus au catalogue : rien n'a été déposé.", [new Reason("item-removed", $"Ligne {gone.LineId} : l'article « {gone.ItemId} » n'est plus au catalogue.")], "lines");
        }

        var loans = CheckLoans(draft, ev, zone, items);
        if (loans.IsRefused)
        {
            return Outcome<RequestView>.Refused("Des dates de prêt ne correspondent pas à l'événement : rien n'a été déposé.", loans.Reasons, "lines");
        }

        var now = _time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var eventDay = DateOnly.FromDateTime(ev.Start.DateTime);
        var policy = await _store.GetPolicyAsync(season, cancellationToken).ConfigureAwait(false);
        var dueBy = policy.LeadTimes.DueBy(eventDay, ev.SizeClass, _destination.WorkingDays);
        var late = today > dueBy;
        var priority = LogisticsPriority.ClassOf(ev.InTourismAgenda, ev.OrganiserKind);
        var inSeason = seasonSummary.Contains(eventDay);
        var classes = AllocationSnapshot.ClassesOf(events);
        var submitted = draft with
        {
            Stage = RequestStatus.Submitted,
            SubmittedAt = now,
            Late = late,
            DueBy = dueBy,
            History = [.. draft.History, new RequestHistoryEntry(now, caller.Id, "submitted", late ? "Déposée après le délai de prévenance" : null)],
        };
        var claims = submitted.Lines.Select(line =>
        {
            var (start, end) = items[line.ItemId].Occupancy(line.Delivery, line.Pickup);
            return new AllocationEntry(submitted.Id, line.LineId, submitted.EventId, submitted.OrganiserId, priority, now, start, end, line.Quantity, 0, AllocationState.Pending)
            {
                EventStart = ev.Start,
                EventEnd = ev.End,
            };
        }).ToList();

        var before = draftETag is null ? null : View(caller, draft, new AllocationSnapshot(items));
        var outcome = await _store.GatedAsync(season, draft.Lines.Select(l => l.ItemId), () => OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var heads = await _store.ListStocksAsync(season, ct).ConfigureAwait(false);
                var reads = new Dictionary<string, ItemAllocations>(StringComparer.Ordinal);
                foreach (var itemId in draft.Lines.Select(l => l.ItemId).Distinct(StringComparer.Ordinal))
                {
                    reads[itemId] = await _store.ReadAllocationsAsync(season, itemId, heads.GetValueOrDefault(itemId), ct).ConfigureAwait(false);
                }

                var plan = PlanSubmission(submitted, claims, items, reads, classes, heads, policy, late, inSeason);
                var request = submitted with
                {
                    FastTrack = plan.FastTrack,
                    Reasons = plan.Reasons,
                    History = [.. submitted.History, new RequestHistoryEntry(now, plan.FastTrack ? "system" : caller.Id, plan.FastTrack ? "fast-track-approved" : "queued-for-review", plan.Reasons[0].Message)],
                };
                var write = new RequestWrite(request, draftETag);
                if (TooLarge(write, plan.Writes) is { } tooLarge)
                {
                    return (Request: request, ETag: default(ETag), Snapshot: plan.Snapshot, Refusal: tooLarge, View: (RequestView?)null, Audit: (PendingAudit?)null);
                }

                // The request as it will read, and the record of it, written in the same transaction.
                var view = View(caller, request, plan.Snapshot);
                var audit = Audit(caller, season, new AuditRecord("logistics.request.submit", Target(request), before, view));
                try
                {
                    var etag = await _store.CommitAsync(season, write, plan.Writes, audit, ct).ConfigureAwait(false);
                    return (Request: request, ETag: etag!.Value, Snapshot: plan.Snapshot, Refusal: (Outcome<RequestView>?)null, View: view, Audit: audit);
                }
                catch (TableStoreException e) when (draftETag is not null && e.FailedActionIndex == 0 && (e.IsPreconditionFailed || e.IsNotFound))
                {
                    return (Request: request, ETag: default(ETag), Snapshot: plan.Snapshot, Refusal: Outcome<RequestView>.Stale(), View: view, Audit: audit);
                }
            },
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outcome.Refusal is not null)
        {
            return outcome.Refusal;
        }

        await _audit.CompleteAsync(outcome.Audit!, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Ok(outcome.View!, outcome.ETag);
    }

    /// <summary>What a submission reads before its resources, when the request was created with it: its season, its event, every event, the catalogue.</summary>
    private sealed record SubmissionReads(SeasonSummary Season, EventSummary Event, IReadOnlyList<EventSummary> Events, IReadOnlyDictionary<string, CatalogItem> Items);

    /// <summary>What a submission writes, decided on one read of its resources (pure: no I/O).</summary>
    private static SubmissionPlan PlanSubmission(
        StoredRequest request,
        IReadOnlyList<AllocationEntry> claims,
        IReadOnlyDictionary<string, CatalogItem> items,
        IReadOnlyDictionary<string, ItemAllocations> reads,
        IReadOnlyDictionary<string, PriorityClass> classes,
        IReadOnlyDictionary<string, Versioned<StockHead>> heads,
        CatalogPolicy policy,
        bool late,
        bool inSeason)
    {
        var itemOf = request.Lines.ToDictionary(l => l.LineId, l => l.ItemId, StringComparer.Ordinal);
        var claimsOf = reads.Keys.ToDictionary(itemId => itemId, itemId => claims.Where(c => itemOf[c.LineId] == itemId).ToList(), StringComparer.Ordinal);
        var explain = AllocationSettings.ExplainingRequest(request.Id);

        // A resource's new claims ranked after all its claims are placed on the load they leave; others are allocated again
        // with the resource's claims (the same answer, in O(n log n)), keeping their load for the next claim.
        var steps = claimsOf.ToDictionary(c => c.Key, c => Step(c.Key, c.Value, (placement, ranked) => placement.WithPending(ranked, explain)), StringComparer.Ordinal);

        PlacementStep Step(string itemId, IEnumerable<AllocationEntry> mine, Func<AllocationPlacement, List<AllocationEntry>, ResourceAllocation?> place)
        {
            // The request's claims with the events' classes, in priority order (line ids are not: l10 < l2).
            List<AllocationEntry> ranked = [.. mine.Select(c => AllocationSnapshot.WithClass(c, classes)).Order(Comparer<AllocationEntry>.Create(LogisticsPriority.Compare))];
            var capacity = items[itemId].Capacity;
            return reads[itemId].PlacementFor(ranked[0], classes, capacity) is { } placement && place(placement, ranked) is { } next
                ? new PlacementStep(classes, placement, next)
                : new PlacementStep(classes, AllocationPlacement.Of(itemId, capacity, reads[itemId].LedgerWith(classes).With(ranked).Entries, explain)!);
        }

        // The fast procedure: small, standard, on time, in stock without displacing anyone, within envelopes.
        var consumed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (itemId, head) in heads)
        {
            if (items.TryGetValue(itemId, out var item))
            {
                consumed[item.ServiceId] = consumed.GetValueOrDefault(item.ServiceId) + head.Value.Consumed;
            }
        }

        var fastLines = request.Lines.Select(l =>
        {
            var item = items[l.ItemId];
            var outcome = steps[l.ItemId].Allocation.Find(request.Id, l.LineId);
            return new FastProcedureLine(item.Id, item.Name, item.ServiceId, l.Quantity, item.CostOf(l.Quantity, l.Delivery, l.Pickup), outcome is not null && outcome.AvailableWithoutDisplacement >= l.Quantity);
        }).ToList();
        var envelopes = policy.Envelopes.ToDictionary(e => e.ServiceId, e => new EnvelopeUse(e.Amount, consumed.GetValueOrDefault(e.ServiceId)), StringComparer.Ordinal);
        var fast = FastProcedure.Evaluate(new FastProcedureInput(request.OrganiserKind, !late, policy.LevelFor(request.OrganiserKind, inSeason), fastLines, envelopes));
        var final = claimsOf;
        if (fast.IsAccepted)
        {
            var approved = claimsOf.ToDictionary(
                c => c.Key,
                c => c.Value.Select(claim => claim with { State = AllocationState.Approved, Granted = claim.Requested, Reasons = fast.Reasons }).ToList(),
                StringComparer.Ordinal);

            // A grant placed last that fits in what the others leave displaces nobody (else allocated again, and checked).
            var granted = approved.ToDictionary(a => a.Key, a => Step(a.Key, a.Value, (placement, ranked) => placement.WithGranted(ranked, explain)), StringComparer.Ordinal);

            // The fast procedure never displaces anyone: it approves only what is free now. The steps not taken give their
            // load back.
            if (granted.Any(g => !g.Value.Allocation.DisplacedKeys().SetEquals(steps[g.Key].Allocation.DisplacedKeys())))
            {
                fast = Decision.Refused(new Reason("stock", "Le stock a été pris par une autre demande pendant le dépôt : instruction par les services techniques."));
                Drop(granted);
            }
            else
            {
                Drop(steps);
                (final, steps) = (approved, granted);
            }

            static void Drop(Dictionary<string, PlacementStep> unused)
            {
                foreach (var step in unused.Values)
                {
                    step.Drop();
                }
            }
        }

        var snapshot = new AllocationSnapshot(items);
        var writes = new List<ItemWrite>();
        foreach (var (itemId, mine) in final)
        {
            var allocation = steps[itemId].Allocation;
            snapshot.Add(reads[itemId], allocation);
            writes.Add(new ItemWrite(reads[itemId], AllocationSnapshot.NextHead(reads[itemId].Head, items[itemId], allocation), [.. mine.Select(c => new StoredAllocation(itemId, c))])
            {
                Placing = steps[itemId],
            });
        }

        IReadOnlyList<Reason> reasons = fast.IsAccepted
            ? fast.Reasons
            : [new Reason("review", "Demande transmise aux services techniques pour instruction."), .. fast.Reasons];
        return new SubmissionPlan(fast.IsAccepted, reasons, writes, snapshot);
    }

    private sealed record SubmissionPlan(bool FastTrack, IReadOnlyList<Reason> Reasons, IReadOnlyList<ItemWrite> Writes, AllocationSnapshot Snapshot);

    /// <summary>The refusal of a change that would not fit in one entity-group transaction (100 entities on the Table service).</summary>
    private static Outcome<RequestView>? TooLarge(RequestWrite? request, IReadOnlyList<ItemWrite> writes)
    {
        var count = LogisticsStore.CountOf(request, writes);
        return count <= TableRules.MaxTransactionActions
            ? null
            : Outcome<RequestView>.Refused(
                "Cette opération modifierait trop d'enregistrements pour être faite d'un seul tenant : rien n'a été enregistré.",
                [new Reason("transaction-too-large", string.Create(CultureInfo.InvariantCulture, $"{count} enregistrements à écrire ensemble (demande, lignes, stocks et lignes déplacées), {TableRules.MaxTransactionActions} au plus : scindez la demande ou la décision."))],
                "lines");
    }

    /// <summary>Technical services decide lines: approve (all or part) or refuse, each with its reason. An approval beyond what is available is refused with the alternative.</summary>
    public async Task<Outcome<RequestView>> DecideAsync(Caller caller, int season, string id, ETag ifMatch, IReadOnlyList<LineDecisionInput>? decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (found, refusal) = await ForChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var request = found.Value;
        if (decisions is not { Count: > 0 })
        {
            return Outcome<RequestView>.Invalid("lines", "Indiquez au moins une décision de ligne.");
        }

        var read = await SnapshotAsync(request, cancellationToken).ConfigureAwait(false);
        var before = View(caller, request, read);
        if (before.Status is not (RequestStatus.Submitted or RequestStatus.UnderReview))
        {
            return Outcome<RequestView>.Conflict($"Une demande « {RequestLifecycle.Label(before.Status)} » n'attend pas de décision.");
        }

        var planned = new List<PlannedDecision>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            var line = request.Lines.FirstOrDefault(l => l.LineId == d.LineId);
            if (line is null)
            {
                return Outcome<RequestView>.Invalid(field + ".lineId", $"La ligne « {d.LineId} » n'existe pas dans cette demande.");
            }

            if (await OutOfScopeAsync(caller, season, line, cancellationToken).ConfigureAwait(false) is { } outOfScope)
            {
                return outOfScope;
            }

            if (planned.Any(p => p.Line.LineId == line.LineId))
            {
                return Outcome<RequestView>.Invalid(field + ".lineId", $"La ligne « {d.LineId} » est décidée deux fois.");
            }

            if (before.Lines.Single(l => l.LineId == line.LineId).Decision != LineDecisionKind.Pending)
            {
                return Outcome<RequestView>.Conflict($"La ligne « {line.LineId} » est déjà décidée : une modification passe par une décision motivée (override).");
            }

            if (d.Decision is not { } verb)
            {
                return Outcome<RequestView>.Invalid(field + ".decision", "La décision vaut « approve » ou « refuse ».");
            }

            var approve = verb == DecisionVerb.Approve;

            var quantity = approve ? d.Quantity ?? line.Quantity : 0;
            if (approve && (quantity < 1 || quantity > line.Quantity))
            {
                return Outcome<RequestView>.Invalid(field + ".quantity", $"La quantité accordée est comprise entre 1 et {line.Quantity}.");
            }

            if ((!approve || quantity < line.Quantity) && string.IsNullOrWhiteSpace(d.Reason))
            {
                return Outcome<RequestView>.Invalid(field + ".reason", "Un refus ou un accord partiel est motivé.");
            }

            if (d.Reason is { Length: > 500 })
            {
                return Outcome<RequestView>.Invalid(field + ".reason", "Le motif fait au plus 500 caractères.");
            }

            var reason = approve
                ? new Reason(quantity < line.Quantity ? "partly-approved" : "approved", string.IsNullOrWhiteSpace(d.Reason) ? "Accordée par les services techniques." : d.Reason.Trim())
                : new Reason("refused", d.Reason!.Trim());
            planned.Add(new PlannedDecision(line, approve, quantity, reason));
        }

        var now = _time.GetUtcNow();
        var items = read.Items;
        var classes = read.Classes;
        var decidedLines = planned.Select(p => p.Line.LineId).ToHashSet(StringComparer.Ordinal);
        var next = request with
        {
            Stage = request.Stage == RequestStatus.Submitted ? RequestStatus.UnderReview : request.Stage,
            Lines = [.. request.Lines.Select(l => decidedLines.Contains(l.LineId) && l.Flags is not null ? l.WithFlags(null) : l)],
            History = [.. request.History, .. planned.Select(p => new RequestHistoryEntry(now, caller.Id, p.Approve ? "line-approved" : "line-refused", p.Line.LineId + " : " + p.Reason.Message))],
        };

        // Every line decided, every claim it displaces, every stock head: one transaction, or nothing.
        var outcome = await _store.GatedAsync(season, planned.Select(p => p.Line.ItemId), () => OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var heads = await _store.ListStocksAsync(season, ct).ConfigureAwait(false);
                var writes = new List<ItemWrite>();
                var displaced = new List<AllocationEntry>();
                var snapshot = new AllocationSnapshot(items);
                foreach (var group in planned.GroupBy(p => p.Line.ItemId))
                {
                    var claims = await _store.ReadAllocationsAsync(season, group.Key, heads.GetValueOrDefault(group.Key), ct).ConfigureAwait(false);
                    var decided = DecideItem(request, group.ToList(), items[group.Key], claims, read.AllocationFor(claims), classes, caller, now);
                    if (decided.Short is { } shortLine)
                    {
                        return (ETag: default(ETag), View: (RequestView?)null, Audit: (PendingAudit?)null, Refusal: (Outcome<RequestView>?)Short(shortLine.Line, shortLine.Outcome));
                    }

                    writes.Add(decided.Write!);
                    displaced.AddRange(decided.Displaced);
                    snapshot.Add(claims, decided.Allocation!);
                }

                var write = new RequestWrite(next, ifMatch);
                if (TooLarge(write, writes) is { } tooLarge)
                {
                    return (ETag: default(ETag), View: null, Audit: null, Refusal: tooLarge);
                }

                // The decision and each claim it displaces are recorded in the same transaction.
                var view = View(caller, next, snapshot);
                var audit = Audit(caller, season, [
                    new AuditRecord("logistics.request.decide", Target(request), before, view),
                    .. displaced.Select(entry => new AuditRecord(
                        "logistics.allocation.displaced",
                        string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/requests/{entry.RequestId}/{entry.LineId}"),
                        null,
                        entry,
                        entry.Reasons.Count > 0 ? entry.Reasons[^1].Message : "Allocation réduite.")),
                ]);
                try
                {
                    var etag = await _store.CommitAsync(season, write, writes, audit, ct).ConfigureAwait(false);
                    return (ETag: etag!.Value, View: view, Audit: audit, Refusal: (Outcome<RequestView>?)null);
                }
                catch (TableStoreException e) when (e.FailedActionIndex == 0 && (e.IsPreconditionFailed || e.IsNotFound))
                {
                    return (ETag: default(ETag), View: view, Audit: audit, Refusal: Outcome<RequestView>.Stale());
                }
            },
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outcome.Refusal is not null)
        {
            return outcome.Refusal;
        }

        await _audit.CompleteAsync(outcome.Audit!, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Ok(outcome.View!, outcome.ETag);
    }

    private sealed record PlannedDecision(RequestLine Line, bool Approve, int Quantity, Reason Reason);

    private sealed record ItemDecision(ItemWrite? Write, ResourceAllocation? Allocation, IReadOnlyList<AllocationEntry> Displaced, (RequestLine Line, AllocationOutcome? Outcome)? Short);

    /// <summary>
    /// The decisions on one resource's lines, on one read of its claims (pure): every approval must fit
    /// (else the line is short and nothing is written); unconfirmed grants it displaces are written too,
    /// each with a note for its own request's history.
    /// </summary>
    private static ItemDecision DecideItem(StoredRequest request, IReadOnlyList<PlannedDecision> group, CatalogItem item, ItemAllocations read, ResourceAllocation? current, IReadOnlyDictionary<string, PriorityClass> classes, Caller caller, DateTimeOffset now)
    {
        // Priority as it stands now: an event validated into the agenda since submission moves up.
        var explain = AllocationSettings.ExplainingRequest(request.Id);
        var ledger = read.LedgerWith(classes);
        current ??= read.AllocatedFor(classes, item.Capacity, explain);
        foreach (var p in group.Where(p => p.Approve))
        {
            var outcome = current.Find(request.Id, p.Line.LineId);
            if (outcome is null || outcome.Available < p.Quantity)
            {
                return new ItemDecision(null, null, [], (p.Line, outcome));
            }
        }

        var changed = group.Select(p => ledger.Find(request.Id, p.Line.LineId)! with
        {
            State = p.Approve ? AllocationState.Approved : AllocationState.Refused,
            Granted = p.Quantity,
            Reasons = [p.Reason],
        }).ToList();
        var next = ledger.With(changed);
        var allocation = ResourceAllocator.Allocate(item.Id, item.Capacity, next.Entries, explain);
        foreach (var p in group.Where(p => p.Approve))
        {
            var outcome = allocation.Find(request.Id, p.Line.LineId)!;
            if (outcome.Displaced)
            {
                return new ItemDecision(null, null, [], (p.Line, outcome));
            }
        }

        // Only what this decision takes from other grants is written as their displacement; a grant the stock or
        // capacity no longer held before it stays as decided (flagged) until technical services decide it.
        var displaced = allocation.Changed()
            .Where(e => current.Find(e.RequestId, e.LineId) is not { } was || was.Available > e.Granted)
            .ToList();
        var finalAllocation = displaced.Count == 0 ? allocation : ResourceAllocator.Allocate(item.Id, item.Capacity, next.With(displaced).Entries, explain);
        StoredAllocation Stored(AllocationEntry e) => (read.Find(e.Key)?.Value ?? new StoredAllocation(item.Id, e)) with { Entry = e };
        var writes = changed.Select(Stored)
            .Concat(displaced.Select(e => Stored(e).WithNote(new RequestHistoryEntry(now, caller.Id, "line-displaced", e.LineId + " : " + (e.Reasons.Count > 0 ? e.Reasons[^1].Message : "Allocation réduite.")))))
            .ToList();
        return new ItemDecision(new ItemWrite(read, AllocationSnapshot.NextHead(read.Head, item, finalAllocation), writes), finalAllocation, displaced, null);
    }

    /// <summary>Confirms the request's granted lines: from now on only an explicit, audited decision changes them.</summary>
    public async Task<Outcome<RequestView>> ConfirmAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (found, refusal) = await ForChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var request = found.Value;
        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var toConfirm = before.Lines.Where(l => l.Granted > 0 && !l.Confirmed && l.Decision is LineDecisionKind.Approved or LineDecisionKind.PartlyApproved).ToList();
        if (toConfirm.Count == 0)
        {
            return Outcome<RequestView>.Conflict("Aucune ligne accordée à confirmer.");
        }

        // A technician confirms the lines of their own service; the others wait for their service.
        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var mine = toConfirm.Where(l => !items.TryGetValue(l.ItemId, out var item) || DecidesFor(caller, item)).ToList();
        if (mine.Count == 0)
        {
            return Outcome<RequestView>.Forbidden("Les lignes à confirmer relèvent d'autres services : seuls leurs techniciens les confirment.");
        }

        toConfirm = mine;
        var now = _time.GetUtcNow();
        var next = request with
        {
            History = [.. request.History, new RequestHistoryEntry(now, caller.Id, "confirmed", string.Join(", ", toConfirm.Select(l => l.LineId)))],
        };
        var classes = await AllocationSnapshot.ClassesAsync(_events, season, cancellationToken).ConfigureAwait(false);
        var outcome = await _store.GatedAsync(season, toConfirm.Select(l => l.ItemId), () => OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var heads = await _store.ListStocksAsync(season, ct).ConfigureAwait(false);
                var writes = new List<ItemWrite>();
                var snapshot = new AllocationSnapshot(items);
                foreach (var group in toConfirm.Where(l => items.ContainsKey(l.ItemId)).GroupBy(l => l.ItemId))
                {
                    var read = await _store.ReadAllocationsAsync(season, group.Key, heads.GetValueOrDefault(group.Key), ct).ConfigureAwait(false);
                    var ledger = read.LedgerWith(classes);
                    var changed = group.Select(l => ledger.Find(request.Id, l.LineId)).OfType<AllocationEntry>()
                        .Where(e => e.State == AllocationState.Approved).Select(e => e with { State = AllocationState.Confirmed }).ToList();
                    var allocation = ResourceAllocator.Allocate(group.Key, items[group.Key].Capacity, ledger.With(changed).Entries, AllocationSettings.ExplainingRequest(request.Id));
                    writes.Add(new ItemWrite(read, AllocationSnapshot.NextHead(read.Head, items[group.Key], allocation), [.. changed.Select(e => read.Find(e.Key)!.Value with { Entry = e })]));
                    snapshot.Add(read, allocation);
                }

                var view = View(caller, next, snapshot);
                var audit = Audit(caller, season, new AuditRecord("logistics.request.confirm", Target(request), before, view));
                try
                {
                    var etag = await _store.CommitAsync(season, new RequestWrite(next, ifMatch), writes, audit, ct).ConfigureAwait(false);
                    return (ETag: etag!.Value, View: view, Audit: audit, Stale: false);
                }
                catch (TableStoreException e) when (e.FailedActionIndex == 0 && (e.IsPreconditionFailed || e.IsNotFound))
                {
                    return (ETag: default(ETag), View: view, Audit: audit, Stale: true);
                }
            },
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outcome.Stale)
        {
            return Outcome<RequestView>.Stale();
        }

        await _audit.CompleteAsync(outcome.Audit, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Ok(outcome.View, outcome.ETag);
    }

    /// <summary>
    /// The explicit decision that changes a granted (possibly confirmed) line: a new quantity with
    /// a justification, recorded in the audit trail. More units than before must be available.
    /// </summary>
    public async Task<Outcome<RequestView>> OverrideAsync(Caller caller, int season, string id, string lineId, ETag ifMatch, int? quantity, string? justification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return Outcome<RequestView>.NotFound($"La demande « {id} » n'existe pas.");
        }

        var line = found.Value.Lines.FirstOrDefault(l => l.LineId == lineId);
        if (line is null)
        {
            return Outcome<RequestView>.NotFound($"La ligne « {lineId} » n'existe pas dans cette demande.");
        }

        if (await OutOfScopeAsync(caller, season, line, cancellationToken).ConfigureAwait(false) is { } outOfScope)
        {
            return outOfScope;
        }

        if (found.ETag != ifMatch)
        {
            return Outcome<RequestView>.Stale();
        }

        if (string.IsNullOrWhiteSpace(justification) || justification.Length > 500)
        {
            return Outcome<RequestView>.Invalid("justification", "Une décision sur une allocation accordée est justifiée (500 caractères au plus).");
        }

        if (quantity is not { } q || q < 0 || q > line.Quantity)
        {
            return Outcome<RequestView>.Invalid("quantity", $"La nouvelle quantité est comprise entre 0 et {line.Quantity}.");
        }

        var request = found.Value;
        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        if (before.Lines.Single(l => l.LineId == lineId).Decision == LineDecisionKind.Pending)
        {
            return Outcome<RequestView>.Conflict("La ligne attend encore sa décision : utilisez la décision de ligne.");
        }

        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var classes = await AllocationSnapshot.ClassesAsync(_events, season, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var next = request with
        {
            Lines = [.. request.Lines.Select(l => l.LineId == lineId && l.Flags is not null ? l.WithFlags(null) : l)],
            History = [.. request.History, new RequestHistoryEntry(now, caller.Id, "overridden", lineId + " : " + justification.Trim())],
        };
        var outcome = await _store.GatedAsync(season, [line.ItemId], () => OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var read = await _store.ReadAllocationsAsync(season, line.ItemId, ct).ConfigureAwait(false);
                var ledger = read.LedgerWith(classes);
                var entry = ledger.Find(request.Id, lineId)!;
                var changed = entry with
                {
                    Granted = q,
                    State = q == 0 ? AllocationState.Refused : entry.State == AllocationState.Refused ? AllocationState.Approved : entry.State,
                    Reasons = [.. entry.Reasons, new Reason("override", "Décision des services techniques : " + justification.Trim())],
                };
                var allocation = ResourceAllocator.Allocate(line.ItemId, items[line.ItemId].Capacity, ledger.With([changed]).Entries, AllocationSettings.ExplainingRequest(request.Id));
                var snapshot = new AllocationSnapshot(items);
                snapshot.Add(read, allocation);
                if (q > entry.Granted && allocation.Find(request.Id, lineId)!.Displaced)
                {
                    return (ETag: default(ETag), View: (RequestView?)null, Audit: (PendingAudit?)null, Refusal: (Outcome<RequestView>?)Short(line, allocation.Find(request.Id, lineId)));
                }

                var write = new ItemWrite(read, AllocationSnapshot.NextHead(read.Head, items[line.ItemId], allocation), [read.Find(changed.Key)!.Value with { Entry = changed }]);
                var view = View(caller, next, snapshot);
                var audit = Audit(caller, season, new AuditRecord("logistics.allocation.override", Target(request) + "/" + lineId, before, view, justification.Trim()));
                try
                {
                    var etag = await _store.CommitAsync(season, new RequestWrite(next, ifMatch), [write], audit, ct).ConfigureAwait(false);
                    return (ETag: etag!.Value, View: view, Audit: audit, Refusal: (Outcome<RequestView>?)null);
                }
                catch (TableStoreException e) when (e.FailedActionIndex == 0 && (e.IsPreconditionFailed || e.IsNotFound))
                {
                    return (ETag: default(ETag), View: view, Audit: audit, Refusal: Outcome<RequestView>.Stale());
                }
            },
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outcome.Refusal is not null)
        {
            return outcome.Refusal;
        }

        await _audit.CompleteAsync(outcome.Audit!, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Ok(outcome.View!, outcome.ETag);
    }

    /// <summary>Moves a request on: under review, scheduled, delivered, closed (the lifecycle's explicit steps).</summary>
    public async Task<Outcome<RequestView>> MoveAsync(Caller caller, int season, string id, ETag ifMatch, string? target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Enum.TryParse<RequestStatus>(target, ignoreCase: true, out var to) || !Enum.IsDefined(to) || int.TryParse(target, CultureInfo.InvariantCulture, out _))
        {
            return Outcome<RequestView>.Invalid("status", "Statut inconnu : underReview, scheduled, delivered ou closed.");
        }

        var (found, refusal) = await ForChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var before = await ViewAsync(caller, found.Value, cancellationToken).ConfigureAwait(false);
        var decision = RequestLifecycle.CanMove(before.Status, to);
        if (decision.IsRefused || to == RequestStatus.Submitted)
        {
            return Outcome<RequestView>.Conflict(
                decision.IsRefused ? decision.Reasons[0].Message : "Une demande se soumet par son dépôt (submit).",
                decision.Reasons);
        }

        var now = _time.GetUtcNow();
        ETag etag;
        var request = found.Value with
        {
            Stage = to,
            History = [.. found.Value.History, new RequestHistoryEntry(now, caller.Id, "status-" + to.ToString().ToLowerInvariant(), null)],
        };
        // Only the request's stage changes, not its claims: it reads after as it reads now with that stage.
        var view = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var audit = Audit(caller, season, new AuditRecord("logistics.request.status", Target(request), before, view));
        try
        {
            etag = await _store.ReplaceRequestAsync(request, ifMatch, audit, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<RequestView>.Stale();
        }

        await _audit.CompleteAsync(audit, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Ok(view, etag);
    }

    /// <summary>Lines granted and not closed, for the crew schedule: one query for the requests, one per resource for their claims.</summary>
    internal async Task<IReadOnlyList<(StoredRequest Request, RequestLine Line, AllocationEntry Entry, CatalogItem Item)>> GrantedLinesAsync(int season, CancellationToken cancellationToken = default)
    {
        var requests = (await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false)).Select(r => r.Value)
            .Where(r => r.Stage is not (RequestStatus.Draft or RequestStatus.Closed or RequestStatus.Cancelled)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var snapshot = await QuantitiesAsync(season, cancellationToken).ConfigureAwait(false);
        var result = new List<(StoredRequest, RequestLine, AllocationEntry, CatalogItem)>();
        foreach (var allocation in snapshot.Allocations)
        {
            foreach (var (entry, available) in allocation.Quantities().Where(q => q.Entry.Holds && q.Available > 0))
            {
                if (requests.TryGetValue(entry.RequestId, out var request) && request.Lines.FirstOrDefault(l => l.LineId == entry.LineId) is { } line)
                {
                    result.Add((request, line, entry with { Granted = available }, snapshot.Items[allocation.ResourceId]));
                }
            }
        }

        return result;
    }

    /// <summary>Events whose lines moved with them, and when (for the crew schedule: tasks to plan again).</summary>
    internal Task<IReadOnlyList<ReplanMarker>> ReplansAsync(int season, CancellationToken cancellationToken = default) =>
        _store.ListReplansAsync(season, cancellationToken);

    private static Outcome<RequestView> Short(RequestLine line, AllocationOutcome? outcome)
    {
        var reasons = new List<Reason> { new("insufficient-stock", $"Ligne {line.LineId} : {outcome?.Available ?? 0} unités disponibles sur la période pour {line.Quantity} demandées.") };
        if (outcome?.Alternative is { ShiftDays: { } shift, Start: { } start })
        {
            reasons.Add(new("alternative", string.Format(CultureInfo.InvariantCulture, "Alternative : la quantité complète est disponible en décalant de {0} jour(s) (à partir du {1:yyyy-MM-dd HH:mm}).", shift, start)));
        }

        if (outcome?.Conflicts is { Count: > 0 } conflicts)
        {
            reasons.Add(new("competing-requests", "En concurrence avec : " + string.Join(", ", conflicts) + "."));
        }

        return Outcome<RequestView>.Refused("Stock ou capacité insuffisants pour accorder cette quantité.", reasons, "quantity");
    }

    /// <summary>The request to change, or the refusal: absent (or another organisation's), or changed since the caller read it.</summary>
    private async Task<(Versioned<StoredRequest>? Found, Outcome<RequestView>? Refusal)> ForChangeAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken)
    {
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, Outcome<RequestView>.NotFound($"La demande « {id} » n'existe pas."));
        }

        return found.ETag == ifMatch ? (found, null) : (null, Outcome<RequestView>.Stale());
    }

    private async Task<Versioned<StoredRequest>?> FindAsync(Caller caller, int season, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(id) || !LogisticsIds.IsValid(id))
        {
            return null;
        }

        var found = await _store.GetRequestAsync(season, id, cancellationToken).ConfigureAwait(false);

        // Another organisation's request is reported as absent: its existence is not theirs to know.
        return found is not null && MaySee(caller, found.Value) ? found : null;
    }

    private async Task<RequestView> ViewAsync(Caller caller, StoredRequest request, CancellationToken cancellationToken)
    {
        if (request.Stage == RequestStatus.Draft)
        {
            return await DraftViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        }

        return View(caller, request, await SnapshotAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The resources of a request's lines, read and allocated now.</summary>
    private Task<AllocationSnapshot> SnapshotAsync(StoredRequest request, CancellationToken cancellationToken) =>
        SnapshotAsync(request.Season, [request], cancellationToken);

    /// <summary>A draft claims nothing yet: its view needs the catalogue only.</summary>
    private async Task<RequestView> DraftViewAsync(Caller caller, StoredRequest request, CancellationToken cancellationToken)
    {
        var items = (await _store.ListItemsAsync(request.Season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return View(caller, request, new AllocationSnapshot(items));
    }

    /// <summary>
    /// A request's view. <paramref name="keep"/>: a list's, kept for the next list while nothing it shows changes
    /// (<see cref="KnownViews"/>); a single read or a write's answer reuses a kept view but does not keep its own.
    /// </summary>
    private static RequestView View(Caller caller, StoredRequest request, AllocationSnapshot snapshot, bool keep = false)
    {
        var technical = SeesAll(caller);
        var facts = new LineFacts[request.Lines.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            var line = request.Lines[i];
            var (outcome, state, granted, decision, flags) = LineStandingOf(request, line, snapshot);
            facts[i] = new(snapshot.Items.GetValueOrDefault(line.ItemId), outcome, state, granted, decision, flags, snapshot.NotesOf(request.Id, line.LineId));
        }

        return KnownViews.Of(request, technical, facts, () => View(technical, request, facts), keep);
    }

    private static RequestView View(bool technical, StoredRequest request, LineFacts[] facts)
    {
        var priority = PriorityClass.Other;
        var lines = new List<RequestLineView>(request.Lines.Count);
        List<RequestHistoryEntry>? notes = null;
        foreach (var (line, (item, outcome, state, granted, decision, flags, lineNotes)) in request.Lines.Zip(facts))
        {
            if (lineNotes.Count > 0)
            {
                (notes ??= []).AddRange(lineNotes);
            }

            priority = outcome?.Entry.Class ?? priority;
            var reasons = outcome?.Reasons ?? [];
            lines.Add(new RequestLineView(
                line.LineId,
                line.ItemId,
                item?.Name ?? line.ItemId,
                item?.Unit ?? string.Empty,
                line.Quantity,
                line.Delivery,
                line.Pickup,
                line.Note,
                decision,
                state == AllocationState.Confirmed,
                granted,
                state == AllocationState.Pending ? outcome?.Available ?? 0 : granted,
                CostOf(item, line, decision, granted),
                reasons,
                decision is LineDecisionKind.Approved ? null : outcome?.Alternative,
                technical && outcome is not null ? [.. outcome.Conflicts.Select(c => c.Split('/')).Select(c => new ConflictView(c[0], c[1]))] : null,
                flags));
        }

        var status = RequestLifecycle.StatusOf(request.Stage, [.. lines.Select(l => l.Decision)]);

        // What other requests' decisions did to its lines is kept on the lines' claims; the history shows it in time order.
        IReadOnlyList<RequestHistoryEntry> history = notes is null ? request.History : [.. request.History.Concat(notes).OrderBy(h => h.At)];
        return new RequestView(
            request.Id,
            request.Season,
            request.EventId,
            request.EventTitle,
            request.OrganiserId,
            request.OrganiserKind,
            priority,
            status,
            request.Late,
            request.DueBy,
            request.FastTrack,
            request.CreatedAt,
            request.SubmittedAt,
            lines.Sum(l => l.Cost),
            request.Reasons,
            lines,
            history);
    }

    /// <summary>What a line costs: what it asks while pending, what it was granted once decided.</summary>
    private static decimal CostOf(CatalogItem? item, RequestLine line, LineDecisionKind decision, int granted) =>
        item?.CostOf(decision == LineDecisionKind.Pending ? line.Quantity : granted, line.Delivery, line.Pickup) ?? 0m;

    /// <summary>
    /// Every submitted line's decision and cost, as the requests' views show them, without viewing the requests (the COPIL's
    /// figures over the whole season).
    /// </summary>
    internal async Task<IReadOnlyList<RequestLineOutcome>> LineOutcomesAsync(int season, CancellationToken cancellationToken = default) =>
        (await SeasonStandingsAsync(season, cancellationToken).ConfigureAwait(false)).LineOutcomes;

    /// <summary>Why a granted line no longer fits the resource as it is now (the allocator's own reason when it gives one).</summary>
    private static Reason NoLongerFits(RequestLine line, AllocationOutcome outcome)
    {
        var cause = outcome.Reasons.LastOrDefault(r => r.Code is "capacity-reduced" or "displaced-by-agenda" or "over-capacity");
        return new Reason("no-longer-fits", string.Format(
            CultureInfo.InvariantCulture,
            "Ligne {0} : {1} unités accordées, {2} disponibles avec le stock ou la capacité actuels{3}. La décision est maintenue jusqu'à celle des services techniques.",
            line.LineId,
            outcome.Entry.Granted,
            outcome.Available,
            cause is null ? string.Empty : " (" + cause.Message.TrimEnd('.') + ")"));
    }

    /// <summary>An action's audit entries, written in its transaction on the season's partition (<see cref="AuditTrail.Prepare"/>).</summary>
    private PendingAudit Audit(Caller caller, int season, params AuditRecord[] records) =>
        _audit.Prepare(caller, LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(season), records);

    private static string Target(StoredRequest request) =>
        string.Create(CultureInfo.InvariantCulture, $"seasons/{request.Season}/requests/{request.Id}");
}
