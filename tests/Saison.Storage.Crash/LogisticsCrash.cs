using System.Globalization;
using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Domain.Calendar;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using Saison.Storage;
using Saison.Storage.Sqlite;

namespace Saison.Storage.Crash;

/// <summary>
/// The app's logistics use cases on a SQLite file, frozen at one write step so the parent can kill the
/// process there. Usage: <c>logistics &lt;scenario&gt; &lt;database&gt; &lt;pause at step&gt;</c>.
/// The scenario first sets its season up (not counted), prints <c>READY</c>, then runs one user action;
/// every write call to the store is a step, and so is every entity written inside a transaction (the
/// store reads its clock once per entity, inside the transaction). At step <c>pause</c> it prints
/// <c>PAUSED n</c> and waits to be killed; an action with fewer steps prints <c>DONE n</c>.
/// Scenarios: <c>submit</c> (a stored draft of two lines on two resources, fast-tracked),
/// <c>create</c> (created and submitted at once), <c>decide</c> (an agenda line approved over an
/// unconfirmed grant it displaces); <c>recover</c> (no action: the app started again a day later drains the actions
/// audited in their transaction whose process stopped before their entries reached the trail).
/// </summary>
internal static class LogisticsCrash
{
    public const int Season = 2027;
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    public static async Task<int> RunAsync(string[] args)
    {
        var (scenario, path, pauseAt) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        if (scenario == "recover")
        {
            // The app started again a day later: it completes the actions whose process stopped after their transaction.
            using var again = new SqliteTableStore(path);
            var drained = await new AuditTrail(again, new TickingClock(Now.AddDays(1))).DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(Season), TimeSpan.FromMinutes(1));
            Console.WriteLine("DONE " + drained.ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        var steps = new Steps();
        using var sqlite = new SqliteTableStore(path, new SteppingClock(steps));
        var store = new SteppingStore(sqlite, steps);
        var clock = new TickingClock(Now);
        var logistics = new LogisticsStore(store);
        var events = new CrashEvents();
        var audit = new AuditTrail(store, clock);
        var requests = new LogisticsRequests(logistics, new CrashSeasons(), events, audit, clock, Saison.Testing.SampleDestinations.Default);
        await SetUpAsync(logistics, events);

        Func<Task> action;
        switch (scenario)
        {
            case "submit":
                var draft = await requests.CreateAsync(Organiser("asso-1"), Season, new CreateRequestInput("asso-1", [new CreateLineInput("barnums", 2), new CreateLineInput("chaises", 20)]));
                action = () => requests.SubmitAsync(Organiser("asso-1"), Season, draft.Value!.Id, draft.ETag!.Value);
                break;
            case "create":
                action = () => requests.CreateAsync(Organiser("asso-1"), Season, new CreateRequestInput("asso-1", [new CreateLineInput("barnums", 2), new CreateLineInput("chaises", 20)], Submit: true));
                break;
            case "decide":
                await requests.CreateAsync(Organiser("asso-2"), Season, new CreateRequestInput("asso-2", [new CreateLineInput("barnums", 3)], Submit: true));
                var agenda = await requests.CreateAsync(Organiser("agenda-1"), Season, new CreateRequestInput("agenda-1", [new CreateLineInput("barnums", 4)], Submit: true));
                action = () => requests.DecideAsync(Technician, Season, agenda.Value!.Id, agenda.ETag!.Value, [new LineDecisionInput("l1", Saison.Domain.Decisions.DecisionVerb.Approve, null, null)]);
                break;
            default:
                Console.Error.WriteLine("Unknown scenario " + scenario);
                return 2;
        }

        // The set-up's own audit rows gone first, so that the steps are the action's.
        await audit.SettledAsync();
        steps.Arm(pauseAt);
        Console.WriteLine("READY");
        await action();

        // The completed action's audit row is deleted in the background: a write step too.
        await audit.SettledAsync();
        Console.WriteLine("DONE " + steps.Taken.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static Caller Organiser(string eventId) => new("org-" + eventId, "Organisateur", new HashSet<string> { Roles.Organiser }, new HashSet<string> { "org-" + eventId });

    private static Caller Technician { get; } = new("tech-1", "Technicien", new HashSet<string> { Roles.Technician }, new HashSet<string> { "regie" });

    /// <summary>Two resources; associations get small standard requests at once, tourism operators never (no standard).</summary>
    private static async Task SetUpAsync(LogisticsStore store, CrashEvents events)
    {
        foreach (var (id, capacity) in new[] { ("barnums", 5), ("chaises", 100) })
        {
            var item = new CatalogItem(id, "Article " + id, CatalogItemKind.Equipment, "pièce", 2m, "regie", capacity, "depot",
                TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), null);
            await store.Items.UpsertAsync(LogisticsStore.SeasonKey(Season), LogisticsStore.ItemRow(id), item);
        }

        await store.UpsertPolicyAsync(Season, new CatalogPolicy(
            new LeadTimePolicy(new Dictionary<string, int>(), 10),
            [new ServiceLevel(OrganiserKind.Association, true, [new ServiceAllowance("barnums", 3), new ServiceAllowance("chaises", 50)], 5_000m, 4)],
            [new BudgetEnvelope("regie", "Régie", 100_000m)]));
        var start = new DateTimeOffset(2027, 7, 14, 14, 0, 0, TimeSpan.FromHours(2));
        foreach (var (id, kind, agenda) in new[] { ("asso-1", OrganiserKind.Association, false), ("asso-2", OrganiserKind.Association, false), ("agenda-1", OrganiserKind.TourismOperator, true) })
        {
            events.Put(new EventSummary(id, Season, "Événement " + id, "org-" + id, kind, "site-1", "Front de mer", start, start.AddHours(6), false, agenda, "small", "validated", [], [], 1, Now));
        }
    }

    /// <summary>Counts write steps and freezes the process at the armed one.</summary>
    private sealed class Steps
    {
        private int _pauseAt = int.MaxValue;

        public int Taken { get; private set; }

        public void Arm(int pauseAt)
        {
            Taken = 0;
            _pauseAt = pauseAt;
        }

        public void Step()
        {
            if (_pauseAt == int.MaxValue)
            {
                return;
            }

            if (Taken++ == _pauseAt)
            {
                Console.WriteLine("PAUSED " + _pauseAt.ToString(CultureInfo.InvariantCulture));
                Console.Out.Flush();
                Thread.Sleep(Timeout.Infinite);
            }
        }
    }

    /// <summary>The SQLite store's clock: read once per entity it writes, inside the transaction.</summary>
    private sealed class SteppingClock(Steps steps) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            steps.Step();
            return base.GetUtcNow();
        }
    }

    /// <summary>The use cases' clock: a second further at each read, so submissions keep their order.</summary>
    private sealed class TickingClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => start.ToUniversalTime().AddSeconds(Interlocked.Increment(ref _ticks));
    }

    /// <summary>The store, with a step before every write call.</summary>
    private sealed class SteppingStore(ITableStore inner, Steps steps) : ITableStore
    {
        public string Kind => inner.Kind;

        public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => inner.CreateTableIfNotExistsAsync(table, cancellationToken);

        public Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
            inner.GetEntityIfExistsAsync(table, partitionKey, rowKey, cancellationToken);

        public Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(table, query, continuationToken, cancellationToken);

        public Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
        {
            steps.Step();
            return inner.AddEntityAsync(table, entity, cancellationToken);
        }

        public Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        {
            steps.Step();
            return inner.UpsertEntityAsync(table, entity, mode, cancellationToken);
        }

        public Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        {
            steps.Step();
            return inner.UpdateEntityAsync(table, entity, ifMatch, mode, cancellationToken);
        }

        public Task DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
        {
            steps.Step();
            return inner.DeleteEntityAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
        }

        public Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
        {
            steps.Step();
            return inner.SubmitTransactionAsync(table, actions, cancellationToken);
        }
    }

    private sealed class CrashSeasons : ISeasons
    {
        public Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default) =>
            Task.FromResult<SeasonSummary?>(season == Season
                ? new SeasonSummary(Season, "Saint-Nazaire", "Europe/Paris", new DateOnly(2027, 6, 1), new DateOnly(2027, 9, 30), [new DateRange(new DateOnly(2027, 7, 10), new DateOnly(2027, 8, 22))], "published")
                : null);
    }

    private sealed class CrashEvents : ISeasonEvents
    {
        private readonly Dictionary<string, EventSummary> _events = new(StringComparer.Ordinal);

        public void Put(EventSummary ev) => _events[ev.Id] = ev;

        public Task<EventSummary?> FindAsync(int season, string eventId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_events.GetValueOrDefault(eventId));

        public Task<IReadOnlyList<EventSummary>> ListAsync(int season, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EventSummary>>([.. _events.Values]);
    }
}
