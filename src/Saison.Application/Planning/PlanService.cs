using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Events;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Calendar;
using Saison.Domain.Destinations;
using Saison.Domain.Events;
using Saison.Domain.Planning;
using Saison.Domain.Seasons;
using Saison.Storage;

namespace Saison.Application.Planning;

/// <summary>
/// The shared reverse plan: templates, each event's plan kept in step with the event, the season's
/// own milestones, statuses on a day, marking done, baselines and slips, the shared views.
/// </summary>
public sealed class PlanService : IEventPlanSync, ISeasonPlanSync, IReversePlanMilestones
{
    private readonly SeasonTables _tables;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;

    private readonly Destination _destination;

    // Each season's plan as last read, valid for the same events and plans revisions (an event's transaction rewrites
    // the first, any other plan write the second), season record and day, and followed through this process's own
    // writes of either: the shared plan and the COPIL read it instead of every event and plan.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, ((ETag? Events, ETag? Plans, ETag Season, DateOnly Today) Key, LoadedPlan Plan)> _loaded = new();

    // Each season's milestones as the other areas read them (the COPIL), made once per plan loaded.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (LoadedPlan Plan, IReadOnlyList<MilestoneSummary> Milestones)> _summaries = new();

    public PlanService(SeasonTables tables, AuditTrail audit, TimeProvider time, Destination destination)
    {
        _destination = destination;
        _tables = tables;
        _audit = audit;
        _time = time;
    }

    public async Task<IReadOnlyList<Versioned<PlanTemplate>>> ListTemplatesAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await _tables.Templates.ListAsync(SeasonTables.Key(season), SeasonTables.TemplatePrefix, cancellationToken).ConfigureAwait(false)).OrderBy(t => t.Value.Id, StringComparer.Ordinal)];

    public Task<Versioned<PlanTemplate>?> GetTemplateAsync(int season, string id, CancellationToken cancellationToken = default) =>
        _tables.Templates.GetAsync(SeasonTables.Key(season), SeasonTables.TemplateKey(id), cancellationToken);

    /// <summary>Creates a template (no If-Match) or replaces it (If-Match); events planned later use it.</summary>
    public async Task<Outcome<PlanTemplate>> SaveTemplateAsync(Caller caller, int season, PlanTemplate candidate, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (await _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, SeasonTables.Key(season), cancellationToken).ConfigureAwait(false) is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        var partition = SeasonTables.Key(season);
        var current = await _tables.Templates.GetAsync(partition, SeasonTables.TemplateKey(candidate.Id), cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is null)
            {
                var created = new PlanTemplate(candidate.Id, candidate.Name, candidate.Kinds, candidate.Sizes, candidate.Milestones);
                var etag = await _audit.InsertAsync(caller, _tables.Templates, partition, SeasonTables.TemplateKey(created.Id), created, new AuditRecord("plan.template.create", $"seasons/{season}/plan/templates/{created.Id}", null, created), cancellationToken).ConfigureAwait(false);
                return Outcome<PlanTemplate>.Ok(created, etag);
            }

            if (ifMatch is not { } expected)
            {
                return Failure.PreconditionRequired();
            }

            var changed = current.Value.With(candidate.Name, candidate.Kinds, candidate.Sizes, candidate.Milestones);
            var written = await _audit.ReplaceAsync(caller, _tables.Templates, partition, SeasonTables.TemplateKey(changed.Id), changed, expected, new AuditRecord("plan.template.update", $"seasons/{season}/plan/templates/{changed.Id}", current.Value, changed), cancellationToken).ConfigureAwait(false);
            return Outcome<PlanTemplate>.Ok(changed, written);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed || e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Failure.PreconditionFailed();
        }
    }

    /// <summary>The plan writes that go with an event's change: a new plan, a recomputed one (done milestones kept), or a cancelled one.</summary>
    public async Task<IReadOnlyList<TableTransactionAction>> PlanActionsAsync(Season season, SeasonEvent? before, SeasonEvent after, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(season);
        ArgumentNullException.ThrowIfNull(after);
        var partition = SeasonTables.Key(season.Year);
        var key = SeasonTables.PlanKey(after.Id);
        var existing = before is null ? null : await _tables.Plans.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (after.Status == EventStatus.Cancelled)
        {
            return existing is null || existing.Value.Cancelled
                ? []
                : [TableTransactionAction.UpdateReplace(_tables.Plans.ToEntity(partition, key, existing.Value.AsCancelled(now)), existing.ETag)];
        }

        var replan = existing is null
            || before is null
            || before.FirstDay != after.FirstDay
            || before.LastDay != after.LastDay
            || before.Kind != after.Kind
            || before.Size != after.Size;
        if (!replan)
        {
            return [];
        }

        var templates = await ListTemplatesAsync(season.Year, cancellationToken).ConfigureAwait(false);
        var template = PlanTemplateRules.Choose(templates.Select(t => t.Value), after.Kind, after.Size);
        if (template is null)
        {
            return [];
        }

        var plan = ReversePlanner.Generate(template, season.Year, after.Id, after.FirstDay, after.LastDay, today, existing?.Value, now, _destination.WorkingDays);
        var entity = _tables.Plans.ToEntity(partition, key, plan);
        return [existing is null ? TableTransactionAction.UpsertReplace(entity) : TableTransactionAction.UpdateReplace(entity, existing.ETag)];
    }

    /// <summary>New bounds move the season's open milestones; validating the agenda freezes a baseline.</summary>
    public async Task SeasonChangedAsync(Caller caller, Season before, Season after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var today = SeasonTime.Today(_time, SeasonTime.Zone(after.TimeZoneId));
        if (before.Bounds != after.Bounds)
        {
            await OptimisticConcurrency.RetryAsync(ct => RegenerateSeasonPlanAsync(after, today, ct), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (before.Status != SeasonStatus.AgendaValidated && after.Status == SeasonStatus.AgendaValidated)
        {
            await FreezeAsync(caller, after.Year, "Validation de l'agenda", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Generates (or recomputes, keeping what is done) the season's own milestones from the season template.</summary>
    public async Task<EventPlan?> RegenerateSeasonPlanAsync(Season season, DateOnly earliest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(season);
        var partition = SeasonTables.Key(season.Year);
        var template = await GetTemplateAsync(season.Year, PlanTemplateRules.SeasonTemplateId, cancellationToken).ConfigureAwait(false);
        if (template is null)
        {
            return null;
        }

        var existing = await _tables.Plans.GetAsync(partition, SeasonTables.SeasonPlanKey, cancellationToken).ConfigureAwait(false);
        var plan = ReversePlanner.Generate(template.Value, season.Year, null, season.Bounds.First, season.Bounds.Last, earliest, existing?.Value, _time.GetUtcNow(), _destination.WorkingDays);
        await _tables.WritePlanAsync(season.Year, SeasonTables.SeasonPlanKey, plan, existing?.ETag, _time.GetUtcNow(), cancellationToken: cancellationToken).ConfigureAwait(false);

        return plan;
    }

    /// <summary>The shared plan on a day (the clock's today unless <see cref="PlanQuery.AsOf"/>), filtered and grouped.</summary>
    public async Task<Outcome<PlanView>> GetPlanAsync(int season, PlanQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var loaded = await LoadAsync(season, query.AsOf, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        bool Visible(string? eventId) =>
            eventId is null || query.Caller is null || (loaded.Events.TryGetValue(eventId, out var e) && Events.EventService.MaySee(query.Caller, e));

        if (query.EventId is not null && (!loaded.Events.ContainsKey(query.EventId) || !Visible(query.EventId)))
        {
            return Failure.NotFound($"L'événement « {query.EventId} » n'existe pas dans la saison {season}.");
        }

        var (from, to) = (query.From, query.To);
        if (query.Window is not null)
        {
            if (DueWindows.Resolve(query.Window, loaded.Today) is not { } window)
            {
                return Failure.Validation("window", $"Fenêtre « {query.Window} » inconnue : {string.Join(", ", DueWindows.Names)}.");
            }

            (from, to) = (window.From, window.To);
        }

        if (query.GroupBy is not (null or "event" or "owner"))
        {
            return Failure.Validation("groupBy", "Regroupement possible par « event » ou par « owner ».");
        }

        var milestones = loaded.Views
            .Where(v => query.IncludeSeason || v.EventId is not null)
            .Where(v => Visible(v.EventId))
            .Where(v => query.EventId is null || v.EventId == query.EventId)
            .Where(v => query.Owner is null || v.Owner == query.Owner)
            .Where(v => from is null || v.Due >= from)
            .Where(v => to is null || v.Due <= to)
            .Where(v => query.State is null || v.State == query.State)
            .ToList();
        IReadOnlyList<PlanGroup>? groups = query.GroupBy switch
        {
            "event" => [.. milestones.GroupBy(m => m.EventId ?? PlanTemplateRules.SeasonTemplateId)
                .Select(g => new PlanGroup(g.Key, g.First().EventTitle ?? $"Saison {season}", Count(g), [.. g]))
                .OrderBy(g => g.Milestones.Min(m => Rank(m.State))).ThenBy(g => g.Milestones.Min(m => m.Due))],
            "owner" => [.. milestones.GroupBy(m => m.Owner)
                .Select(g => new PlanGroup(g.Key, OwnerName(g.Key), Count(g), [.. g]))
                .OrderBy(g => g.Milestones.Min(m => Rank(m.State))).ThenBy(g => g.Key, StringComparer.Ordinal)],
            _ => null,
        };
        return Outcome<PlanView>.Ok(new PlanView(season, loaded.Today, Count(milestones), milestones, groups), default);
    }

    async Task<IReadOnlyList<MilestoneSummary>> IReversePlanMilestones.ListAsync(int season, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(season, null, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return [];
        }

        if (_summaries.TryGetValue(season, out var kept) && ReferenceEquals(kept.Plan, loaded))
        {
            return kept.Milestones;
        }

        IReadOnlyList<MilestoneSummary> milestones = [.. loaded.Views.OrderBy(v => v.Due).ThenBy(v => v.Id, StringComparer.Ordinal).Select(v =>
        {
            var plan = loaded.Plans[v.EventId ?? PlanTemplateRules.SeasonTemplateId];
            return new MilestoneSummary(v.Id, v.EventId, v.EventId is null ? v.Title : $"{v.Title} — {v.EventTitle}", v.Owner, v.Due, EventLookup.Wire(v.State), plan.Revision, plan.LastModified);
        })];
        _summaries[season] = (loaded, milestones);
        return milestones;
    }

    /// <summary>
    /// Marks a milestone done, by its owner's role (the project cell for any; an organiser only on
    /// their own events). Concurrent marks on one plan retry on the fresh plan.
    /// </summary>
    public async Task<Outcome<MilestoneView>> MarkDoneAsync(Caller caller, int season, string milestoneId, DateOnly? doneOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(milestoneId);
        var dot = milestoneId.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return Failure.NotFound($"Le jalon « {milestoneId} » n'existe pas dans la saison {season}.");
        }

        var owner = milestoneId[..dot];
        var partition = SeasonTables.Key(season);
        var planKey = owner == PlanTemplateRules.SeasonTemplateId ? SeasonTables.SeasonPlanKey : SeasonTables.PlanKey(owner);
        return await OptimisticConcurrency.RetryAsync(async ct =>
        {
            var seasonRecord = await _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, partition, ct).ConfigureAwait(false);
            var plan = seasonRecord is null ? null : await _tables.Plans.GetAsync(partition, planKey, ct).ConfigureAwait(false);
            var milestone = plan?.Value.Milestones.FirstOrDefault(m => m.Id == milestoneId);
            if (plan is null || milestone is null)
            {
                return Failure.NotFound($"Le jalon « {milestoneId} » n'existe pas dans la saison {season}.");
            }

            SeasonEvent? e = null;
            if (plan.Value.EventId is { } eventId)
            {
                e = (await _tables.Events.GetAsync(partition, SeasonTables.EventKey(eventId), ct).ConfigureAwait(false))?.Value;
            }

            if (e is not null && !Events.EventService.MaySee(caller, e))
            {
                // Another organisation's event and everything under it do not exist for this caller.
                return Failure.NotFound($"Le jalon « {milestoneId} » n'existe pas dans la saison {season}.");
            }

            if (!MayMarkDone(caller, milestone, e))
            {
                return Failure.Forbidden($"Le jalon « {milestone.Title} » revient à « {OwnerName(milestone.Owner)} » : votre rôle ne permet pas de le déclarer fait.");
            }

            if (plan.Value.Cancelled)
            {
                return new Failure(OutcomeKind.Conflict, "L'événement est annulé : ses jalons ne se déclarent plus faits.", []);
            }

            if (milestone.IsDone)
            {
                return new Failure(OutcomeKind.Conflict, $"Le jalon « {milestone.Title} » est déjà fait (le {milestone.DoneOn:dd/MM/yyyy}, par {milestone.DoneBy}).", []);
            }

            var today = SeasonTime.Today(_time, SeasonTime.Zone(seasonRecord!.Value.TimeZoneId));
            var on = doneOn ?? today;
            if (on > today)
            {
                return new Failure(OutcomeKind.BusinessRule, $"Un jalon ne peut pas être déclaré fait à une date future ({on:dd/MM/yyyy}).", [new("done-in-future", "Date de réalisation future.")], "doneOn");
            }

            var done = milestone.MarkDone(on, caller.Name);
            var changed = plan.Value.WithMilestones([.. plan.Value.Milestones.Select(m => m.Id == milestoneId ? done : m)], _time.GetUtcNow());
            var audit = _audit.Prepare(caller, _tables.Plans.Table, SeasonTables.Key(season), [new AuditRecord("plan.milestone.done", $"seasons/{season}/plan/milestones/{milestoneId}", milestone, done)]);
            await _tables.WritePlanAsync(season, planKey, changed, plan.ETag, _time.GetUtcNow(), audit, ct).ConfigureAwait(false);
            await _audit.CompleteAsync(audit, ct).ConfigureAwait(false);
            var status = PlanStatus.Evaluate(changed, today, _destination.WorkingDays)[done.Key];
            return Outcome<MilestoneView>.Ok(View(done, status, changed, e?.Title, today), default);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Freezes the current due dates of every open event's milestones and the season's.</summary>
    public async Task<Outcome<BaselineView>> FreezeAsync(Caller caller, int season, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var loaded = await LoadAsync(season, null, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        var id = $"bl-{loaded.Today:yyyyMMdd}-{Guid.NewGuid().ToString("N")[..6]}";
        var baseline = PlanBaseline.Freeze(id, season, name, loaded.Today, caller.Name, loaded.Plans.Values.Where(p => !p.Cancelled).SelectMany(p => p.Milestones));
        var etag = await _audit.InsertAsync(caller, _tables.Baselines, SeasonTables.Key(season), SeasonTables.BaselineKey(id), baseline, new AuditRecord("plan.baseline.freeze", $"seasons/{season}/plan/baselines/{id}", null, new { baseline.Id, baseline.Name, baseline.TakenOn, Milestones = baseline.Entries.Count }), cancellationToken).ConfigureAwait(false);
        return Outcome<BaselineView>.Created(new BaselineView(baseline.Id, season, baseline.Name, baseline.TakenOn, baseline.TakenBy, baseline.Entries.Count, null), etag);
    }

    public async Task<Outcome<IReadOnlyList<BaselineView>>> ListBaselinesAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, SeasonTables.Key(season), cancellationToken).ConfigureAwait(false) is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        var baselines = await _tables.Baselines.ListAsync(SeasonTables.Key(season), SeasonTables.BaselinePrefix, cancellationToken).ConfigureAwait(false);
        return Outcome<IReadOnlyList<BaselineView>>.Ok(
            [.. baselines.Select(b => b.Value).OrderBy(b => b.TakenOn).ThenBy(b => b.Id, StringComparer.Ordinal).Select(b => new BaselineView(b.Id, season, b.Name, b.TakenOn, b.TakenBy, b.Entries.Count, null))],
            default);
    }

    /// <summary>A baseline with every milestone's slip, largest slips first.</summary>
    public async Task<Outcome<BaselineView>> GetBaselineAsync(int season, string id, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(season, null, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        var baseline = await _tables.Baselines.GetAsync(SeasonTables.Key(season), SeasonTables.BaselineKey(id), cancellationToken).ConfigureAwait(false);
        if (baseline is null)
        {
            return Failure.NotFound($"La référence « {id} » n'existe pas dans la saison {season}.");
        }

        var current = loaded.Plans.Values.Where(p => !p.Cancelled).SelectMany(p => p.Milestones).ToList();
        var titles = loaded.Views.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var slips = BaselineComparison.Compare(baseline.Value, current, _destination.WorkingDays)
            .Select(s => new SlipView(s.MilestoneId, titles.GetValueOrDefault(s.MilestoneId)?.Title, EventIdOf(s.MilestoneId), s.BaselineDue, s.CurrentDue, s.SlipWorkingDays, s.SlipDays, s.Kind))
            .ToList();
        var b = baseline.Value;
        return Outcome<BaselineView>.Ok(new BaselineView(b.Id, season, b.Name, b.TakenOn, b.TakenBy, b.Entries.Count, slips), baseline.ETag);
    }

    /// <summary>French name of an owner, for titles: the destination's data.</summary>
    public string OwnerName(string owner) => _destination.OwnerName(owner);

    private bool MayMarkDone(Caller caller, Milestone milestone, SeasonEvent? e)
    {
        if (caller.IsInAnyRole(Roles.ProjectCell, Roles.Admin))
        {
            return true;
        }

        if (_destination.OwnerRole(milestone.Owner) is not { } role || !caller.IsInRole(role))
        {
            return false;
        }

        return role != Roles.Organiser || (e is not null && caller.HasScope(e.OrganiserId));
    }

    private async Task<LoadedPlan?> LoadAsync(int season, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var partition = SeasonTables.Key(season);
        var seasonRecord = await _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, partition, cancellationToken).ConfigureAwait(false);
        if (seasonRecord is null)
        {
            return null;
        }

        // The revisions are read first: an event or a plan written after them changes one, so the plan is read again next time.
        var today = asOf ?? SeasonTime.Today(_time, SeasonTime.Zone(seasonRecord.Value.TimeZoneId));
        var revision = await _tables.EventsRevisions.GetAsync(partition, SeasonTables.EventsRevisionKey, cancellationToken).ConfigureAwait(false);
        var plansRevision = await _tables.EventsRevisions.GetAsync(partition, SeasonTables.PlansRevisionKey, cancellationToken).ConfigureAwait(false);
        _tables.NoteEventsRevision(season, revision?.ETag);
        _tables.NotePlansRevision(season, plansRevision?.ETag);
        (ETag? Events, ETag? Plans, ETag Season, DateOnly Today) key = (revision?.ETag, plansRevision?.ETag, seasonRecord.ETag, today);
        if (revision is not null && _loaded.TryGetValue(season, out var cached))
        {
            if (cached.Key == key)
            {
                return cached.Plan;
            }

            // Only events and plans changed, each written by this process one after the other: the plan follows them.
            if (cached.Key with { Events = key.Events, Plans = key.Plans } == key
                && _tables.EventsWrittenBetween(season, cached.Key.Events, key.Events) is { } events
                && _tables.PlansWrittenBetween(season, cached.Key.Plans, key.Plans) is { } plans)
            {
                var followed = cached.Plan.With(
                    [.. events.SelectMany(w => w.Events).Select(e => e.Value)],
                    [.. events.SelectMany(w => w.Plans), .. plans],
                    (plan, all) => ViewsOf(plan, all, today));
                _loaded[season] = (key, followed);
                return followed;
            }
        }

        var loaded = await ReadAsync(partition, seasonRecord.Value, today, cancellationToken).ConfigureAwait(false);
        if (revision is not null)
        {
            _loaded[season] = (key, loaded);
        }

        return loaded;
    }

    private async Task<LoadedPlan> ReadAsync(string partition, Season seasonRecord, DateOnly today, CancellationToken cancellationToken)
    {
        var events = (await _tables.Events.ListAsync(partition, SeasonTables.EventPrefix, cancellationToken).ConfigureAwait(false))
            .ToDictionary(e => e.Value.Id, e => e.Value, StringComparer.Ordinal);
        var plans = (await _tables.Plans.ListAsync(partition, SeasonTables.PlanPrefix, cancellationToken).ConfigureAwait(false))
            .Select(p => p.Value)
            .ToDictionary(p => p.EventId ?? PlanTemplateRules.SeasonTemplateId, StringComparer.Ordinal);
        return new LoadedPlan(seasonRecord, today, events, plans, LoadedPlan.Ordered(plans.Values.SelectMany(p => ViewsOf(p, events, today))));
    }

    /// <summary>The milestones of one plan as the shared plan shows them (none for a cancelled event's plan).</summary>
    private IEnumerable<MilestoneView> ViewsOf(EventPlan plan, IReadOnlyDictionary<string, SeasonEvent> events, DateOnly today)
    {
        if (plan.Cancelled)
        {
            return [];
        }

        var statuses = PlanStatus.Evaluate(plan, today, _destination.WorkingDays);
        var title = plan.EventId is { } id && events.TryGetValue(id, out var e) ? e.Title : null;
        return [.. plan.Milestones.Select(m => View(m, statuses[m.Key], plan, title, today))];
    }

    private MilestoneView View(Milestone m, MilestoneStatus status, EventPlan plan, string? eventTitle, DateOnly today) =>
        new(
            m.Id,
            plan.EventId,
            eventTitle,
            m.Key,
            m.Title,
            m.Owner,
            m.Deliverable,
            m.Due,
            m.IdealDue,
            m.CompressedBy,
            m.Compression,
            plan.IsBeyondEvent(m),
            status.State,
            [.. status.Reasons.Select(r => r.Message)],
            status.WorkingDaysLeft,
            FrenchDueText.Describe(m.Due, today, m.DoneOn),
            FrenchDueText.Countdown(m.Due, m.Anchor == MilestoneAnchor.Start ? plan.StartAnchor : plan.EndAnchor, _destination.WorkingDays),
            m.DoneOn,
            m.DoneBy,
            m.Predecessors);

    private static int Rank(MilestoneState state) => state switch
    {
        MilestoneState.Late => 0,
        MilestoneState.AtRisk => 1,
        MilestoneState.ToDo => 2,
        _ => 3,
    };

    private static PlanCounts Count(IEnumerable<MilestoneView> milestones)
    {
        var list = milestones.ToList();
        return new(
            list.Count(m => m.State == MilestoneState.Late),
            list.Count(m => m.State == MilestoneState.AtRisk),
            list.Count(m => m.State == MilestoneState.ToDo),
            list.Count(m => m.State == MilestoneState.Done));
    }

    private static string? EventIdOf(string milestoneId)
    {
        var prefix = milestoneId[..Math.Max(0, milestoneId.IndexOf('.', StringComparison.Ordinal))];
        return prefix == PlanTemplateRules.SeasonTemplateId || prefix.Length == 0 ? null : prefix;
    }

    private sealed record LoadedPlan(Season Season, DateOnly Today, IReadOnlyDictionary<string, SeasonEvent> Events, IReadOnlyDictionary<string, EventPlan> Plans, IReadOnlyList<MilestoneView> Views)
    {
        private static string KeyOf(string? eventId) => eventId ?? PlanTemplateRules.SeasonTemplateId;

        /// <summary>In the plan's order (late and at risk first, then by due date), kept by every filter.</summary>
        public static IReadOnlyList<MilestoneView> Ordered(IEnumerable<MilestoneView> views) =>
            [.. views.OrderBy(v => Rank(v.State)).ThenBy(v => v.Due).ThenBy(v => v.Id, StringComparer.Ordinal)];

        /// <summary>
        /// The plan with these events and plans written since (the last of each event wins; a plan only over an older
        /// one), the milestones of their plans shown again (an event's title shows on its milestones).
        /// </summary>
        /// <remarks>
        /// The events' writes and the plans' writes are two chains, read one after the other: a plan written by an
        /// event's transaction can come after a later write of the same plan already kept. Each write of a plan raises its
        /// revision and names the ETag it read, so the higher revision is the later write.
        /// </remarks>
        public LoadedPlan With(IReadOnlyList<SeasonEvent> events, IReadOnlyList<EventPlan> plans, Func<EventPlan, IReadOnlyDictionary<string, SeasonEvent>, IEnumerable<MilestoneView>> viewsOf)
        {
            var allEvents = new Dictionary<string, SeasonEvent>(Events, StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                allEvents[e.Id] = e;
                changed.Add(e.Id);
            }

            var allPlans = new Dictionary<string, EventPlan>(Plans, StringComparer.Ordinal);
            foreach (var plan in plans)
            {
                var key = KeyOf(plan.EventId);
                if (!allPlans.TryGetValue(key, out var kept) || kept.Revision <= plan.Revision)
                {
                    allPlans[key] = plan;
                    changed.Add(key);
                }
            }

            return this with
            {
                Events = allEvents,
                Plans = allPlans,
                Views = Ordered(Views.Where(v => !changed.Contains(KeyOf(v.EventId)))
                    .Concat(changed.Where(allPlans.ContainsKey).SelectMany(k => viewsOf(allPlans[k], allEvents)))),
            };
        }
    }
}

/// <summary>Keeps the season's own plan in step with the season record (bounds, agenda validation).</summary>
public interface ISeasonPlanSync
{
    Task SeasonChangedAsync(Caller caller, Season before, Season after, CancellationToken cancellationToken = default);
}
