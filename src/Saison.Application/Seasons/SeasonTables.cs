using System.Globalization;
using Saison.Domain.Events;
using Saison.Domain.Organisers;
using Saison.Domain.Planning;
using Saison.Domain.Seasons;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Seasons;

/// <summary>
/// Where the season area keeps its records. Seasons in one partition; organisers and sites by
/// season; an event and its reverse plan side by side in table <c>Events</c> (partition = season)
/// so that a move and its recomputed plan are written in one entity-group transaction.
/// </summary>
public sealed class SeasonTables
{
    public const string EventPrefix = "event-";
    public const string PlanPrefix = "plan-";

    /// <summary>RowKey of the season's own milestones (COPIL, calls, deadlines, debrief).</summary>
    public const string SeasonPlanKey = "plan-season";

    /// <summary>
    /// RowKey of the season's events revision: rewritten by every transaction that writes an event, so
    /// its ETag changes whenever any event does and a list of events read under it stays valid until then.
    /// </summary>
    public const string SeasonsTable = "Seasons";
    public const string OrganisersTable = "Organisers";
    public const string SitesTable = "Sites";
    public const string EventsTable = "Events";
    public const string PlanTable = "Plan";

    public const string EventsRevisionKey = "revision-events";

    /// <summary>
    /// RowKey of the season's plans revision: rewritten by every transaction that writes a plan outside an event's own
    /// transaction (which rewrites the events revision), so the shared plan read under both stays valid until either changes.
    /// </summary>
    public const string PlansRevisionKey = "revision-plans";

    public SeasonTables(ITableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Seasons = DocumentTable<Season>.KeepingParsed(store, SeasonsTable, s => [new("Status", s.Status.ToString())]);
        Organisers = DocumentTable<Organiser>.KeepingParsed(store, OrganisersTable, o => [new("Kind", o.Kind.ToString())]);
        Sites = DocumentTable<Site>.KeepingParsed(store, SitesTable);
        Events = new DocumentTable<SeasonEvent>(store, EventsTable, e => [new("OrganiserId", e.OrganiserId), new("Status", e.Status.ToString())]);
        Plans = new DocumentTable<EventPlan>(store, EventsTable);
        EventsRevisions = new DocumentTable<EventsRevision>(store, EventsTable);
        Templates = new DocumentTable<PlanTemplate>(store, PlanTable);
        Baselines = new DocumentTable<PlanBaseline>(store, PlanTable);
    }

    public DocumentTable<Season> Seasons { get; }

    public DocumentTable<Organiser> Organisers { get; }

    public DocumentTable<Site> Sites { get; }

    public DocumentTable<SeasonEvent> Events { get; }

    /// <summary>Same table as <see cref="Events"/>: one plan document per event, RowKey <c>plan-{eventId}</c>.</summary>
    public DocumentTable<EventPlan> Plans { get; }

    /// <summary>Same table as <see cref="Events"/>: the season's events and plans revisions, RowKeys <see cref="EventsRevisionKey"/> and <see cref="PlansRevisionKey"/>.</summary>
    public DocumentTable<EventsRevision> EventsRevisions { get; }

    /// <summary>
    /// Submits one transaction that writes events (and their plans) with, last, the season's events revision, and returns the
    /// ETags written (the revision's last).
    /// </summary>
    /// <remarks>
    /// While this process knows the events revision, it is replaced only if it still has that ETag (inserted if known
    /// absent): then no other event was written in between, and the write is kept (<see cref="EventsWrittenBetween"/>) so
    /// the events list and the shared plan read under the revision before it follow without reading the season again. If
    /// another process wrote in between (the revision's action refused, nothing written) the transaction is submitted again
    /// with the revision written whatever it was. This process's event transactions queue for the submission only.
    /// </remarks>
    public async Task<IReadOnlyList<Azure.ETag?>> SubmitEventsAsync(int season, List<TableTransactionAction> actions, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var written = Written(actions);
        var revision = EventsRevisions.ToEntity(Key(season), EventsRevisionKey, new EventsRevision(at));
        return await _eventWrites.GetOrAdd(season, _ => new()).SubmitAsync(
            Events,
            actions,
            revision,
            etags => written is { } w ? new SeasonWrite([.. w.Events.Select(e => new Versioned<SeasonEvent>(e.Event, etags[e.Index]!.Value))], w.Plans) : null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The events revision as a reader found it (null: absent): the next event transaction of this process names it in its If-Match.</summary>
    public void NoteEventsRevision(int season, Azure.ETag? revision) =>
        _eventWrites.GetOrAdd(season, _ => new()).Note(revision);

    /// <summary>
    /// What this process's event transactions wrote, in order, that took the season's events revision from
    /// <paramref name="from"/> to <paramref name="to"/> (none if they are equal); <c>null</c> when it does not know them all
    /// (another process wrote, or too long ago).
    /// </summary>
    public IReadOnlyList<SeasonWrite>? EventsWrittenBetween(int season, Azure.ETag? from, Azure.ETag? to) =>
        _eventWrites.GetOrAdd(season, _ => new()).Between(from, to);

    /// <summary>
    /// Writes one reverse plan (replaced if it still has <paramref name="ifMatch"/>, else inserted or replaced) with the
    /// season's plans revision, in one transaction: the shared plan is read under it (and the events revision).
    /// </summary>
    /// <remarks>
    /// Guarded and kept as an event transaction is (<see cref="SubmitEventsAsync"/>), under the plans revision
    /// (<see cref="PlansWrittenBetween"/>).
    /// </remarks>
    public async Task<Azure.ETag> WritePlanAsync(int season, string planKey, EventPlan plan, Azure.ETag? ifMatch, DateTimeOffset at, Auditing.PendingAudit? audit = null, CancellationToken cancellationToken = default)
    {
        var entity = Plans.ToEntity(Key(season), planKey, plan);
        var write = ifMatch is { } match ? TableTransactionAction.UpdateReplace(entity, match) : TableTransactionAction.UpsertReplace(entity);
        var revision = EventsRevisions.ToEntity(Key(season), PlansRevisionKey, new EventsRevision(at));
        List<TableTransactionAction> actions = audit is null ? [write] : [write, audit.Action];
        var etags = await _planWrites.GetOrAdd(season, _ => new()).SubmitAsync(Plans, actions, revision, _ => plan, cancellationToken).ConfigureAwait(false);
        return etags[0]!.Value;
    }

    /// <summary>The plans revision as the shared plan read it (null: absent): the next plan write of this process names it in its If-Match.</summary>
    public void NotePlansRevision(int season, Azure.ETag? revision) =>
        _planWrites.GetOrAdd(season, _ => new()).Note(revision);

    /// <summary>
    /// The plans this process wrote, in order, that took the season's plans revision from <paramref name="from"/> to
    /// <paramref name="to"/> (none if they are equal); <c>null</c> when it does not know them all (another process wrote,
    /// or too long ago).
    /// </summary>
    public IReadOnlyList<EventPlan>? PlansWrittenBetween(int season, Azure.ETag? from, Azure.ETag? to) =>
        _planWrites.GetOrAdd(season, _ => new()).Between(from, to);

    /// <summary>
    /// The events and plans a transaction writes whole (each event with the index of its action), to keep once written;
    /// null if it writes anything else (a merge, a delete), which a cached list cannot follow.
    /// </summary>
    private static (IReadOnlyList<(SeasonEvent Event, int Index)> Events, IReadOnlyList<EventPlan> Plans)? Written(IReadOnlyList<TableTransactionAction> actions)
    {
        var events = new List<(SeasonEvent, int)>();
        var plans = new List<EventPlan>();
        for (var i = 0; i < actions.Count; i++)
        {
            var (type, entity) = (actions[i].ActionType, actions[i].Entity);
            if (type is not (TableTransactionActionType.Add or TableTransactionActionType.UpsertReplace or TableTransactionActionType.UpdateReplace))
            {
                return null;
            }

            if (entity.RowKey.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                events.Add((DocumentTable<SeasonEvent>.Deserialize(entity), i));
            }
            else if (entity.RowKey.StartsWith(PlanPrefix, StringComparison.Ordinal))
            {
                plans.Add(DocumentTable<EventPlan>.Deserialize(entity));
            }
            else if (entity.RowKey.StartsWith(Saison.Application.Auditing.AuditTrail.PendingPrefix, StringComparison.Ordinal))
            {
                // The change's own record (its audit row), not part of the events list.
            }
            else
            {
                return null;
            }
        }

        return (events, plans);
    }

    // Per season: each revision as this process last read or wrote it, and its own writes since it knew it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RevisionWriteLog<SeasonWrite>> _eventWrites = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, RevisionWriteLog<EventPlan>> _planWrites = new();

    /// <summary>Table <c>Plan</c>, partition = season, RowKey <c>template-{id}</c>.</summary>
    public DocumentTable<PlanTemplate> Templates { get; }

    /// <summary>Table <c>Plan</c>, partition = season, RowKey <c>baseline-{id}</c>.</summary>
    public DocumentTable<PlanBaseline> Baselines { get; }

    public const string TemplatePrefix = "template-";

    public const string BaselinePrefix = "baseline-";

    public static string TemplateKey(string templateId) => TemplatePrefix + templateId;

    public static string BaselineKey(string baselineId) => BaselinePrefix + baselineId;

    public static string SeasonPartition => "season";

    public static string Key(int season) => season.ToString(CultureInfo.InvariantCulture);

    public static string EventKey(string eventId) => EventPrefix + eventId;

    public static string PlanKey(string eventId) => PlanPrefix + eventId;
}

/// <summary>What one event transaction of this process wrote: the events with the ETags written, and their plans.</summary>
public sealed record SeasonWrite(IReadOnlyList<Versioned<SeasonEvent>> Events, IReadOnlyList<EventPlan> Plans);

/// <summary>When a season's events (or plans) last changed (see <see cref="SeasonTables.EventsRevisionKey"/>, <see cref="SeasonTables.PlansRevisionKey"/>).</summary>
public sealed record EventsRevision(DateTimeOffset At);
