using System.Collections.Concurrent;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Decisions;
using Saison.Domain.Events;
using Saison.Domain.Seasons;
using Saison.Storage;

namespace Saison.Application.Events;

/// <summary>
/// The season's events: propose, edit, move, confirm, validate into the summer tourism agenda or
/// keep out, cancel, done. Organisers see and change only their organisation's events. Every
/// change is checked by the domain rules, written with If-Match together with the event's reverse
/// plan, and audited.
/// </summary>
public sealed class EventService : ISeasonEvents
{
    private readonly SeasonTables _tables;
    private readonly SeasonService _seasons;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly IEventPlanSync _plans;
    private readonly IReadOnlyList<IEventFollower> _followers;

    // The order of a list of events: by start, then id.
    private static readonly Comparer<Versioned<SeasonEvent>> DateOrder = Comparer<Versioned<SeasonEvent>>.Create((x, y) =>
        x.Value.Schedule.Start.CompareTo(y.Value.Schedule.Start) is var byStart and not 0 ? byStart : string.CompareOrdinal(x.Value.Id, y.Value.Id));

    // Each season's events as last listed, valid while the season's events revision keeps its ETag
    // (every transaction that writes an event rewrites the revision), and followed through this process's own event
    // transactions (SeasonTables.EventsWrittenBetween): logistics reads the whole list for priority classes at every
    // submission, and 3,000 events take tens of milliseconds to parse.
    private readonly ConcurrentDictionary<int, (ETag Revision, IReadOnlyList<Versioned<SeasonEvent>> Events)> _listed = new();

    // Their summaries, valid for that same list and the same lookup (season, organisers and sites).
    private readonly ConcurrentDictionary<int, (IReadOnlyList<Versioned<SeasonEvent>> Events, EventLookup Lookup, IReadOnlyList<EventSummary> Summaries)> _summaries = new();

    // Each season's lookup as last made, valid while its season, organisers and sites keep their keys and ETags.
    private readonly ConcurrentDictionary<int, (LookupVersion Version, EventLookup Lookup)> _lookups = new();

    public EventService(SeasonTables tables, SeasonService seasons, AuditTrail audit, TimeProvider time, IEventPlanSync plans, IEnumerable<IEventFollower> followers)
    {
        _followers = [.. followers];
        _tables = tables;
        _seasons = seasons;
        _audit = audit;
        _time = time;
        _plans = plans;
    }

    public async Task<EventSummary?> FindAsync(int season, string eventId, CancellationToken cancellationToken = default)
    {
        var lookup = await LookupAsync(season, cancellationToken).ConfigureAwait(false);
        return lookup is null ? null : await FindAsync(lookup, season, eventId, cancellationToken).ConfigureAwait(false);
    }

    async Task<IReadOnlyList<EventSummary>> ISeasonEvents.ListAsync(int season, CancellationToken cancellationToken)
    {
        var lookup = await LookupAsync(season, cancellationToken).ConfigureAwait(false);
        return lookup is null ? [] : await SummariesAsync(lookup, season, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(EventSummary? Event, IReadOnlyList<EventSummary> All)> FindAmongAllAsync(int season, string eventId, CancellationToken cancellationToken = default)
    {
        var lookup = await LookupAsync(season, cancellationToken).ConfigureAwait(false);
        if (lookup is null)
        {
            return (null, []);
        }

        var found = await FindAsync(lookup, season, eventId, cancellationToken).ConfigureAwait(false);
        return found is null ? (null, []) : (found, await SummariesAsync(lookup, season, cancellationToken).ConfigureAwait(false));
    }

    private async Task<EventSummary?> FindAsync(EventLookup lookup, int season, string eventId, CancellationToken cancellationToken)
    {
        var found = await _tables.Events.GetAsync(SeasonTables.Key(season), SeasonTables.EventKey(eventId), cancellationToken).ConfigureAwait(false);
        return found is null ? null : lookup.Summary(found.Value);
    }

    /// <summary>Every event of the season summarised with <paramref name="lookup"/>, made once per list of events and lookup.</summary>
    private async Task<IReadOnlyList<EventSummary>> SummariesAsync(EventLookup lookup, int season, CancellationToken cancellationToken)
    {
        var events = await ListRecordsAsync(season, cancellationToken).ConfigureAwait(false);

        // The same lookup instance means the same season, organisers and sites (see LookupAsync).
        if (_summaries.TryGetValue(season, out var cached) && ReferenceEquals(cached.Events, events) && ReferenceEquals(cached.Lookup, lookup))
        {
            return cached.Summaries;
        }

        IReadOnlyList<EventSummary> summaries = [.. events.Select(e => lookup.Summary(e.Value))];
        _summaries[season] = (events, lookup, summaries);
        return summaries;
    }

    /// <summary>Every event of a season (all organisations), in date order.</summary>
    public async Task<IReadOnlyList<Versioned<SeasonEvent>>> ListRecordsAsync(int season, CancellationToken cancellationToken = default)
    {
        // The revision is read first: an event written after it changes it, so the list is read again next time.
        var revision = await _tables.EventsRevisions.GetAsync(SeasonTables.Key(season), SeasonTables.EventsRevisionKey, cancellationToken).ConfigureAwait(false);
        _tables.NoteEventsRevision(season, revision?.ETag);
        if (revision is not null && _listed.TryGetValue(season, out var cached))
        {
            if (cached.Revision == revision.ETag)
            {
                return cached.Events;
            }

            // Only this process's event transactions wrote since, one after the other: the list follows them.
            if (_tables.EventsWrittenBetween(season, cached.Revision, revision.ETag) is { } written)
            {
                var followed = With(cached.Events, written);
                _listed[season] = (revision.ETag, followed);
                return followed;
            }
        }

        IReadOnlyList<Versioned<SeasonEvent>> events = [.. (await _tables.Events.ListAsync(SeasonTables.Key(season), SeasonTables.EventPrefix, cancellationToken).ConfigureAwait(false))
            .Order(DateOrder)];
        if (revision is not null)
        {
            _listed[season] = (revision.ETag, events);
        }

        return events;
    }

    /// <summary>A season's events with those written since: each replaced or inserted, in date order (as a read lists them).</summary>
    private static IReadOnlyList<Versioned<SeasonEvent>> With(IReadOnlyList<Versioned<SeasonEvent>> events, IReadOnlyList<SeasonWrite> written)
    {
        var latest = new Dictionary<string, Versioned<SeasonEvent>>(StringComparer.Ordinal);
        foreach (var e in written.SelectMany(w => w.Events))
        {
            latest[e.Value.Id] = e;
        }

        var list = events.Where(e => !latest.ContainsKey(e.Value.Id)).ToList();
        foreach (var e in latest.Values)
        {
            var at = list.BinarySearch(e, DateOrder);
            list.Insert(at >= 0 ? at : ~at, e);
        }

        return list;
    }

    /// <summary>
    /// The season, its organisers and sites, to check and show events; null without the season. All three are read
    /// every time; while none changed (same keys, same ETags) the lookup made from them before is answered again.
    /// </summary>
    public async Task<EventLookup?> LookupAsync(int season, CancellationToken cancellationToken = default)
    {
        var found = await _seasons.GetAsync(season, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var organisers = await _seasons.ListVersionedOrganisersAsync(season, cancellationToken).ConfigureAwait(false);
        var sites = await _seasons.ListVersionedSitesAsync(season, cancellationToken).ConfigureAwait(false);
        var version = new LookupVersion(found.ETag, [.. organisers.Select(o => (o.Value.Id, o.ETag))], [.. sites.Select(s => (s.Value.Id, s.ETag))]);
        if (_lookups.TryGetValue(season, out var cached) && cached.Version.Equals(version))
        {
            return cached.Lookup;
        }

        var lookup = new EventLookup(
            found.Value,
            organisers.Select(o => o.Value).ToDictionary(o => o.Id, StringComparer.Ordinal),
            sites.Select(s => s.Value).ToDictionary(s => s.Id, StringComparer.Ordinal));
        _lookups[season] = (version, lookup);
        return lookup;
    }

    /// <summary>What a lookup was made from: the season's ETag, each organiser's and site's id and ETag, in the order listed.</summary>
    private sealed record LookupVersion(ETag Season, (string Id, ETag ETag)[] Organisers, (string Id, ETag ETag)[] Sites)
    {
        public bool Equals(LookupVersion? other) =>
            other is not null && Season == other.Season && Organisers.AsSpan().SequenceEqual(other.Organisers) && Sites.AsSpan().SequenceEqual(other.Sites);

        public override int GetHashCode() => HashCode.Combine(Season, Organisers.Length, Sites.Length);
    }

    /// <summary>The events the caller may see: an organiser only their organisation's.</summary>
    public async Task<Outcome<IReadOnlyList<EventView>>> ListAsync(Caller caller, int season, EventFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var lookup = await LookupAsync(season, cancellationToken).ConfigureAwait(false);
        if (lookup is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        var events = await ListRecordsAsync(season, cancellationToken).ConfigureAwait(false);
        var visible = events.Select(e => e.Value)
            .Where(e => MaySee(caller, e))
            .Where(e => filter.OrganiserId is null || e.OrganiserId == filter.OrganiserId)
            .Where(e => filter.Status is null || e.Status == filter.Status)
            .Where(e => filter.InAgenda is null || (e.Agenda == AgendaStatus.InAgenda) == filter.InAgenda)
            .Where(e => filter.Theme is null || e.Themes.Contains(filter.Theme, StringComparer.Ordinal))
            .Where(e => filter.From is null || e.LastDay >= filter.From)
            .Where(e => filter.To is null || e.FirstDay <= filter.To)
            .Select(lookup.View)
            .ToList();
        return Outcome<IReadOnlyList<EventView>>.Ok(visible, default);
    }

    /// <summary>One event, if the caller may see it.</summary>
    public async Task<Outcome<EventView>> GetAsync(Caller caller, int season, string eventId, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(caller, season, eventId, cancellationToken).ConfigureAwait(false);
        if (loaded.Failure is { } failure)
        {
            return failure;
        }

        return Outcome<EventView>.Ok(loaded.Lookup!.View(loaded.Current!.Value), loaded.Current.ETag);
    }

    /// <summary>Proposes an event: an organiser for their own organisation, the project cell for any.</summary>
    public async Task<Outcome<EventView>> ProposeAsync(Caller caller, int season, EventInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var lookup = await LookupAsync(season, cancellationToken).ConfigureAwait(false);
        if (lookup is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        if (EventInputParser.Content(input.Title, input.Kind, input.SiteId, input.ExpectedAttendance, input.Themes, creating: true) is { } invalid)
        {
            return invalid;
        }

        if (input.Size is null)
        {
            return Failure.Validation("size", "La taille de l'événement (small, medium, large, major) est obligatoire.");
        }

        var organiserId = input.OrganiserId;
        if (IsOrganiserOnly(caller))
        {
            organiserId ??= caller.Scopes.Count == 1 ? caller.Scopes.First() : null;
            if (organiserId is null || !caller.HasScope(organiserId))
            {
                return Failure.Forbidden($"Vous ne pouvez proposer un événement que pour votre organisation ({string.Join(", ", caller.Scopes)}).");
            }
        }
        else if (string.IsNullOrWhiteSpace(organiserId))
        {
            return Failure.Validation("organiserId", "Indiquez l'organisateur de l'événement.");
        }

        var (schedule, scheduleFailure) = EventInputParser.Schedule(input.Start, input.End, input.FirstDay, input.LastDay, lookup.Zone);
        if (scheduleFailure is not null)
        {
            return scheduleFailure;
        }

        var (recurrence, recurrenceFailure) = EventInputParser.Recurrence(input.Recurrence);
        if (recurrenceFailure is not null)
        {
            return recurrenceFailure;
        }

        var now = _time.GetUtcNow();
        var today = SeasonTime.Today(_time, lookup.Zone);
        var candidate = new SeasonEvent(
            NewId(schedule!.FirstDay),
            season,
            input.Title!.Trim(),
            input.Description?.Trim() ?? string.Empty,
            organiserId,
            input.Kind!.Trim(),
            input.Themes ?? [],
            input.SiteId!.Trim(),
            schedule,
            recurrence,
            input.ExpectedAttendance ?? 0,
            input.Size.Value,
            EventStatus.Proposed,
            AgendaStatus.Pending,
            null,
            today,
            1,
            now);
        var decision = EventRules.CheckContent(candidate, Context(lookup));
        if (decision.IsRefused)
        {
            return Failure.From(decision, "L'événement ne peut pas être proposé.", field: FieldOf(decision));
        }

        var actions = new List<TableTransactionAction>
        {
            TableTransactionAction.Add(_tables.Events.ToEntity(SeasonTables.Key(season), SeasonTables.EventKey(candidate.Id), candidate)),
        };
        actions.AddRange(await _plans.PlanActionsAsync(lookup.Season, null, candidate, today, cancellationToken).ConfigureAwait(false));
        var audit = Audit(caller, season, new AuditRecord("event.propose", Target(candidate), null, candidate));
        actions.Add(audit.Action);
        var etags = await _tables.SubmitEventsAsync(season, actions, now, cancellationToken).ConfigureAwait(false);
        await _audit.CompleteAsync(audit, cancellationToken).ConfigureAwait(false);
        return Outcome<EventView>.Created(lookup.View(candidate), etags[0]!.Value);
    }

    /// <summary>Edits the content (title, description, kind, themes, site, attendance, size, recurrence).</summary>
    public Task<Outcome<EventView>> EditAsync(Caller caller, int season, string eventId, EventInput input, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, season, eventId, ifMatch, "event.edit", (current, lookup, now) =>
        {
            ArgumentNullException.ThrowIfNull(input);
            if (!SameDates(input, current, lookup))
            {
                return Failure.Validation("start", "Les dates changent par un déplacement (POST …/move), pas par une modification.");
            }

            if (input.OrganiserId is not null && input.OrganiserId != current.OrganiserId)
            {
                return Failure.Validation("organiserId", "L'organisateur d'un événement ne change pas.");
            }

            if (EventInputParser.Content(input.Title, input.Kind, input.SiteId, input.ExpectedAttendance, input.Themes, creating: false) is { } invalid)
            {
                return invalid;
            }

            var editable = EventRules.CheckEditable(current);
            if (editable.IsRefused)
            {
                return Failure.From(editable, "L'événement ne peut pas être modifié.", OutcomeKind.Conflict);
            }

            var (recurrence, recurrenceFailure) = EventInputParser.Recurrence(input.Recurrence);
            if (recurrenceFailure is not null)
            {
                return recurrenceFailure;
            }

            var changed = current.With(now, title: input.Title?.Trim(), description: input.Description?.Trim(), kind: input.Kind?.Trim(), themes: input.Themes, siteId: input.SiteId?.Trim(), recurrence: recurrence, expectedAttendance: input.ExpectedAttendance, size: input.Size);
            var decision = EventRules.CheckContent(changed, Context(lookup));
            return decision.IsRefused ? Failure.From(decision, "La modification est refusée.", field: FieldOf(decision)) : changed;
        }, cancellationToken);

    /// <summary>Moves the event (a whole recurring series shifts with its first occurrence); its open milestones follow.</summary>
    public Task<Outcome<EventView>> MoveAsync(Caller caller, int season, string eventId, MoveInput input, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, season, eventId, ifMatch, "event.move", (current, lookup, now) =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var movable = EventRules.CheckMove(current);
            if (movable.IsRefused)
            {
                return Failure.From(movable, "L'événement ne peut pas être déplacé.", OutcomeKind.Conflict);
            }

            var (schedule, failure) = EventInputParser.Schedule(input.Start, input.End, input.FirstDay, input.LastDay, lookup.Zone, current.Schedule);
            if (failure is not null)
            {
                return failure;
            }

            var recurrence = current.Recurrence is { } r ? Shift(r, schedule!.FirstDay.DayNumber - current.Schedule.FirstDay.DayNumber) : null;
            var changed = current.With(now, schedule: schedule, recurrence: recurrence);
            var decision = EventRules.CheckContent(changed, Context(lookup));
            return decision.IsRefused ? Failure.From(decision, "Le déplacement est refusé.", field: "start") : changed;
        }, cancellationToken);

    public Task<Outcome<EventView>> ConfirmAsync(Caller caller, int season, string eventId, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        TransitionAsync(caller, season, eventId, ifMatch, "event.confirm", EventRules.CheckConfirm, (e, now) => e.With(now, status: EventStatus.Confirmed), "L'événement ne peut pas être confirmé.", cancellationToken);

    public Task<Outcome<EventView>> CancelAsync(Caller caller, int season, string eventId, string? reason, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        TransitionAsync(caller, season, eventId, ifMatch, "event.cancel", EventRules.CheckCancel, (e, now) => e.With(now, status: EventStatus.Cancelled), "L'événement ne peut pas être annulé.", cancellationToken, reason);

    public Task<Outcome<EventView>> MarkDoneAsync(Caller caller, int season, string eventId, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, season, eventId, ifMatch, "event.done", (current, lookup, now) =>
        {
            var decision = EventRules.CheckDone(current, SeasonTime.Today(_time, lookup.Zone));
            return decision.IsRefused ? Failure.From(decision, "L'événement ne peut pas être déclaré réalisé.", OutcomeKind.Conflict) : current.With(now, status: EventStatus.Done);
        }, cancellationToken);

    /// <summary>The project cell validates the event into the summer tourism agenda, or keeps it out with a reason.</summary>
    public Task<Outcome<EventView>> DecideAgendaAsync(Caller caller, int season, string eventId, AgendaStatus target, string? note, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, season, eventId, ifMatch, target == AgendaStatus.InAgenda ? "event.agenda.in" : "event.agenda.out", (current, lookup, now) =>
        {
            if (target == AgendaStatus.Pending)
            {
                return Failure.Validation("decision", "La décision est « in » (dans l'agenda) ou « out » (hors agenda).");
            }

            var decision = EventRules.CheckAgendaDecision(current, target, note);
            if (decision.IsRefused)
            {
                var kind = decision.Reasons.Any(r => r.Code == "agenda-out-needs-reason") ? OutcomeKind.Validation : OutcomeKind.Conflict;
                return Failure.From(decision, "La décision sur l'agenda est refusée.", kind, kind == OutcomeKind.Validation ? "note" : null);
            }

            return current.With(now, agenda: target, agendaNote: note?.Trim());
        }, cancellationToken);

    private Task<Outcome<EventView>> TransitionAsync(Caller caller, int season, string eventId, ETag? ifMatch, string action, Func<SeasonEvent, Decision> rule, Func<SeasonEvent, DateTimeOffset, SeasonEvent> apply, string refusal, CancellationToken cancellationToken, string? justification = null) =>
        ChangeAsync(caller, season, eventId, ifMatch, action, (current, _, now) =>
        {
            var decision = rule(current);
            return decision.IsRefused ? Failure.From(decision, refusal, OutcomeKind.Conflict) : apply(current, now);
        }, cancellationToken, justification);

    /// <summary>
    /// Whether an edit leaves the dates as they are: none given, or the ones a GET returned (start/end with
    /// their offset, or the same whole days).
    /// </summary>
    private static bool SameDates(EventInput input, SeasonEvent current, EventLookup lookup)
    {
        if (input.Start is null && input.End is null && input.FirstDay is null && input.LastDay is null)
        {
            return true;
        }

        var shown = lookup.View(current);
        var schedule = current.Schedule;
        var sameStart = input.Start is null || (DateTimeOffset.TryParse(input.Start, System.Globalization.CultureInfo.InvariantCulture, out var start) && start == shown.Start);
        var sameEnd = input.End is null || (DateTimeOffset.TryParse(input.End, System.Globalization.CultureInfo.InvariantCulture, out var end) && end == shown.End);
        var sameFirst = input.FirstDay is null || (schedule.AllDay && input.FirstDay == schedule.FirstDay);
        var sameLast = input.LastDay is null || (schedule.AllDay && input.LastDay == schedule.LastDay);
        return sameStart && sameEnd && sameFirst && sameLast;
    }

    private async Task<Outcome<EventView>> ChangeAsync(Caller caller, int season, string eventId, ETag? ifMatch, string action, Func<SeasonEvent, EventLookup, DateTimeOffset, Change> change, CancellationToken cancellationToken, string? justification = null)
    {
        var loaded = await LoadAsync(caller, season, eventId, cancellationToken).ConfigureAwait(false);
        if (loaded.Failure is { } failure)
        {
            return failure;
        }

        var (lookup, current) = (loaded.Lookup!, loaded.Current!);
        if (ifMatch is not { } etag)
        {
            return Failure.PreconditionRequired();
        }

        if (SeasonRules.CheckOpenForChanges(lookup.Season) is { IsRefused: true } closed)
        {
            return Failure.From(closed, "L'événement ne change plus.", OutcomeKind.Conflict);
        }

        if (etag != current.ETag)
        {
            return Failure.PreconditionFailed();
        }

        var outcome = change(current.Value, lookup, _time.GetUtcNow());
        if (outcome.Failure is { } refused)
        {
            return refused;
        }

        var changed = outcome.Event!;
        var today = SeasonTime.Today(_time, lookup.Zone);
        for (var attempt = 1; ; attempt++)
        {
            var actions = new List<TableTransactionAction>
            {
                TableTransactionAction.UpdateReplace(_tables.Events.ToEntity(SeasonTables.Key(season), SeasonTables.EventKey(eventId), changed), etag),
            };
            actions.AddRange(await _plans.PlanActionsAsync(lookup.Season, current.Value, changed, today, cancellationToken).ConfigureAwait(false));
            var audit = Audit(caller, season, new AuditRecord(action, Target(changed), current.Value, changed, justification));
            actions.Add(audit.Action);
            try
            {
                var etags = await _tables.SubmitEventsAsync(season, actions, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await _audit.CompleteAsync(audit, cancellationToken).ConfigureAwait(false);
                await FollowAsync(caller, lookup.Summary(current.Value), lookup.Summary(changed), cancellationToken).ConfigureAwait(false);
                return Outcome<EventView>.Ok(lookup.View(changed), etags[0]!.Value);
            }
            catch (TableStoreException e) when (e.IsPreconditionFailed && e.FailedActionIndex is > 0 && attempt < 3)
            {
                // The event still had the caller's ETag; its plan was written meanwhile (a milestone done by a decision or a
                // submission): the plan is read again and the caller's change made on it.
            }
            catch (TableStoreException e) when (e.IsPreconditionFailed)
            {
                return Failure.PreconditionFailed();
            }
        }
    }

    /// <summary>What depends on the event follows it when its dates or size changed (after its own transaction).</summary>
    private async Task FollowAsync(Caller caller, EventSummary before, EventSummary after, CancellationToken cancellationToken)
    {
        if (before.Start == after.Start && before.End == after.End && before.SizeClass == after.SizeClass)
        {
            return;
        }

        foreach (var follower in _followers)
        {
            await follower.FollowAsync(caller, before, after, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Loaded> LoadAsync(Caller caller, int season, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var lookup = await LookupAsync(season, cancellationToken).ConfigureAwait(false);
        if (lookup is null)
        {
            return new(null, null, Failure.NotFound($"La saison {season} n'existe pas."));
        }

        var current = await _tables.Events.GetAsync(SeasonTables.Key(season), SeasonTables.EventKey(eventId), cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new(null, null, Failure.NotFound($"L'événement « {eventId} » n'existe pas dans la saison {season}."));
        }

        if (!MaySee(caller, current.Value))
        {
            // One existence rule: what a caller may not see does not exist for them (the same 404 as an unknown id).
            return new(null, null, Failure.NotFound($"L'événement « {eventId} » n'existe pas dans la saison {season}."));
        }

        return new(lookup, current, null);
    }

    /// <summary>An organiser (without a broader role) sees only their organisation's events; everyone else sees all.</summary>
    public static bool MaySee(Caller caller, SeasonEvent e)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(e);
        return !IsOrganiserOnly(caller) || caller.HasScope(e.OrganiserId);
    }

    private static bool IsOrganiserOnly(Caller caller) =>
        caller.IsInRole(Roles.Organiser) && !caller.IsInAnyRole(Roles.ProjectCell, Roles.Admin);

    private static EventContext Context(EventLookup lookup) =>
        new(lookup.Season, lookup.Sites.Keys.ToHashSet(StringComparer.Ordinal), lookup.Organisers.Keys.ToHashSet(StringComparer.Ordinal));

    private static string? FieldOf(Decision decision) => decision.Reasons[0].Code switch
    {
        "unknown-theme" or "no-theme" => "themes",
        "unknown-site" => "siteId",
        "unknown-organiser" => "organiserId",
        "outside-bounds" => "start",
        var code when code.StartsWith("recurrence", StringComparison.Ordinal) => "recurrence",
        _ => null,
    };

    private static WeeklyRecurrence Shift(WeeklyRecurrence rule, int days) =>
        new(
            [.. rule.Days.Select(d => (DayOfWeek)(((((int)d + days) % 7) + 7) % 7))],
            rule.Until?.AddDays(days),
            rule.Count,
            [.. rule.Exceptions.Select(e => e.AddDays(days))],
            rule.Interval);

    private static string NewId(DateOnly firstDay) =>
        $"evt-{firstDay:MMdd}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>An event's change recorded in its own transaction, on the season's partition (<see cref="AuditTrail.Prepare"/>).</summary>
    private PendingAudit Audit(Caller caller, int season, AuditRecord record) =>
        _audit.Prepare(caller, _tables.Events.Table, SeasonTables.Key(season), [record]);

    private static string Target(SeasonEvent e) => $"seasons/{e.Season}/events/{e.Id}";

    private sealed record Loaded(EventLookup? Lookup, Versioned<SeasonEvent>? Current, Failure? Failure);

    /// <summary>A changed event or the reason it may not change.</summary>
    private sealed record Change(SeasonEvent? Event, Failure? Failure)
    {
        public static implicit operator Change(SeasonEvent e) => new(e, null);

        public static implicit operator Change(Failure failure) => new(null, failure);
    }
}

/// <summary>Filters of the event list; every one optional.</summary>
public sealed record EventFilter(string? OrganiserId = null, EventStatus? Status = null, bool? InAgenda = null, string? Theme = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Keeps an event's reverse plan in step with the event: the writes (same table and partition as
/// the event) that go into the event's own transaction.
/// </summary>
public interface IEventPlanSync
{
    Task<IReadOnlyList<TableTransactionAction>> PlanActionsAsync(Season season, SeasonEvent? before, SeasonEvent after, DateOnly today, CancellationToken cancellationToken = default);
}
