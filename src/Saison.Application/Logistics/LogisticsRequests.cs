using System.Globalization;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Domain.Decisions;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>
/// Logistics requests: organisers create and submit them for their events; the fast procedure
/// approves small standard ones at once; technical services review the rest in priority order,
/// decide each line with reasons, confirm, override with a justification, and move requests on
/// to scheduled, delivered and closed. Every change is audited.
/// </summary>
public sealed class LogisticsRequests
{
    private readonly LogisticsStore _store;
    private readonly ISeasons _seasons;
    private readonly ISeasonEvents _events;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;

    public LogisticsRequests(LogisticsStore store, ISeasons seasons, ISeasonEvents events, AuditTrail audit, TimeProvider time)
    {
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
    private async Task<LogisticsResult<RequestView>?> OutOfScopeAsync(Caller caller, int season, RequestLine line, CancellationToken cancellationToken)
    {
        var item = (await _store.GetItemAsync(season, line.ItemId, cancellationToken).ConfigureAwait(false))?.Value;
        return item is null || DecidesFor(caller, item)
            ? null
            : LogisticsResult<RequestView>.Forbidden($"La ligne « {line.LineId} » ({item.Name}) relève du service « {item.ServiceId} » : seuls ses techniciens la décident.");
    }

    private static bool MaySee(Caller caller, StoredRequest request) => SeesAll(caller) || caller.HasScope(request.OrganiserId);

    public async Task<LogisticsResult<RequestView>> CreateAsync(Caller caller, int season, CreateRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return LogisticsResult<RequestView>.NotFound($"La saison {season} n'existe pas.");
        }

        if (string.IsNullOrWhiteSpace(input.EventId))
        {
            return LogisticsResult<RequestView>.Invalid("eventId", "Indiquez l'événement concerné.");
        }

        var ev = await _events.FindAsync(season, input.EventId, cancellationToken).ConfigureAwait(false);
        if (ev is null)
        {
            return LogisticsResult<RequestView>.NotFound($"L'événement « {input.EventId} » n'existe pas dans la saison {season}.");
        }

        if (!SeesAll(caller) && !caller.HasScope(ev.OrganiserId))
        {
            // Another organisation's event does not exist for this caller (the same 404 as an unknown id).
            return LogisticsResult<RequestView>.NotFound($"L'événement « {input.EventId} » n'existe pas dans la saison {season}.");
        }

        if (input.Lines is not { Count: > 0 })
        {
            return LogisticsResult<RequestView>.Invalid("lines", "Une demande comporte au moins une ligne.");
        }

        if (input.Lines.Count > 50)
        {
            return LogisticsResult<RequestView>.Invalid("lines", "Une demande comporte au plus 50 lignes.");
        }

        var lines = new List<RequestLine>();
        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            if (string.IsNullOrWhiteSpace(line.ItemId) || !LogisticsIds.IsValid(line.ItemId))
            {
                return LogisticsResult<RequestView>.Invalid(field + ".itemId", "Indiquez un article du catalogue.");
            }

            var item = (await _store.GetItemAsync(season, line.ItemId, cancellationToken).ConfigureAwait(false))?.Value;
            if (item is null)
            {
                return LogisticsResult<RequestView>.Invalid(field + ".itemId", $"L'article « {line.ItemId} » n'est pas au catalogue.");
            }

            if (line.Quantity < 1 || line.Quantity > 10_000)
            {
                return LogisticsResult<RequestView>.Invalid(field + ".quantity", "La quantité est comprise entre 1 et 10 000.");
            }

            var delivery = line.Delivery ?? item.DefaultDelivery(ev.Start);
            var pickup = line.Pickup ?? item.DefaultPickup(ev.End);
            if (pickup <= delivery)
            {
                return LogisticsResult<RequestView>.Invalid(field + ".pickup", "L'enlèvement doit suivre la livraison.");
            }

            if (line.Note is { Length: > 500 })
            {
                return LogisticsResult<RequestView>.Invalid(field + ".note", "La note fait au plus 500 caractères.");
            }

            lines.Add(new RequestLine("l" + (i + 1).ToString(CultureInfo.InvariantCulture), item.Id, line.Quantity, delivery, pickup, line.Note));
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
            [new RequestHistoryEntry(now, caller.Id, "created", null)]);
        var etag = await _store.Requests.InsertAsync(LogisticsStore.SeasonKey(season), request.Id, request, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.request.create", Target(request), null, view, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (input.Submit)
        {
            var submitted = await SubmitAsync(caller, season, request.Id, etag, cancellationToken).ConfigureAwait(false);
            return submitted.IsSuccess ? submitted with { Kind = ResultKind.Created } : submitted;
        }

        return LogisticsResult<RequestView>.Created(view, etag);
    }

    public async Task<LogisticsResult<RequestView>> GetAsync(Caller caller, int season, string id, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        return found is null
            ? LogisticsResult<RequestView>.NotFound($"La demande « {id} » n'existe pas.")
            : LogisticsResult<RequestView>.Ok(await ViewAsync(caller, found.Value, cancellationToken).ConfigureAwait(false), found.ETag);
    }

    /// <summary>The requests the caller may see: an organiser's own organisation's, everyone's for technical services.</summary>
    public async Task<IReadOnlyList<RequestView>> ListAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var requests = (await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false)).Select(r => r.Value).Where(r => MaySee(caller, r)).ToList();
        var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, season, requests.SelectMany(r => r.Lines.Select(l => l.ItemId)), cancellationToken).ConfigureAwait(false);
        return [.. requests.OrderBy(r => r.CreatedAt).Select(r => View(caller, r, snapshot))];
    }

    /// <summary>
    /// The review queue: requests with lines waiting for a decision, in priority order (agenda,
    /// city, others; earlier complete submission first), each line with the allocator's proposal,
    /// its conflicts and the nearest alternative.
    /// </summary>
    public async Task<IReadOnlyList<RequestView>> ReviewQueueAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(caller, season, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(r => r.Status is RequestStatus.Submitted or RequestStatus.UnderReview)
            .OrderBy(r => r.PriorityClass).ThenBy(r => r.SubmittedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every line's loan window against its event (<see cref="CatalogItem.CheckLoan"/>), in the season's local time.</summary>
    private async Task<Decision> CheckLoansAsync(int season, StoredRequest request, EventSummary ev, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var decisions = new List<Decision>();
        foreach (var line in request.Lines)
        {
            var item = (await _store.GetItemAsync(season, line.ItemId, cancellationToken).ConfigureAwait(false))?.Value;
            if (item is not null)
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

    public async Task<LogisticsResult<RequestView>> SubmitAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (found, refusal) = await ForChangeAsync(caller, season, id, ifMatch, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        var request = found.Value;
        if (request.Stage != RequestStatus.Draft)
        {
            return LogisticsResult<RequestView>.Conflict("La demande a déjà été soumise.");
        }

        var seasonSummary = await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false);
        var ev = await _events.FindAsync(season, request.EventId, cancellationToken).ConfigureAwait(false);
        if (seasonSummary is null || ev is null)
        {
            return LogisticsResult<RequestView>.NotFound($"L'événement « {request.EventId} » n'existe plus.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(seasonSummary.TimeZoneId);
        var loans = await CheckLoansAsync(season, request, ev, zone, cancellationToken).ConfigureAwait(false);
        if (loans.IsRefused)
        {
            return LogisticsResult<RequestView>.Refused("Des dates de prêt ne correspondent pas à l'événement : rien n'a été déposé.", loans.Reasons, "lines");
        }

        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var eventDay = DateOnly.FromDateTime(ev.Start.DateTime);
        var policy = await _store.GetPolicyAsync(season, cancellationToken).ConfigureAwait(false);
        var dueBy = policy.LeadTimes.DueBy(eventDay, ev.SizeClass);
        var late = today > dueBy;
        var priority = LogisticsPriority.ClassOf(ev.InTourismAgenda, ev.OrganiserKind);

        // The request is submitted first (If-Match on what the organiser read), then its lines claim their resources.
        request = request with
        {
            Stage = RequestStatus.Submitted,
            SubmittedAt = now,
            Late = late,
            DueBy = dueBy,
            History = [.. request.History, new RequestHistoryEntry(now, caller.Id, "submitted", late ? "Déposée après le délai de prévenance" : null)],
        };
        ETag etag;
        try
        {
            etag = await _store.Requests.ReplaceAsync(LogisticsStore.SeasonKey(season), request.Id, request, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return LogisticsResult<RequestView>.Stale();
        }

        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).Select(i => i.Value).ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var line in request.Lines.OrderBy(l => l.ItemId, StringComparer.Ordinal))
        {
            var item = items[line.ItemId];
            var (start, end) = item.Occupancy(line.Delivery, line.Pickup);
            var entry = new AllocationEntry(request.Id, line.LineId, request.EventId, request.OrganiserId, priority, now, start, end, line.Quantity, 0, AllocationState.Pending)
            {
                EventStart = ev.Start,
                EventEnd = ev.End,
            };
            await UpdateLedgerAsync(season, item.Id, ledger => ledger.Find(request.Id, line.LineId) is null ? ledger.With([entry]) : null, cancellationToken).ConfigureAwait(false);
        }

        // The fast procedure: small, standard, on time, in stock without displacing anyone, within envelopes.
        var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, season, cancellationToken: cancellationToken).ConfigureAwait(false);
        var inSeason = seasonSummary.Contains(eventDay);
        var envelopeUse = snapshot.EnvelopeUse();
        var fastLines = request.Lines.Select(l =>
        {
            var item = items[l.ItemId];
            var outcome = snapshot.Outcome(l.ItemId, request.Id, l.LineId);
            return new FastProcedureLine(item.Id, item.Name, item.ServiceId, l.Quantity, item.CostOf(l.Quantity, l.Delivery, l.Pickup), outcome is not null && outcome.AvailableWithoutDisplacement >= l.Quantity);
        }).ToList();
        var envelopes = policy.Envelopes.ToDictionary(e => e.ServiceId, e => new EnvelopeUse(e.Amount, envelopeUse.GetValueOrDefault(e.ServiceId).Consumed), StringComparer.Ordinal);
        var fast = FastProcedure.Evaluate(new FastProcedureInput(request.OrganiserKind, !late, policy.LevelFor(request.OrganiserKind, inSeason), fastLines, envelopes));
        if (fast.IsAccepted && !await TryApproveAllAsync(season, request, items, fast.Reasons, cancellationToken).ConfigureAwait(false))
        {
            fast = Decision.Refused(new Reason("stock", "Le stock a été pris par une autre demande pendant le dépôt : instruction par les services techniques."));
        }

        var reasons = fast.IsAccepted
            ? fast.Reasons
            : [new Reason("review", "Demande transmise aux services techniques pour instruction."), .. fast.Reasons];
        var result = await UpdateRequestAsync(season, request.Id, etag, r => r with
        {
            FastTrack = fast.IsAccepted,
            Reasons = reasons,
            History = [.. r.History, new RequestHistoryEntry(now, fast.IsAccepted ? "system" : caller.Id, fast.IsAccepted ? "fast-track-approved" : "queued-for-review", reasons[0].Message)],
        }, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(caller, result.Value, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.request.submit", Target(request), before, view, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LogisticsResult<RequestView>.Ok(view, result.ETag);
    }

    /// <summary>Technical services decide lines: approve (all or part) or refuse, each with its reason. An approval beyond what is available is refused with the alternative.</summary>
    public async Task<LogisticsResult<RequestView>> DecideAsync(Caller caller, int season, string id, ETag ifMatch, IReadOnlyList<LineDecisionInput>? decisions, CancellationToken cancellationToken = default)
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
            return LogisticsResult<RequestView>.Invalid("lines", "Indiquez au moins une décision de ligne.");
        }

        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        if (before.Status is not (RequestStatus.Submitted or RequestStatus.UnderReview))
        {
            return LogisticsResult<RequestView>.Conflict($"Une demande « {RequestLifecycle.Label(before.Status)} » n'attend pas de décision.");
        }

        var planned = new List<(RequestLine Line, bool Approve, int Quantity, Reason Reason)>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            var line = request.Lines.FirstOrDefault(l => l.LineId == d.LineId);
            if (line is null)
            {
                return LogisticsResult<RequestView>.Invalid(field + ".lineId", $"La ligne « {d.LineId} » n'existe pas dans cette demande.");
            }

            if (await OutOfScopeAsync(caller, season, line, cancellationToken).ConfigureAwait(false) is { } outOfScope)
            {
                return outOfScope;
            }

            if (planned.Any(p => p.Line.LineId == line.LineId))
            {
                return LogisticsResult<RequestView>.Invalid(field + ".lineId", $"La ligne « {d.LineId} » est décidée deux fois.");
            }

            if (before.Lines.Single(l => l.LineId == line.LineId).Decision != LineDecisionKind.Pending)
            {
                return LogisticsResult<RequestView>.Conflict($"La ligne « {line.LineId} » est déjà décidée : une modification passe par une décision motivée (override).");
            }

            if (d.Decision is not { } verb)
            {
                return LogisticsResult<RequestView>.Invalid(field + ".decision", "La décision vaut « approve » ou « refuse ».");
            }

            var approve = verb == DecisionVerb.Approve;

            var quantity = approve ? d.Quantity ?? line.Quantity : 0;
            if (approve && (quantity < 1 || quantity > line.Quantity))
            {
                return LogisticsResult<RequestView>.Invalid(field + ".quantity", $"La quantité accordée est comprise entre 1 et {line.Quantity}.");
            }

            if ((!approve || quantity < line.Quantity) && string.IsNullOrWhiteSpace(d.Reason))
            {
                return LogisticsResult<RequestView>.Invalid(field + ".reason", "Un refus ou un accord partiel est motivé.");
            }

            if (d.Reason is { Length: > 500 })
            {
                return LogisticsResult<RequestView>.Invalid(field + ".reason", "Le motif fait au plus 500 caractères.");
            }

            var reason = approve
                ? new Reason(quantity < line.Quantity ? "partly-approved" : "approved", string.IsNullOrWhiteSpace(d.Reason) ? "Accordée par les services techniques." : d.Reason.Trim())
                : new Reason("refused", d.Reason!.Trim());
            planned.Add((line, approve, quantity, reason));
        }

        // Every approval must fit before anything is written: a refusal leaves the request as it was.
        var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, season, planned.Select(p => p.Line.ItemId), cancellationToken).ConfigureAwait(false);
        foreach (var p in planned.Where(p => p.Approve))
        {
            var outcome = snapshot.Outcome(p.Line.ItemId, request.Id, p.Line.LineId);
            if (outcome is null || outcome.Available < p.Quantity)
            {
                return Short(p.Line, outcome);
            }
        }

        var now = _time.GetUtcNow();
        var displaced = new List<AllocationEntry>();
        var classes = await AllocationSnapshot.ClassesAsync(_events, season, cancellationToken).ConfigureAwait(false);
        foreach (var group in planned.GroupBy(p => p.Line.ItemId))
        {
            string? shortLine = null;
            AllocationOutcome? shortOutcome = null;
            await UpdateLedgerAsync(season, group.Key, stored =>
            {
                // Priority as it stands now: an event validated into the agenda since submission moves up.
                var ledger = AllocationSnapshot.WithClasses(stored, classes);
                var changed = group.Select(p =>
                {
                    var entry = ledger.Find(request.Id, p.Line.LineId)!;
                    return entry with
                    {
                        State = p.Approve ? AllocationState.Approved : AllocationState.Refused,
                        Granted = p.Quantity,
                        Reasons = [p.Reason],
                    };
                }).ToList();
                var next = ledger.With(changed);
                var allocation = ResourceAllocator.Allocate(group.Key, snapshot.Items[group.Key].Capacity, next.Entries);
                foreach (var p in group.Where(p => p.Approve))
                {
                    var outcome = allocation.Find(request.Id, p.Line.LineId)!;
                    if (outcome.Displaced)
                    {
                        shortLine = p.Line.LineId;
                        shortOutcome = outcome;
                        return null;
                    }
                }

                var others = allocation.Changed().ToList();
                displaced.AddRange(others);
                return next.With(others);
            }, cancellationToken).ConfigureAwait(false);
            if (shortLine is not null)
            {
                return Short(request.Lines.Single(l => l.LineId == shortLine), shortOutcome);
            }
        }

        var result = await UpdateRequestAsync(season, request.Id, null, r => r with
        {
            Stage = r.Stage == RequestStatus.Submitted ? RequestStatus.UnderReview : r.Stage,
            History = [.. r.History, .. planned.Select(p => new RequestHistoryEntry(now, caller.Id, p.Approve ? "line-approved" : "line-refused", p.Line.LineId + " : " + p.Reason.Message))],
        }, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(caller, result.Value, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.request.decide", Target(request), before, view, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var entry in displaced)
        {
            await NoteDisplacementAsync(caller, season, entry, now, cancellationToken).ConfigureAwait(false);
        }

        return LogisticsResult<RequestView>.Ok(view, result.ETag);
    }

    /// <summary>Confirms the request's granted lines: from now on only an explicit, audited decision changes them.</summary>
    public async Task<LogisticsResult<RequestView>> ConfirmAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken = default)
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
            return LogisticsResult<RequestView>.Conflict("Aucune ligne accordée à confirmer.");
        }

        // A technician confirms the lines of their own service; the others wait for their service.
        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var mine = toConfirm.Where(l => !items.TryGetValue(l.ItemId, out var item) || DecidesFor(caller, item)).ToList();
        if (mine.Count == 0)
        {
            return LogisticsResult<RequestView>.Forbidden("Les lignes à confirmer relèvent d'autres services : seuls leurs techniciens les confirment.");
        }

        toConfirm = mine;

        foreach (var group in toConfirm.GroupBy(l => l.ItemId))
        {
            await UpdateLedgerAsync(season, group.Key, ledger => ledger.With(group
                .Select(l => ledger.Find(request.Id, l.LineId))
                .OfType<AllocationEntry>()
                .Where(e => e.State == AllocationState.Approved)
                .Select(e => e with { State = AllocationState.Confirmed })), cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var result = await UpdateRequestAsync(season, request.Id, null, r => r with
        {
            History = [.. r.History, new RequestHistoryEntry(now, caller.Id, "confirmed", string.Join(", ", toConfirm.Select(l => l.LineId)))],
        }, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(caller, result.Value, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.request.confirm", Target(request), before, view, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LogisticsResult<RequestView>.Ok(view, result.ETag);
    }

    /// <summary>
    /// The explicit decision that changes a granted (possibly confirmed) line: a new quantity with
    /// a justification, recorded in the audit trail. More units than before must be available.
    /// </summary>
    public async Task<LogisticsResult<RequestView>> OverrideAsync(Caller caller, int season, string id, string lineId, ETag ifMatch, int? quantity, string? justification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return LogisticsResult<RequestView>.NotFound($"La demande « {id} » n'existe pas.");
        }

        var line = found.Value.Lines.FirstOrDefault(l => l.LineId == lineId);
        if (line is null)
        {
            return LogisticsResult<RequestView>.NotFound($"La ligne « {lineId} » n'existe pas dans cette demande.");
        }

        if (await OutOfScopeAsync(caller, season, line, cancellationToken).ConfigureAwait(false) is { } outOfScope)
        {
            return outOfScope;
        }

        if (found.ETag != ifMatch)
        {
            return LogisticsResult<RequestView>.Stale();
        }

        if (string.IsNullOrWhiteSpace(justification) || justification.Length > 500)
        {
            return LogisticsResult<RequestView>.Invalid("justification", "Une décision sur une allocation accordée est justifiée (500 caractères au plus).");
        }

        if (quantity is not { } q || q < 0 || q > line.Quantity)
        {
            return LogisticsResult<RequestView>.Invalid("quantity", $"La nouvelle quantité est comprise entre 0 et {line.Quantity}.");
        }

        var request = found.Value;
        var before = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        if (before.Lines.Single(l => l.LineId == lineId).Decision == LineDecisionKind.Pending)
        {
            return LogisticsResult<RequestView>.Conflict("La ligne attend encore sa décision : utilisez la décision de ligne.");
        }

        var items = (await _store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var classes = await AllocationSnapshot.ClassesAsync(_events, season, cancellationToken).ConfigureAwait(false);
        AllocationOutcome? shortOutcome = null;
        await UpdateLedgerAsync(season, line.ItemId, ledger =>
        {
            var entry = ledger.Find(request.Id, lineId)!;
            var changed = entry with
            {
                Granted = q,
                State = q == 0 ? AllocationState.Refused : entry.State == AllocationState.Refused ? AllocationState.Approved : entry.State,
                Reasons = [.. entry.Reasons, new Reason("override", "Décision des services techniques : " + justification.Trim())],
            };
            var next = AllocationSnapshot.WithClasses(ledger.With([changed]), classes);
            var allocation = ResourceAllocator.Allocate(line.ItemId, items[line.ItemId].Capacity, next.Entries);
            if (q > entry.Granted && allocation.Find(request.Id, lineId)!.Displaced)
            {
                shortOutcome = allocation.Find(request.Id, lineId);
                return null;
            }

            return next;
        }, cancellationToken).ConfigureAwait(false);
        if (shortOutcome is not null)
        {
            return Short(line, shortOutcome);
        }

        var now = _time.GetUtcNow();
        var result = await UpdateRequestAsync(season, request.Id, null, r => r with
        {
            History = [.. r.History, new RequestHistoryEntry(now, caller.Id, "overridden", lineId + " : " + justification.Trim())],
        }, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(caller, result.Value, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.allocation.override", Target(request) + "/" + lineId, before, view, justification.Trim(), cancellationToken).ConfigureAwait(false);
        return LogisticsResult<RequestView>.Ok(view, result.ETag);
    }

    /// <summary>Moves a request on: under review, scheduled, delivered, closed (the lifecycle's explicit steps).</summary>
    public async Task<LogisticsResult<RequestView>> MoveAsync(Caller caller, int season, string id, ETag ifMatch, string? target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Enum.TryParse<RequestStatus>(target, ignoreCase: true, out var to) || !Enum.IsDefined(to) || int.TryParse(target, CultureInfo.InvariantCulture, out _))
        {
            return LogisticsResult<RequestView>.Invalid("status", "Statut inconnu : underReview, scheduled, delivered ou closed.");
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
            return LogisticsResult<RequestView>.Conflict(
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
        try
        {
            etag = await _store.Requests.ReplaceAsync(LogisticsStore.SeasonKey(season), id, request, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return LogisticsResult<RequestView>.Stale();
        }

        var view = await ViewAsync(caller, request, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.request.status", Target(request), before, view, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LogisticsResult<RequestView>.Ok(view, etag);
    }

    /// <summary>Lines granted and not closed, for the crew schedule.</summary>
    internal async Task<IReadOnlyList<(StoredRequest Request, RequestLine Line, AllocationEntry Entry, CatalogItem Item)>> GrantedLinesAsync(int season, CancellationToken cancellationToken = default)
    {
        var requests = (await _store.ListRequestsAsync(season, cancellationToken).ConfigureAwait(false)).Select(r => r.Value)
            .Where(r => r.Stage is not (RequestStatus.Draft or RequestStatus.Closed)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, season, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = new List<(StoredRequest, RequestLine, AllocationEntry, CatalogItem)>();
        foreach (var allocation in snapshot.Allocations)
        {
            foreach (var outcome in allocation.Outcomes.Where(o => o.Entry.Holds && o.Available > 0))
            {
                if (requests.TryGetValue(outcome.Entry.RequestId, out var request) && request.Lines.FirstOrDefault(l => l.LineId == outcome.Entry.LineId) is { } line)
                {
                    result.Add((request, line, outcome.Entry with { Granted = outcome.Available }, snapshot.Items[allocation.ResourceId]));
                }
            }
        }

        return result;
    }

    private async Task<bool> TryApproveAllAsync(int season, StoredRequest request, IReadOnlyDictionary<string, CatalogItem> items, IReadOnlyList<Reason> reasons, CancellationToken cancellationToken)
    {
        var approved = new List<RequestLine>();
        foreach (var line in request.Lines.OrderBy(l => l.ItemId, StringComparer.Ordinal))
        {
            var ok = false;
            await UpdateLedgerAsync(season, line.ItemId, ledger =>
            {
                var entry = ledger.Find(request.Id, line.LineId);
                if (entry is not { State: AllocationState.Pending })
                {
                    return null;
                }

                var capacity = items[line.ItemId].Capacity;
                var next = ledger.With([entry with { State = AllocationState.Approved, Granted = entry.Requested, Reasons = reasons }]);
                var before = ResourceAllocator.Allocate(line.ItemId, capacity, ledger.Entries).Outcomes.Where(o => o.Displaced).Select(o => o.Entry.Key).ToHashSet(StringComparer.Ordinal);
                var after = ResourceAllocator.Allocate(line.ItemId, capacity, next.Entries).Outcomes.Where(o => o.Displaced).Select(o => o.Entry.Key).ToHashSet(StringComparer.Ordinal);

                // The fast procedure never displaces anyone: it approves only what is free now.
                if (!after.SetEquals(before))
                {
                    return null;
                }

                ok = true;
                return next;
            }, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                foreach (var done in approved)
                {
                    await UpdateLedgerAsync(season, done.ItemId, ledger => ledger.Find(request.Id, done.LineId) is { } e
                        ? ledger.With([e with { State = AllocationState.Pending, Granted = 0, Reasons = [] }])
                        : null, cancellationToken).ConfigureAwait(false);
                }

                return false;
            }

            approved.Add(line);
        }

        return true;
    }

    private async Task NoteDisplacementAsync(Caller caller, int season, AllocationEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = entry.Reasons.Count > 0 ? entry.Reasons[^1].Message : "Allocation réduite.";
        await UpdateRequestAsync(season, entry.RequestId, null, r => r with
        {
            History = [.. r.History, new RequestHistoryEntry(now, caller.Id, "line-displaced", entry.LineId + " : " + message)],
        }, cancellationToken).ConfigureAwait(false);
        await _audit.RecordAsync(caller, "logistics.allocation.displaced", string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/requests/{entry.RequestId}/{entry.LineId}"), null, entry, message, cancellationToken).ConfigureAwait(false);
    }

    private static LogisticsResult<RequestView> Short(RequestLine line, AllocationOutcome? outcome)
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

        return LogisticsResult<RequestView>.Refused("Stock ou capacité insuffisants pour accorder cette quantité.", reasons, "quantity");
    }

    /// <summary>Read – change – write of one resource's ledger with If-Match; <paramref name="change"/> returns null to leave it as it is.</summary>
    private Task UpdateLedgerAsync(int season, string itemId, Func<AllocationLedger, AllocationLedger?> change, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RetryAsync<bool>(async ct =>
        {
            var (ledger, etag) = await _store.GetLedgerAsync(season, itemId, ct).ConfigureAwait(false);
            var next = change(ledger);
            if (next is null)
            {
                return false;
            }

            await _store.SaveLedgerAsync(season, next, etag, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken: cancellationToken);

    private async Task<Versioned<StoredRequest>> UpdateRequestAsync(int season, string id, ETag? expected, Func<StoredRequest, StoredRequest> change, CancellationToken cancellationToken) =>
        await OptimisticConcurrency.RetryAsync(async ct =>
        {
            var current = await _store.GetRequestAsync(season, id, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"Request {id} vanished.");
            var next = change(current.Value);
            var etag = await _store.Requests.ReplaceAsync(LogisticsStore.SeasonKey(season), id, next, current.ETag, ct).ConfigureAwait(false);
            return new Versioned<StoredRequest>(next, etag);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The request to change, or the refusal: absent (or another organisation's), or changed since the caller read it.</summary>
    private async Task<(Versioned<StoredRequest>? Found, LogisticsResult<RequestView>? Refusal)> ForChangeAsync(Caller caller, int season, string id, ETag ifMatch, CancellationToken cancellationToken)
    {
        var found = await FindAsync(caller, season, id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, LogisticsResult<RequestView>.NotFound($"La demande « {id} » n'existe pas."));
        }

        return found.ETag == ifMatch ? (found, null) : (null, LogisticsResult<RequestView>.Stale());
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
        var snapshot = await AllocationSnapshot.LoadAsync(_store, _events, request.Season, request.Lines.Select(l => l.ItemId), cancellationToken).ConfigureAwait(false);
        return View(caller, request, snapshot);
    }

    private static RequestView View(Caller caller, StoredRequest request, AllocationSnapshot snapshot)
    {
        var technical = SeesAll(caller);
        var priority = PriorityClass.Other;
        var lines = new List<RequestLineView>();
        foreach (var line in request.Lines)
        {
            snapshot.Items.TryGetValue(line.ItemId, out var item);
            var outcome = snapshot.Outcome(line.ItemId, request.Id, line.LineId);
            var entry = outcome?.Entry;
            if (entry is not null)
            {
                priority = entry.Class;
            }

            var state = entry?.State ?? AllocationState.Pending;
            var granted = state == AllocationState.Pending ? 0 : outcome?.Available ?? 0;
            var decision = request.Stage == RequestStatus.Draft ? LineDecisionKind.Pending : RequestLifecycle.LineDecision(state, granted, line.Quantity);
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
                item?.CostOf(decision == LineDecisionKind.Pending ? line.Quantity : granted, line.Delivery, line.Pickup) ?? 0m,
                reasons,
                decision is LineDecisionKind.Approved ? null : outcome?.Alternative,
                technical && outcome is not null ? [.. outcome.Conflicts.Select(c => c.Split('/')).Select(c => new ConflictView(c[0], c[1]))] : null));
        }

        var status = RequestLifecycle.StatusOf(request.Stage, [.. lines.Select(l => l.Decision)]);
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
            request.History);
    }

    private static string Target(StoredRequest request) =>
        string.Create(CultureInfo.InvariantCulture, $"seasons/{request.Season}/requests/{request.Id}");
}
