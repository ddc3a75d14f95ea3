using System.Globalization;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>
/// An event's logistics follow the event: when it moves or changes length, each of its requests' lines
/// moves its delivery by the start's shift and its pickup by the end's, its claim moves with it (decided
/// as it was: a claim that no longer fits is flagged, never cut), its due date is computed again, the
/// crew tasks of the event are marked for re-planning, and the request's history says what changed. A
/// line whose loan can no longer serve the event keeps its dates and is flagged with the reasons for
/// technical services. Each request follows in one transaction (request, its claims, the stock heads,
/// the event's re-planning marker); following is idempotent (a request records the event times its lines
/// follow), so a follow-up cut short is completed by the next one.
/// </summary>
public sealed class EventLogistics : IEventFollower
{
    private readonly LogisticsStore _store;
    private readonly ISeasons _seasons;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly Saison.Domain.Destinations.Destination _destination;

    public EventLogistics(LogisticsStore store, ISeasons seasons, AuditTrail audit, TimeProvider time, Saison.Domain.Destinations.Destination destination)
    {
        _destination = destination;
        _store = store;
        _seasons = seasons;
        _audit = audit;
        _time = time;
    }

    /// <inheritdoc />
    public async Task FollowAsync(Caller caller, EventSummary before, EventSummary after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var season = await _seasons.FindAsync(after.Season, cancellationToken).ConfigureAwait(false);
        if (season is null)
        {
            return;
        }

        var requests = await _store.Requests.ListWhereAsync(LogisticsStore.SeasonKey(after.Season), LogisticsStore.RequestPrefix, "EventId", after.Id, cancellationToken).ConfigureAwait(false);
        if (requests.Count == 0)
        {
            return;
        }

        var zone = SeasonTime.Zone(season.TimeZoneId);
        var items = (await _store.ListItemsAsync(after.Season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var policy = await _store.GetPolicyAsync(after.Season, cancellationToken).ConfigureAwait(false);
        foreach (var request in requests.Where(r => r.Value.Stage is not RequestStatus.Closed))
        {
            await FollowRequestAsync(caller, request.Value.Id, before, after, zone, items, policy, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the requests among <paramref name="requests"/> whose lines lag behind their event (a follow-up cut short
    /// between the event's transaction and theirs) follow it now. Returns how many events were followed.
    /// </summary>
    public async Task<int> CatchUpAsync(Caller caller, IEnumerable<StoredRequest> requests, IReadOnlyDictionary<string, EventSummary> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(events);
        var lagging = requests
            .Where(r => r.Stage != RequestStatus.Closed && r.EventStart is not null && r.EventEnd is not null && events.TryGetValue(r.EventId, out var ev) && !Follows(r, ev))
            .GroupBy(r => r.EventId, StringComparer.Ordinal)
            .ToList();
        foreach (var group in lagging)
        {
            var (ev, first) = (events[group.Key], group.First());
            await FollowAsync(caller, ev with { Start = first.EventStart!.Value, End = first.EventEnd!.Value, SizeClass = first.SizeClass }, ev, cancellationToken).ConfigureAwait(false);
        }

        return lagging.Count;
    }

    private async Task FollowRequestAsync(Caller caller, string requestId, EventSummary before, EventSummary after, TimeZoneInfo zone, IReadOnlyDictionary<string, CatalogItem> items, CatalogPolicy policy, CancellationToken cancellationToken)
    {
        var season = after.Season;
        var now = _time.GetUtcNow();
        var done = await OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var found = await _store.GetRequestAsync(season, requestId, ct).ConfigureAwait(false);
                if (found is null || Follows(found.Value, after))
                {
                    return ((PendingAudit Audit, StoredRequest Moved)?)null;
                }

                var current = found.Value;
                var moved = Move(current, before, after, zone, items, policy, caller, now);
                var audit = _audit.Prepare(caller, LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(season), [new AuditRecord("logistics.request.event-changed", string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/requests/{requestId}"), current, moved)]);
                if (current.Stage == RequestStatus.Draft)
                {
                    await _store.ReplaceRequestAsync(moved, found.ETag, audit, ct).ConfigureAwait(false);
                    return (Audit: audit, Moved: moved);
                }

                var itemIds = moved.Lines.Select(l => l.ItemId).Where(items.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
                using var gates = await _store.EnterAsync(season, itemIds, ct).ConfigureAwait(false);
                var heads = await _store.ListStocksAsync(season, ct).ConfigureAwait(false);
                var writes = new List<ItemWrite>();
                foreach (var itemId in itemIds)
                {
                    var read = await _store.ReadAllocationsAsync(season, itemId, heads.GetValueOrDefault(itemId), ct).ConfigureAwait(false);
                    var changed = new List<StoredAllocation>();
                    foreach (var line in moved.Lines.Where(l => l.ItemId == itemId))
                    {
                        if (read.Find(requestId, line.LineId) is not { } claim)
                        {
                            continue;
                        }

                        var (start, end) = items[itemId].Occupancy(line.Delivery, line.Pickup);
                        changed.Add(claim.Value with { Entry = claim.Value.Entry.MovedTo(start, end, after.Start, after.End) });
                    }

                    if (changed.Count == 0)
                    {
                        continue;
                    }

                    var ledger = read.Ledger.With(changed.Select(c => c.Entry));
                    var allocation = ResourceAllocator.Allocate(itemId, items[itemId].Capacity, ledger.Entries, AllocationSettings.Unexplained);
                    writes.Add(new ItemWrite(read, AllocationSnapshot.NextHead(read.Head, items[itemId], allocation), changed));
                }

                var replan = new ReplanMarker(after.Id, now, Describe(before, after, zone));
                var write = new RequestWrite(moved, found.ETag);

                // A request of 50 lines on 50 resources fills a transaction: its marker then follows alone.
                var together = LogisticsStore.CountOf(write, writes, replan) <= TableRules.MaxTransactionActions;
                await _store.CommitAsync(season, write, writes, together ? replan : null, audit, ct).ConfigureAwait(false);
                if (!together)
                {
                    await _store.Replans.UpsertAsync(LogisticsStore.SeasonKey(season), LogisticsStore.ReplanRow(after.Id), replan, ct).ConfigureAwait(false);
                }

                return (Audit: audit, Moved: moved);
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (done is { } change)
        {
            await _audit.CompleteAsync(change.Audit, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the request's lines already follow the event as it is now.</summary>
    private static bool Follows(StoredRequest request, EventSummary ev) =>
        request.EventStart == ev.Start && request.EventEnd == ev.End && request.SizeClass == ev.SizeClass;

    /// <summary>
    /// The request after its event changed (pure): lines shifted (or kept and flagged), due date and size class
    /// of the event now, one history entry.
    /// </summary>
    internal StoredRequest Move(StoredRequest request, EventSummary before, EventSummary after, TimeZoneInfo zone, IReadOnlyDictionary<string, CatalogItem> items, CatalogPolicy policy, Caller caller, DateTimeOffset now)
    {
        var fromStart = request.EventStart ?? before.Start;
        var fromEnd = request.EventEnd ?? before.End;
        var startShift = after.Start - fromStart;
        var endShift = after.End - fromEnd;
        var local = (DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone);
        var lines = new List<RequestLine>();
        var flagged = new List<string>();
        foreach (var line in request.Lines)
        {
            // A line kept at its dates by an earlier change moves from the event those dates were made for.
            var (lineFromStart, lineFromEnd) = (line.PlannedEventStart ?? fromStart, line.PlannedEventEnd ?? fromEnd);
            var (lineStartShift, lineEndShift) = (after.Start - lineFromStart, after.End - lineFromEnd);
            var delivery = line.Delivery + lineStartShift;
            var pickup = line.Pickup + lineEndShift;
            IReadOnlyList<Reason> reasons;
            if (pickup <= delivery)
            {
                reasons = [new Reason("event-changed-unservable", string.Format(CultureInfo.InvariantCulture, "Ligne {0} : l'événement a changé de dates ; décalés d'autant, la livraison ({1:dd/MM/yyyy HH:mm}) ne précéderait plus l'enlèvement ({2:dd/MM/yyyy HH:mm}). À revoir par les services techniques.", line.LineId, local(delivery), local(pickup)))];
            }
            else
            {
                var check = items.TryGetValue(line.ItemId, out var item)
                    ? item.CheckLoan(local(after.Start), local(after.End), local(delivery), local(pickup))
                    : Decision.Accepted();
                reasons = check.IsRefused ? [.. check.Reasons.Select(r => new Reason("event-changed-unservable", string.Format(CultureInfo.InvariantCulture, "Ligne {0} : l'événement a changé de dates ; {1} À revoir par les services techniques.", line.LineId, r.Message)))] : [];
            }

            if (reasons.Count > 0)
            {
                flagged.Add(line.LineId);
                lines.Add(line.WithFlags(reasons).PlannedFor(lineFromStart, lineFromEnd));
            }
            else
            {
                lines.Add(line.Shifted(lineStartShift, lineEndShift, null));
            }
        }

        var eventDay = DateOnly.FromDateTime(local(after.Start).DateTime);
        var detail = Describe(before, after, zone) + (startShift == TimeSpan.Zero && endShift == TimeSpan.Zero
            ? string.Empty
            : flagged.Count == 0
                ? " Livraisons et enlèvements décalés d'autant."
                : string.Format(CultureInfo.InvariantCulture, " Livraisons et enlèvements décalés d'autant, sauf {0} : à revoir par les services techniques.", string.Join(", ", flagged)));
        return request with
        {
            Lines = lines,
            SizeClass = after.SizeClass,
            DueBy = request.DueBy is null ? null : policy.LeadTimes.DueBy(eventDay, after.SizeClass, _destination.WorkingDays),
            EventStart = after.Start,
            EventEnd = after.End,
            History = [.. request.History, new RequestHistoryEntry(now, caller.Id, "event-changed", detail)],
        };
    }

    private static string Describe(EventSummary before, EventSummary after, TimeZoneInfo zone)
    {
        if (before.Start == after.Start && before.End == after.End)
        {
            return string.Format(CultureInfo.InvariantCulture, "L'événement « {0} » change de taille ({1} → {2}) : échéance de dépôt recalculée.", after.Title, before.SizeClass, after.SizeClass);
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "L'événement « {0} » a changé de dates : prévu du {1:dd/MM/yyyy HH:mm} au {2:dd/MM/yyyy HH:mm}, il a lieu désormais du {3:dd/MM/yyyy HH:mm} au {4:dd/MM/yyyy HH:mm}.",
            after.Title,
            TimeZoneInfo.ConvertTime(before.Start, zone),
            TimeZoneInfo.ConvertTime(before.End, zone),
            TimeZoneInfo.ConvertTime(after.Start, zone),
            TimeZoneInfo.ConvertTime(after.End, zone));
    }
}
