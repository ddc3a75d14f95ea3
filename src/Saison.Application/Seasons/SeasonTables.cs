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
    public const string EventsRevisionKey = "revision-events";

    /// <summary>
    /// RowKey of the season's plans revision: rewritten by every transaction that writes a plan outside an event's own
    /// transaction (which rewrites the events revision), so the shared plan read under both stays valid until either changes.
    /// </summary>
    public const string PlansRevisionKey = "revision-plans";

    public SeasonTables(ITableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Seasons = new DocumentTable<Season>(store, "Seasons", s => [new("Status", s.Status.ToString())]);
        Organisers = new DocumentTable<Organiser>(store, "Organisers", o => [new("Kind", o.Kind.ToString())]);
        Sites = new DocumentTable<Site>(store, "Sites");
        Events = new DocumentTable<SeasonEvent>(store, "Events", e => [new("OrganiserId", e.OrganiserId), new("Status", e.Status.ToString())]);
        Plans = new DocumentTable<EventPlan>(store, "Events");
        EventsRevisions = new DocumentTable<EventsRevision>(store, "Events");
        Templates = new DocumentTable<PlanTemplate>(store, "Plan");
        Baselines = new DocumentTable<PlanBaseline>(store, "Plan");
    }

    public DocumentTable<Season> Seasons { get; }

    public DocumentTable<Organiser> Organisers { get; }

    public DocumentTable<Site> Sites { get; }

    public DocumentTable<SeasonEvent> Events { get; }

    /// <summary>Same table as <see cref="Events"/>: one plan document per event, RowKey <c>plan-{eventId}</c>.</summary>
    public DocumentTable<EventPlan> Plans { get; }

    /// <summary>Same table as <see cref="Events"/>: the season's events and plans revisions, RowKeys <see cref="EventsRevisionKey"/> and <see cref="PlansRevisionKey"/>.</summary>
    public DocumentTable<EventsRevision> EventsRevisions { get; }

    /// <summary>The write that marks a change of the season's events, for the transaction that changes them.</summary>
    public TableTransactionAction EventsRevised(int season, DateTimeOffset at) =>
        TableTransactionAction.UpsertReplace(EventsRevisions.ToEntity(Key(season), EventsRevisionKey, new EventsRevision(at)));

    /// <summary>
    /// Writes one reverse plan (replaced if it still has <paramref name="ifMatch"/>, else inserted or replaced) with the
    /// season's plans revision, in one transaction: the shared plan is read under it (and the events revision).
    /// </summary>
    public async Task<Azure.ETag> WritePlanAsync(int season, string planKey, EventPlan plan, Azure.ETag? ifMatch, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = Plans.ToEntity(Key(season), planKey, plan);
        var etags = await Plans.SubmitAsync(
            [ifMatch is { } match ? TableTransactionAction.UpdateReplace(entity, match) : TableTransactionAction.UpsertReplace(entity),
             TableTransactionAction.UpsertReplace(EventsRevisions.ToEntity(Key(season), PlansRevisionKey, new EventsRevision(at)))],
            cancellationToken).ConfigureAwait(false);
        return etags[0]!.Value;
    }

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

/// <summary>When a season's events (or plans) last changed (see <see cref="SeasonTables.EventsRevisionKey"/>, <see cref="SeasonTables.PlansRevisionKey"/>).</summary>
public sealed record EventsRevision(DateTimeOffset At);
