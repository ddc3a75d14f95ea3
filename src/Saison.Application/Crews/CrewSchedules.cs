using System.Globalization;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Crews;
using Saison.Domain.Seasons;
using Saison.Storage;

namespace Saison.Application.Crews;

/// <summary>
/// Crews and the crew schedule: technical services edit crews, plan the schedule from approved
/// lines (agenda first, within working-time guarantees, never on approved leave), read it per
/// crew or agent, and publish it. Published assignments are what leave decisions see.
/// </summary>
public sealed class CrewSchedules : ICrewAssignments
{
    private const int PlanAttempts = 5;
    private readonly DocumentTable<Crew> _crews;
    private readonly CrewStore _store;
    private readonly LogisticsRequests _requests;
    private readonly EventLogistics _follow;
    private readonly ISeasons _seasons;
    private readonly ISeasonEvents _events;
    private readonly IStaffDirectory _staff;
    private readonly IAgentAvailability _availability;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;

    public CrewSchedules(CrewStore store, LogisticsRequests requests, EventLogistics follow, ISeasons seasons, ISeasonEvents events, IStaffDirectory staff, IAgentAvailability availability, AuditTrail audit, TimeProvider time)
    {
        _follow = follow;
        ArgumentNullException.ThrowIfNull(store);
        _crews = store.Crews;
        _store = store;
        _requests = requests;
        _seasons = seasons;
        _events = events;
        _staff = staff;
        _availability = availability;
        _audit = audit;
        _time = time;
    }

    private static string Key(int season) => season.ToString(CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<Crew>> ListCrewsAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await _crews.ListAsync(Key(season), cancellationToken: cancellationToken).ConfigureAwait(false)).Select(c => c.Value)];

    public async Task<Outcome<Crew>> GetCrewAsync(int season, string id, CancellationToken cancellationToken = default)
    {
        var found = LogisticsIds.IsValid(id) ? await _crews.GetAsync(Key(season), id, cancellationToken).ConfigureAwait(false) : null;
        return found is null ? Outcome<Crew>.NotFound($"L'équipe « {id} » n'existe pas.") : Outcome<Crew>.Ok(found.Value, found.ETag);
    }

    public async Task<Outcome<Crew>> CreateCrewAsync(Caller caller, int season, CrewInput input, CancellationToken cancellationToken = default)
    {
        if (await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<Crew>.NotFound($"La saison {season} n'existe pas.");
        }

        var (crew, invalid) = await BuildAsync(season, input, input?.Id, cancellationToken).ConfigureAwait(false);
        if (crew is null)
        {
            return invalid!;
        }

        try
        {
            var etag = await _audit.InsertAsync(caller, _crews, Key(season), crew.Id, crew, new AuditRecord("crews.create", Target(season, crew.Id), null, crew), cancellationToken).ConfigureAwait(false);
            return Outcome<Crew>.Created(crew, etag);
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Outcome<Crew>.Conflict($"L'équipe « {crew.Id} » existe déjà.");
        }
    }

    public async Task<Outcome<Crew>> ReplaceCrewAsync(Caller caller, int season, string id, ETag ifMatch, CrewInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = LogisticsIds.IsValid(id) ? await _crews.GetAsync(Key(season), id, cancellationToken).ConfigureAwait(false) : null;
        if (found is null)
        {
            return Outcome<Crew>.NotFound($"L'équipe « {id} » n'existe pas.");
        }

        if (input.Id is not null && input.Id != id)
        {
            return Outcome<Crew>.Invalid("id", "L'identifiant d'une équipe ne change pas.");
        }

        var (crew, invalid) = await BuildAsync(season, input, id, cancellationToken).ConfigureAwait(false);
        if (crew is null)
        {
            return invalid!;
        }

        try
        {
            var etag = await _audit.ReplaceAsync(caller, _crews, Key(season), id, crew, ifMatch, new AuditRecord("crews.replace", Target(season, id), found.Value, crew), cancellationToken).ConfigureAwait(false);
            return Outcome<Crew>.Ok(crew, etag);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<Crew>.Stale();
        }
    }

    /// <summary>
    /// When an all-day event is attended: each of its days, within its site's opening hours
    /// (<see cref="OpeningHours.Default"/> when the site has none), in the season's zone.
    /// </summary>
    internal static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> OpenHours(EventSummary ev, TimeZoneInfo zone)
    {
        var hours = ev.SiteOpening ?? OpeningHours.Default;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ev.Start, zone).DateTime);
        var end = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ev.End, zone).DateTime);
        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var day = first; day < end || day == first; day = day.AddDays(1))
        {
            windows.Add((SeasonTime.ToOffset(day.ToDateTime(hours.Opens), zone), SeasonTime.ToOffset(day.ToDateTime(hours.Closes), zone)));
        }

        return windows;
    }

    /// <summary>
    /// Plans the schedule from the granted lines: tasks, then assignments that keep every
    /// published assignment still valid. Saved as the current plan (not yet published).
    /// </summary>
    public async Task<Outcome<ScheduleView>> PlanAsync(Caller caller, int season, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var summary = await _seasons.FindAsync(season, cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return Outcome<ScheduleView>.NotFound($"La saison {season} n'existe pas.");
        }

        var zone = SeasonTime.Zone(summary.TimeZoneId);
        var events = (await _events.ListAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var granted = await _requests.GrantedLinesAsync(season, cancellationToken).ConfigureAwait(false);

        // Lines that lag behind their event (its follow-up cut short) follow it first: tasks are planned on the event's dates.
        if (await _follow.CatchUpAsync(caller, granted.Select(g => g.Request).DistinctBy(r => r.Id), events, cancellationToken).ConfigureAwait(false) > 0)
        {
            granted = await _requests.GrantedLinesAsync(season, cancellationToken).ConfigureAwait(false);
        }

        var tasks = new List<CrewTask>();
        foreach (var (request, line, entry, item) in granted)
        {
            var ev = events.GetValueOrDefault(request.EventId);
            tasks.AddRange(CrewTaskPlanner.TasksFor(new ApprovedLine(
                request.Id, line.LineId, request.EventId, ev?.Title ?? request.EventTitle, entry.Class, item, entry.Granted,
                line.Delivery, line.Pickup, ev?.Start ?? line.Delivery, ev?.End ?? line.Pickup)
            {
                PresenceWindows = ev is { AllDay: true } ? OpenHours(ev, zone) : null,
            }));
        }

        var members = await MembersAsync(season, cancellationToken).ConfigureAwait(false);
        var from = tasks.Count == 0 ? summary.FirstDay : DateOnly.FromDateTime(tasks.Min(t => t.Start).DateTime).AddDays(-1);
        var to = tasks.Count == 0 ? summary.LastDay : DateOnly.FromDateTime(tasks.Max(t => t.End).DateTime).AddDays(1);
        var absences = (await _availability.ListAbsencesAsync(season, from, to, cancellationToken).ConfigureAwait(false))
            .Select(a => new AgentAbsence(a.AgentId, a.Start, a.End)).ToList();

        var now = _time.GetUtcNow();

        // The new plan is written as a generation of its own, then the head switches to it with If-Match;
        // when another plan switched it first, this one is made again on the new published assignments.
        for (var attempt = 1; attempt <= PlanAttempts; attempt++)
        {
            var current = await _store.GetHeadAsync(season, cancellationToken).ConfigureAwait(false);
            var published = current?.Value.PublishedGeneration is { } publishedGeneration
                ? (await _store.ReadGenerationAsync(season, publishedGeneration, cancellationToken: cancellationToken).ConfigureAwait(false))
                    .Where(r => r.AgentId is not null).ToDictionary(r => r.Task.Id, r => r.AgentId!, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            var plan = CrewScheduler.Plan(tasks, members, absences, published);
            var assigned = plan.Assignments.ToDictionary(a => a.TaskId, StringComparer.Ordinal);
            var unstaffed = plan.Unstaffed.ToDictionary(u => u.Task.Id, u => u.Reasons, StringComparer.Ordinal);
            var records = tasks.Select(t => assigned.TryGetValue(t.Id, out var a)
                ? new ScheduledTaskRecord(t, a.AgentId, a.CrewId, null)
                : new ScheduledTaskRecord(t, null, null, unstaffed.GetValueOrDefault(t.Id) ?? [])).ToList();
            var version = (current?.Value.Version ?? 0) + 1;
            var generation = new ScheduleGeneration(Guid.NewGuid().ToString("N"), version, now);
            await _store.WriteGenerationAsync(season, generation, records, cancellationToken).ConfigureAwait(false);
            var head = new CrewScheduleHead(
                season,
                version,
                generation.Id,
                now,
                caller.Id,
                records.Count,
                plan.Assignments.Count,
                plan.Unstaffed.Count,
                plan.Kept,
                plan.Moved,
                current?.Value.PublishedGeneration,
                current?.Value.PublishedAt);
            var record = new AuditRecord("crews.schedule.plan", ScheduleTarget(season), null,
                new { head.Version, tasks = head.Tasks, assigned = head.Assigned, unstaffed = head.Unstaffed, head.Kept, head.Moved });
            ETag etag;
            try
            {
                // The head's switch is the action: its audit row is written with it.
                etag = (await _audit.SubmitAsync(caller, _store.Heads, [_store.HeadWrite(season, head, current?.ETag)], record, cancellationToken).ConfigureAwait(false))[0]!.Value;
            }
            catch (TableStoreException e) when (e.IsPreconditionFailed || e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
            {
                continue;
            }

            await _store.CollectAsync(season, cancellationToken).ConfigureAwait(false);
            var publishedKeys = published.Select(p => p.Key + "|" + p.Value).ToHashSet(StringComparer.Ordinal);
            return Outcome<ScheduleView>.Ok(await ViewAsync(season, head, records, publishedKeys, null, null, cancellationToken).ConfigureAwait(false), etag);
        }

        return Outcome<ScheduleView>.Conflict("D'autres plannings ont été établis en même temps : réessayez.");
    }

    /// <summary>Publishes the current plan: agents and leave managers see it from now on (the head points the published generation at it).</summary>
    public async Task<Outcome<ScheduleView>> PublishAsync(Caller caller, int season, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        var current = await _store.GetHeadAsync(season, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Outcome<ScheduleView>.NotFound("Aucun planning d'équipes n'a encore été établi pour cette saison.");
        }

        if (current.ETag != ifMatch)
        {
            return Outcome<ScheduleView>.Stale();
        }

        var next = current.Value with { PublishedAt = _time.GetUtcNow(), PublishedGeneration = current.Value.Generation };
        var record = new AuditRecord("crews.schedule.publish", ScheduleTarget(season),
            new { current.Value.Version, current.Value.PublishedGeneration }, new { next.Version, published = next.Assigned });
        ETag etag;
        try
        {
            etag = (await _audit.SubmitAsync(caller, _store.Heads, [_store.HeadWrite(season, next, ifMatch)], record, cancellationToken).ConfigureAwait(false))[0]!.Value;
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Outcome<ScheduleView>.Stale();
        }

        await _store.CollectAsync(season, cancellationToken).ConfigureAwait(false);
        var records = await _store.ReadGenerationAsync(season, next.Generation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Outcome<ScheduleView>.Ok(await ViewAsync(season, next, records, null, null, null, cancellationToken).ConfigureAwait(false), etag);
    }

    private static string ScheduleTarget(int season) => string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/crews/schedule");

    /// <summary>The day the current schedule's first task starts (<c>null</c> before any schedule, or with no task): where the pages open it.</summary>
    public async Task<DateOnly?> FirstTaskDayAsync(int season, CancellationToken cancellationToken = default) =>
        (await _store.GetHeadAsync(season, cancellationToken).ConfigureAwait(false))?.Value is { } head
            ? await _store.FirstDayAsync(season, head.Generation, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The schedule, whole or for one crew or one agent; only the tasks starting from <paramref name="from"/> to <paramref name="to"/> when given (one key range each).</summary>
    public async Task<Outcome<ScheduleView>> GetScheduleAsync(int season, string? crewId = null, string? agentId = null, CancellationToken cancellationToken = default, DateOnly? from = null, DateOnly? to = null)
    {
        if (crewId is not null && (await GetCrewAsync(season, crewId, cancellationToken).ConfigureAwait(false)).Kind == OutcomeKind.NotFound)
        {
            return Outcome<ScheduleView>.NotFound($"L'équipe « {crewId} » n'existe pas.");
        }

        var current = await _store.GetHeadAsync(season, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Outcome<ScheduleView>.NotFound("Aucun planning d'équipes n'a encore été établi pour cette saison.");
        }

        var head = current.Value;
        var records = await _store.ReadGenerationAsync(season, head.Generation, from, to, cancellationToken).ConfigureAwait(false);
        var published = await PublishedKeysAsync(season, head, from, to, cancellationToken).ConfigureAwait(false);
        return Outcome<ScheduleView>.Ok(await ViewAsync(season, head, records, published, crewId, agentId, cancellationToken).ConfigureAwait(false), current.ETag);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssignedTask>> ListAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var head = (await _store.GetHeadAsync(season, cancellationToken).ConfigureAwait(false))?.Value;
        if (head is null)
        {
            return [];
        }

        static bool InRange(CrewTask t, DateOnly from, DateOnly to) =>
            DateOnly.FromDateTime(t.Start.DateTime) <= to && DateOnly.FromDateTime(t.End.DateTime) >= from;

        // A task is keyed by the day it starts: one that starts the evening before the range may end in it.
        var since = from > DateOnly.MinValue ? from.AddDays(-1) : from;
        var planned = await _store.ReadGenerationAsync(season, head.Generation, since, to, cancellationToken).ConfigureAwait(false);
        var publishedRecords = head.PublishedGeneration is not { } publishedGeneration ? []
            : publishedGeneration == head.Generation ? planned
            : await _store.ReadGenerationAsync(season, publishedGeneration, since, to, cancellationToken).ConfigureAwait(false);
        var published = publishedRecords.Where(r => r.AgentId is not null).Select(r => (Record: r, Published: true)).ToList();
        var publishedKeys = published.Select(p => p.Record.Task.Id + "|" + p.Record.AgentId).ToHashSet(StringComparer.Ordinal);
        var drafts = planned.Where(r => r.AgentId is not null && !publishedKeys.Contains(r.Task.Id + "|" + r.AgentId)).Select(r => (Record: r, Published: false));
        return [.. published.Concat(drafts)
            .Where(x => InRange(x.Record.Task, from, to))
            .Select(x => new AssignedTask(x.Record.Task.Id, x.Record.AgentId!, x.Record.CrewId!, x.Record.Task.EventId, x.Record.Task.Title, x.Record.Task.Start, x.Record.Task.End, x.Published) { Skill = x.Record.Task.Skill })];
    }

    /// <summary>"task|agent" of each published assignment; <c>null</c> when the current plan is the published one.</summary>
    private async Task<IReadOnlySet<string>?> PublishedKeysAsync(int season, CrewScheduleHead head, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (head.PublishedGeneration is not { } generation)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        if (generation == head.Generation)
        {
            return null;
        }

        var records = await _store.ReadGenerationAsync(season, generation, from, to, cancellationToken).ConfigureAwait(false);
        return records.Where(r => r.AgentId is not null).Select(r => r.Task.Id + "|" + r.AgentId).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<CrewMember>> MembersAsync(int season, CancellationToken cancellationToken)
    {
        var agents = (await _staff.ListAgentsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var members = new Dictionary<string, CrewMember>(StringComparer.Ordinal);
        foreach (var crew in (await ListCrewsAsync(season, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            foreach (var member in crew.Members)
            {
                if (members.ContainsKey(member.AgentId))
                {
                    continue;
                }

                // The crew's skills and those the staff directory knows of the agent.
                var skills = member.Skills.Concat(agents.GetValueOrDefault(member.AgentId)?.Skills ?? []).ToHashSet(StringComparer.Ordinal);
                members.Add(member.AgentId, new CrewMember(member.AgentId, crew.Id, skills));
            }
        }

        return [.. members.Values];
    }

    private async Task<(Crew? Crew, Outcome<Crew>? Invalid)> BuildAsync(int season, CrewInput? input, string? id, CancellationToken cancellationToken)
    {
        static (Crew?, Outcome<Crew>?) Bad(string field, string detail) => (null, Outcome<Crew>.Invalid(field, detail));
        if (input is null)
        {
            return Bad("body", "Le corps de la requête est obligatoire.");
        }

        if (!LogisticsIds.IsValid(id))
        {
            return Bad("id", "L'identifiant est fait de lettres, chiffres, « - » ou « _ » (100 caractères au plus).");
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            return Bad("name", "Le nom de l'équipe est obligatoire (200 caractères au plus).");
        }

        if (!LogisticsIds.IsValid(input.ServiceId))
        {
            return Bad("serviceId", "Le service de rattachement est obligatoire.");
        }

        var agents = (await _staff.ListAgentsAsync(season, cancellationToken).ConfigureAwait(false)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var members = new List<CrewMemberRecord>();
        var list = input.Members ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"members[{i}]");
            var m = list[i];
            if (string.IsNullOrWhiteSpace(m.AgentId) || !agents.Contains(m.AgentId))
            {
                return Bad(field + ".agentId", $"L'agent « {m.AgentId} » n'est pas dans l'annuaire des agents de la saison.");
            }

            if (members.Any(x => x.AgentId == m.AgentId))
            {
                return Bad(field + ".agentId", $"L'agent « {m.AgentId} » figure deux fois dans l'équipe.");
            }

            var skills = (m.Skills ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
            members.Add(new CrewMemberRecord(m.AgentId, skills));
        }

        return (new Crew(id!, input.Name.Trim(), input.ServiceId!, members), null);
    }

    /// <summary>
    /// The view of a plan's tasks; <paramref name="published"/> holds "task|agent" of the published
    /// assignments, or is <c>null</c> when this plan is the published one.
    /// </summary>
    private async Task<ScheduleView> ViewAsync(int season, CrewScheduleHead head, IReadOnlyList<ScheduledTaskRecord> records, IReadOnlySet<string>? published, string? crewId, string? agentId, CancellationToken cancellationToken)
    {
        var names = (await _staff.ListAgentsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);

        // Events whose lines moved after this plan was made (or at the same instant: it may not have seen them):
        // their tasks are to be planned again.
        var replan = (await _requests.ReplansAsync(season, cancellationToken).ConfigureAwait(false))
            .Where(m => m.At >= head.PlannedAt).OrderBy(m => m.At).Select(m => new ReplanView(m.EventId, m.At, m.Reason)).ToList();
        var moved = replan.Select(r => r.EventId).ToHashSet(StringComparer.Ordinal);
        bool ToReplan(ScheduledTaskRecord r) => r.Task.EventId is { } eventId && moved.Contains(eventId);
        bool IsPublished(ScheduledTaskRecord r) => published is null || published.Contains(r.Task.Id + "|" + r.AgentId);
        var assigned = records
            .Where(r => r.AgentId is not null && (crewId is null || r.CrewId == crewId) && (agentId is null || r.AgentId == agentId))
            .OrderBy(r => r.Task.Start).ThenBy(r => r.AgentId, StringComparer.Ordinal)
            .Select(r => new ScheduledTaskView(r.Task.Id, r.Task.Kind, r.Task.Title, r.Task.EventId, r.Task.RequestId, r.Task.Skill, r.Task.Start, r.Task.End, r.Task.Priority, r.AgentId!, names.GetValueOrDefault(r.AgentId!), r.CrewId!, IsPublished(r), ToReplan(r)))
            .ToList();
        var unstaffed = agentId is not null ? [] : records
            .Where(r => r.AgentId is null)
            .OrderBy(r => r.Task.Start).ThenBy(r => r.Task.Id, StringComparer.Ordinal)
            .Select(r => new UnstaffedTaskView(r.Task.Id, r.Task.Kind, r.Task.Title, r.Task.EventId, r.Task.Skill, r.Task.Start, r.Task.End, r.Task.Priority, r.Reasons ?? [], ToReplan(r)))
            .ToList();
        var upToDate = head.PublishedAt is not null && (published is null || (published.Count == head.Assigned && records.Where(r => r.AgentId is not null).All(IsPublished)));
        return new ScheduleView(season, head.Version, head.PlannedAt, head.PublishedAt, upToDate, head.Kept, head.Moved, assigned, unstaffed, replan);
    }

    private static string Target(int season, string id) => string.Create(CultureInfo.InvariantCulture, $"seasons/{season}/crews/{id}");
}
