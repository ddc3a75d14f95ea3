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
        Seasons = DocumentTable<Season>.KeepingParsed(store, "Seasons", s => [new("Status", s.Status.ToString())]);
        Organisers = DocumentTable<Organiser>.KeepingParsed(store, "Organisers", o => [new("Kind", o.Kind.ToString())]);
        Sites = DocumentTable<Site>.KeepingParsed(store, "Sites");
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
    /// <remarks>
    /// While this process knows the plans revision, it is replaced only if it still has that ETag: then no other plan was
    /// written in between, and the write is kept (<see cref="PlansWrittenBetween"/>) so the shared plan read under the
    /// revision before it follows without reading the season's plans again. If another process wrote in between (412 on
    /// the revision, nothing written) the write is submitted again with the revision written whatever it was. This
    /// process's plan writes queue for the submission only.
    /// </remarks>
    public async Task<Azure.ETag> WritePlanAsync(int season, string planKey, EventPlan plan, Azure.ETag? ifMatch, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = Plans.ToEntity(Key(season), planKey, plan);
        var write = ifMatch is { } match ? TableTransactionAction.UpdateReplace(entity, match) : TableTransactionAction.UpsertReplace(entity);
        var revision = EventsRevisions.ToEntity(Key(season), PlansRevisionKey, new EventsRevision(at));
        var log = _planWrites.GetOrAdd(season, _ => new PlanWriteLog());
        await log.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var from = log.Known;
            var (etags, followed) = await GuardedRevision.SubmitAsync(Plans, [write], revision, from is { } known ? KnownRevision.At(known) : KnownRevision.Unknown, cancellationToken).ConfigureAwait(false);
            log.Record(followed ? from : null, etags[1]!.Value, plan);
            return etags[0]!.Value;
        }
        catch (Exception e) when (!GuardedRevision.WroteNothing(e))
        {
            // After anything but a refusal, the revision is not trusted.
            log.Record(null, null, null);
            throw;
        }
        finally
        {
            log.Gate.Release();
        }
    }

    /// <summary>The plans revision as read by the shared plan: the next plan write of this process names it in its If-Match.</summary>
    public void NotePlansRevision(int season, Azure.ETag? revision)
    {
        if (revision is { } read)
        {
            _planWrites.GetOrAdd(season, _ => new PlanWriteLog()).Note(read);
        }
    }

    /// <summary>
    /// The plans this process wrote, in order, that took the season's plans revision from <paramref name="from"/> to
    /// <paramref name="to"/>; <c>null</c> when it does not know them all (another process wrote, or too long ago).
    /// </summary>
    public IReadOnlyList<EventPlan>? PlansWrittenBetween(int season, Azure.ETag from, Azure.ETag to) =>
        _planWrites.TryGetValue(season, out var log) ? log.Between(from, to) : null;

    // Per season: the plans revision this process last read or wrote, and its own plan writes since it knew it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, PlanWriteLog> _planWrites = new();

    private sealed class PlanWriteLog
    {
        private const int Kept = 8192;
        private readonly List<(Azure.ETag From, Azure.ETag To, EventPlan Plan)> _writes = [];
        private readonly Lock _lock = new();
        private Azure.ETag? _known;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Azure.ETag? Known
        {
            get
            {
                lock (_lock)
                {
                    return _known;
                }
            }
        }

        /// <summary>A write from <paramref name="from"/> (null: not known, the chain breaks) to <paramref name="to"/> (null: unknown).</summary>
        public void Record(Azure.ETag? from, Azure.ETag? to, EventPlan? plan)
        {
            lock (_lock)
            {
                if (from is { } f && to is { } t && plan is not null)
                {
                    if (_writes.Count >= Kept)
                    {
                        _writes.RemoveRange(0, Kept / 2);
                    }

                    _writes.Add((f, t, plan));
                }
                else
                {
                    _writes.Clear();
                }

                _known = to;
            }
        }

        public void Note(Azure.ETag read)
        {
            lock (_lock)
            {
                _known ??= read;
            }
        }

        public IReadOnlyList<EventPlan>? Between(Azure.ETag from, Azure.ETag to)
        {
            lock (_lock)
            {
                var start = _writes.FindIndex(w => w.From == from);
                if (start < 0)
                {
                    return null;
                }

                // Each write kept follows the one before it (a write that did not is never kept: it clears the log).
                var plans = new List<EventPlan>();
                for (var i = start; i < _writes.Count; i++)
                {
                    plans.Add(_writes[i].Plan);
                    if (_writes[i].To == to)
                    {
                        return plans;
                    }
                }

                return null;
            }
        }
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
