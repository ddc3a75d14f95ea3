using Saison.Application.Auditing;
using System.Globalization;
using Azure;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>
/// What an organiser changes on their own request after filing it: its lines (until one is decided), its
/// cancellation (until it is scheduled), the alternative offered on a refused or partly approved line.
/// Each is one transaction on the season's partition, as a submission is: the request (If-Match), the claims
/// withdrawn or added, and the stock head of every resource they touch.
/// </summary>
public sealed partial class LogisticsRequests
{
    /// <summary>
    /// Rewrites the lines of a request, read back as <see cref="CreateRequestInput"/>. A draft takes the new lines
    /// as they are (and is submitted at once with <c>submit: true</c>). A submitted request none of whose lines is
    /// decided keeps every unchanged line (and its place in the queue); a changed or removed line's claim is
    /// withdrawn, a new or changed line claims anew, behind the lines already waiting.
    /// </summary>
    public async Task<Outcome<RequestView>> EditAsync(Caller caller, int season, string id, ETag ifMatch, CreateRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (found, refusal) = await ForOrganiserChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var request = found.Value;
        if (input.EventId is { Length: > 0 } eventId && eventId != request.EventId)
        {
            return Outcome<RequestView>.Invalid("eventId", "Une demande reste attachée à son événement : pour un autre événement, déposez une nouvelle demande.");
        }

        var ev = await _events.FindAsync(season, request.EventId, cancellationToken).ConfigureAwait(false);
        if (ev is null)
        {
            return Outcome<RequestView>.NotFound($"L'événement « {request.EventId} » n'existe plus.");
        }

        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var editable = RequestLifecycle.CanEdit(before.Status, [.. before.Lines.Select(l => l.Decision)]);
        if (editable.IsRefused)
        {
            return Outcome<RequestView>.Conflict(editable.Reasons[0].Message, editable.Reasons);
        }

        var (asked, invalid) = Lines(ev, input.Lines, 1, await _store.CatalogueAsync(season, cancellationToken).ConfigureAwait(false));
        if (invalid is not null)
        {
            return invalid;
        }

        var now = _time.GetUtcNow();
        if (request.Stage == RequestStatus.Draft)
        {
            var draft = request with { Lines = asked, History = [.. request.History, new RequestHistoryEntry(now, caller.Id, "edited", null)] };
            if (input.Submit)
            {
                return await SubmitCoreAsync(caller, season, draft, found.ETag, null, cancellationToken).ConfigureAwait(false);
            }

            return await ReplaceAloneAsync(caller, request, draft, found.ETag, before, "logistics.request.edit", cancellationToken).ConfigureAwait(false);
        }

        // An unchanged line keeps its id, its claim and its place; every other line is new.
        var unmatched = request.Lines.ToList();
        var next = NextLineNumber(request);
        var lines = new List<RequestLine>();
        var added = new List<RequestLine>();
        foreach (var line in asked)
        {
            var same = unmatched.FirstOrDefault(l => l.ItemId == line.ItemId && l.Quantity == line.Quantity && l.Delivery == line.Delivery && l.Pickup == line.Pickup);
            if (same is not null)
            {
                unmatched.Remove(same);
                lines.Add(new RequestLine(same.LineId, same.ItemId, same.Quantity, same.Delivery, same.Pickup, line.Note) { PlannedEventStart = same.PlannedEventStart, PlannedEventEnd = same.PlannedEventEnd });
                continue;
            }

            var fresh = new RequestLine("l" + (next++).ToString(CultureInfo.InvariantCulture), line.ItemId, line.Quantity, line.Delivery, line.Pickup, line.Note);
            lines.Add(fresh);
            added.Add(fresh);
        }

        var edited = request with
        {
            Lines = lines,
            History = [.. request.History, .. unmatched.Select(l => Withdrawn(now, caller, l, "retirée par l'organisateur")), new RequestHistoryEntry(now, caller.Id, "edited", added.Count == 0 ? null : "Nouvelles lignes : " + string.Join(", ", added.Select(l => l.LineId)))],
        };
        return await RewriteClaimsAsync(caller, found, edited, unmatched, new Reason("withdrawn", "Ligne retirée par l'organisateur."), added, ev, before, "logistics.request.edit", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a request until it is scheduled: every claim is withdrawn (its units go back to the stock) in the same transaction.</summary>
    public async Task<Outcome<RequestView>> CancelAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        var (found, refusal) = await ForOrganiserChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var request = found.Value;
        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var cancellable = RequestLifecycle.CanCancel(before.Status);
        if (cancellable.IsRefused)
        {
            return Outcome<RequestView>.Conflict(cancellable.Reasons[0].Message, cancellable.Reasons);
        }

        var now = _time.GetUtcNow();
        var cancelled = request with
        {
            Stage = RequestStatus.Cancelled,
            History = [.. request.History, new RequestHistoryEntry(now, caller.Id, "cancelled", "Annulée par l'organisateur")],
        };
        return request.Stage == RequestStatus.Draft
            ? await ReplaceAloneAsync(caller, request, cancelled, found.ETag, before, "logistics.request.cancel", cancellationToken).ConfigureAwait(false)
            : await RewriteClaimsAsync(caller, found, cancelled, request.Lines, new Reason("withdrawn", "Demande annulée par l'organisateur."), [], null, before, "logistics.request.cancel", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Accepts the alternative offered on a refused or partly approved line: the line is replaced by a new one for
    /// the full quantity in the offered slot (or the offered quantity), which waits for technical services' decision;
    /// the old line's claim (and what it was granted) is withdrawn in the same transaction.
    /// </summary>
    public async Task<Outcome<RequestView>> AcceptAlternativeAsync(Caller caller, int season, string id, string lineId, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        var (found, refusal) = await ForOrganiserChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var request = found.Value;
        var line = request.Lines.FirstOrDefault(l => l.LineId == lineId);
        if (line is null)
        {
            return Outcome<RequestView>.NotFound($"La ligne « {lineId} » n'existe pas dans cette demande.");
        }

        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var shown = before.Lines.Single(l => l.LineId == lineId);
        var acceptable = RequestLifecycle.CanAcceptAlternative(before.Status, shown.Decision, shown.Alternative);
        if (acceptable.IsRefused)
        {
            return Outcome<RequestView>.Conflict(acceptable.Reasons[0].Message, acceptable.Reasons);
        }

        var ev = await _events.FindAsync(season, request.EventId, cancellationToken).ConfigureAwait(false);
        if (ev is null)
        {
            return Outcome<RequestView>.NotFound($"L'événement « {request.EventId} » n'existe plus.");
        }

        var alternative = shown.Alternative!;
        var number = "l" + NextLineNumber(request).ToString(CultureInfo.InvariantCulture);
        var replacement = alternative.ShiftDays is { } shift
            ? new RequestLine(number, line.ItemId, line.Quantity, line.Delivery.AddDays(shift), line.Pickup.AddDays(shift), line.Note)
            : new RequestLine(number, line.ItemId, alternative.Quantity ?? line.Quantity, line.Delivery, line.Pickup, line.Note);
        var now = _time.GetUtcNow();
        var accepted = request with
        {
            Stage = RequestStatus.UnderReview,
            Lines = [.. request.Lines.Select(l => l.LineId == lineId ? replacement : l)],
            History =
            [
                .. request.History,
                new RequestHistoryEntry(now, caller.Id, "alternative-accepted", string.Create(CultureInfo.InvariantCulture, $"{lineId} → {replacement.LineId} : {(alternative.ShiftDays is { } days ? $"décalage de {Math.Abs(days)} {(Math.Abs(days) > 1 ? "jours" : "jour")} {(days > 0 ? "plus tard" : "plus tôt")}" : $"{replacement.Quantity} unités")}")),
            ],
        };
        return await RewriteClaimsAsync(caller, found, accepted, [line], new Reason("withdrawn", $"Ligne remplacée par l'alternative acceptée ({replacement.LineId})."), [replacement], ev, before, "logistics.request.accept-alternative", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request to change and the refusal otherwise: absent or another organisation's (404), not the organiser's (403), changed since read (412).</summary>
    private async Task<(Versioned<StoredRequest>? Found, Outcome<RequestView>? Refusal)> ForOrganiserChangeAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, Outcome<RequestView>.NotFound($"La demande « {id} » n'existe pas."));
        }

        if (!caller.IsAdmin && !caller.HasScope(found.Value.OrganiserId))
        {
            return (null, Outcome<RequestView>.Forbidden("Seul l'organisateur de la demande la modifie, l'annule ou accepte une alternative."));
        }

        return found.ETag == ifMatch ? (found, null) : (null, Outcome<RequestView>.Stale());
    }

    /// <summary>The number of the next new line: after every line the request has had (withdrawn ones are named in its history).</summary>
    private static int NextLineNumber(StoredRequest request)
    {
        static int NumberOf(string? lineId) =>
            lineId is { Length: > 1 } && lineId[0] == 'l' && int.TryParse(lineId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

        var named = request.History.Where(h => h.Action is "line-withdrawn" or "alternative-accepted").Select(h => NumberOf(h.Detail?.Split(' ')[0]));
        return request.Lines.Select(l => NumberOf(l.LineId)).Concat(named).DefaultIfEmpty(0).Max() + 1;
    }

    private static RequestHistoryEntry Withdrawn(DateTimeOffset now, Caller caller, RequestLine line, string why) =>
        new(now, caller.Id, "line-withdrawn", line.LineId + " : " + why);

    /// <summary>A request changed alone (a draft: it claims nothing yet).</summary>
    private async Task<Outcome<RequestView>> ReplaceAloneAsync(Caller caller, StoredRequest request, StoredRequest next, ETag ifMatch, RequestView before, string action, CancellationToken cancellationToken)
    {
        // A draft claims nothing: it reads after as it reads now.
        var view = await ViewAsync(caller, next, cancellationToken).ConfigureAwait(false);
        var audit = Audit(caller, request.Season, new AuditRecord(action, Target(request), before, view));
        ETag etag;
        try
        {
            etag = await _store.ReplaceRequestAsync(next, ifMatch, audit, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed || e.IsNotFound)
        {
            return Outcome<RequestView>.Stale();
        }

        await _audit.CompleteAsync(audit, cancellationToken).ConfigureAwait(false);
        return Outcome<RequestView>.Ok(view, etag);
    }

    /// <summary>
    /// One transaction: the request as <paramref name="next"/> (If-Match on what was read), the claims of
    /// <paramref name="withdraw"/> set to hold nothing with <paramref name="withdrawal"/>, a pending claim for each line of
    /// <paramref name="claim"/>, and the stock head of every resource touched. New lines are checked against their
    /// event (<see cref="CatalogItem.CheckLoan"/>) first, as a submission is.
    /// </summary>
    private async Task<Outcome<RequestView>> RewriteClaimsAsync(
        Caller caller,
        Versioned<StoredRequest> found,
        StoredRequest next,
        IReadOnlyList<RequestLine> withdraw,
        Reason withdrawal,
        IReadOnlyList<RequestLine> claim,
        EventSummary? ev,
        RequestView before,
        string action,
        CancellationToken cancellationToken)
    {
        var season = next.Season;
        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value).ToDictionary(i => i.Id, StringComparer.Ordinal);
        if (claim.FirstOrDefault(l => !items.ContainsKey(l.ItemId)) is { } gone)
        {
            return Outcome<RequestView>.Refused("Un article demandé n'est plus au catalogue : rien n'a été enregistré.", [new Reason("item-removed", $"Ligne {gone.LineId} : l'article « {gone.ItemId} » n'est plus au catalogue.")], "lines");
        }

        var now = _time.GetUtcNow();
        var newClaims = new List<(string ItemId, AllocationEntry Entry)>();
        if (claim.Count > 0 && ev is not null)
        {
            var seasonSummary = await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(seasonSummary!.TimeZoneId);
            var loans = CheckLoans(next with { Lines = claim }, ev, zone, items);
            if (loans.IsRefused)
            {
                return Outcome<RequestView>.Refused("Des dates de prêt ne correspondent pas à l'événement : rien n'a été enregistré.", loans.Reasons, "lines");
            }

            var priority = LogisticsPriority.ClassOf(ev.InTourismAgenda, ev.OrganiserKind);
            foreach (var line in claim)
            {
                var (start, end) = items[line.ItemId].Occupancy(line.Delivery, line.Pickup);
                newClaims.Add((line.ItemId, new AllocationEntry(next.Id, line.LineId, next.EventId, next.OrganiserId, priority, now, start, end, line.Quantity, 0, AllocationState.Pending)
                {
                    EventStart = ev.Start,
                    EventEnd = ev.End,
                }));
            }
        }

        var itemIds = withdraw.Select(l => l.ItemId).Concat(newClaims.Select(c => c.ItemId)).Where(items.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var classes = await AllocationSnapshot.ClassesAsync(_events, season, cancellationToken).ConfigureAwait(false);
        var outcome = await _store.GatedAsync(season, itemIds, () => OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var heads = await _store.ListStocksAsync(season, ct).ConfigureAwait(false);
                var writes = new List<ItemWrite>();
                var explain = AllocationSettings.ExplainingRequest(next.Id);
                var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, season, next.Lines.Select(l => l.ItemId).Except(itemIds, StringComparer.Ordinal), explain, ct).ConfigureAwait(false);
                foreach (var itemId in itemIds)
                {
                    var read = await _store.ReadAllocationsAsync(season, itemId, heads.GetValueOrDefault(itemId), ct).ConfigureAwait(false);
                    var ledger = read.LedgerWith(classes);
                    var changed = withdraw.Where(l => l.ItemId == itemId).Select(l => ledger.Find(next.Id, l.LineId)).OfType<AllocationEntry>()
                        .Select(e => e with { State = AllocationState.Refused, Granted = 0, Reasons = [withdrawal] })
                        .Concat(newClaims.Where(c => c.ItemId == itemId).Select(c => c.Entry))
                        .ToList();
                    var allocation = ResourceAllocator.Allocate(itemId, items[itemId].Capacity, ledger.With(changed).Entries, explain);
                    var stored = changed.Select(e => read.Find(e.Key) is { } existing ? existing.Value with { Entry = e } : new StoredAllocation(itemId, e)).ToList();
                    writes.Add(new ItemWrite(read, AllocationSnapshot.NextHead(read.Head, items[itemId], allocation), stored));
                    snapshot.Add(read, allocation);
                }

                var write = new RequestWrite(next, found.ETag);
                if (TooLarge(write, writes) is { } tooLarge)
                {
                    return (ETag: default(ETag), View: (RequestView?)null, Audit: (PendingAudit?)null, Refusal: (Outcome<RequestView>?)tooLarge);
                }

                // The request as it reads once written, and the record of it, in the same transaction.
                var view = View(caller, next, snapshot);
                var audit = Audit(caller, season, new AuditRecord(action, Target(next), before, view));
                try
                {
                    var etag = await _store.CommitAsync(season, write, writes, audit, ct).ConfigureAwait(false);
                    return (ETag: etag!.Value, View: view, Audit: audit, Refusal: null);
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
}
