using Saison.Application.Outcomes;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Crews;
using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Domain.Calendar;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using Saison.Domain.Staff;
using Saison.Storage;

namespace Saison.Application.Tests.Logistics;

/// <summary>
/// Logistics use cases on real SQLite in a temporary folder, with the other areas' contracts
/// played by in-memory fakes (a season, its events, agents and absences) and a pinned clock.
/// </summary>
internal sealed class LogisticsWorld : IDisposable
{
    public static readonly TimeSpan Paris = TimeSpan.FromHours(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "saison-logistics-tests", Guid.NewGuid().ToString("N"));

    public LogisticsWorld(DateTimeOffset? now = null)
    {
        Directory.CreateDirectory(_directory);
        Clock = new PinnedClock(now ?? new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)));
        Store = TableStoreFactory.Create(new StorageOptions { DataDirectory = _directory }, Clock);
        Logistics = new LogisticsStore(Store);
        CrewStore = new CrewStore(Store);
        Audit = new AuditTrail(Store, Clock);
        Requests = new LogisticsRequests(Logistics, Seasons, Events, Audit, Clock, Saison.Testing.SampleDestinations.Default);
        Catalog = new LogisticsCatalog(Logistics, Seasons, Events, Audit);
        Crews = new CrewSchedules(CrewStore, Requests, new EventLogistics(Logistics, Seasons, Audit, Clock, Saison.Testing.SampleDestinations.Default), Seasons, Events, Staff, Availability, Audit, Clock);
    }

    public PinnedClock Clock { get; }

    public ITableStore Store { get; }

    public LogisticsStore Logistics { get; }

    public CrewStore CrewStore { get; }

    public AuditTrail Audit { get; }

    public FakeSeasons Seasons { get; } = new();

    public FakeEvents Events { get; } = new();

    public FakeStaff Staff { get; } = new();

    public FakeAvailability Availability { get; } = new();

    public LogisticsRequests Requests { get; }

    public LogisticsCatalog Catalog { get; }

    public CrewSchedules Crews { get; }

    public static Caller Organiser(string organisation) => new("org-user-" + organisation, "Organisateur", new HashSet<string> { Roles.Organiser }, new HashSet<string> { organisation });

    public static Caller Technician { get; } = new("tech-1", "Technicien", new HashSet<string> { Roles.Technician }, new HashSet<string> { "logistique-evenementielle" });

    public static DateTimeOffset At(int month, int day, int hour = 0) => new(2027, month, day, hour, 0, 0, Paris);

    public async Task AddItemAsync(string id, int capacity, CatalogItemKind kind = CatalogItemKind.Equipment, string skill = "manutention", bool presence = false, decimal unitPrice = 2m)
    {
        var item = new CatalogItem(id, "Article " + id, kind, "pièce", unitPrice, "logistique-evenementielle", capacity, kind == CatalogItemKind.Equipment ? "depot" : null,
            TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), new CrewWork(skill, 60, 0, 60, 0, presence, 1000));
        await Logistics.Items.UpsertAsync(LogisticsStore.SeasonKey(2027), LogisticsStore.ItemRow(id), item);
    }

    public Task SetPolicyAsync(params ServiceLevel[] levels) => Logistics.UpsertPolicyAsync(2027, new CatalogPolicy(
        new LeadTimePolicy(new Dictionary<string, int> { ["small"] = 10, ["large"] = 40 }, 20),
        levels,
        [new BudgetEnvelope("logistique-evenementielle", "Logistique", 100_000m)]));

    public static ServiceLevel Standard(OrganiserKind kind, params (string Item, int Max)[] allowances) =>
        new(kind, true, [.. allowances.Select(a => new ServiceAllowance(a.Item, a.Max))], 5_000m, 4);

    public EventSummary AddEvent(string id, OrganiserKind kind, bool agenda, DateTimeOffset start, string organiserId = "", string sizeClass = "small")
    {
        var ev = new EventSummary(id, 2027, "Événement " + id, organiserId.Length > 0 ? organiserId : "org-" + id, kind, "site-1", "Front de mer", start, start.AddHours(6), false, agenda, sizeClass, "validated", [], [], 1, At(1, 1));
        Events.Put(ev);
        return ev;
    }

    public async Task<RequestView> SubmitAsync(EventSummary ev, string itemId, int quantity)
    {
        var result = await Requests.CreateAsync(Organiser(ev.OrganiserId), 2027, new CreateRequestInput(ev.Id, [new CreateLineInput(itemId, quantity)], Submit: true));
        Assert.True(result.IsSuccess, result.Detail);

        // The pinned clock moves a second on so that submissions keep their order (earlier complete submission first).
        Clock.Now += TimeSpan.FromSeconds(1);
        return result.Value!;
    }

    public async Task<Outcome<RequestView>> DecideAsync(string requestId, string lineId, string decision, int? quantity = null, string? reason = null)
    {
        var current = await Requests.GetAsync(Technician, 2027, requestId);
        return await Requests.DecideAsync(Technician, 2027, requestId, current.ETag!.Value, [new LineDecisionInput(lineId, Enum.Parse<Saison.Domain.Decisions.DecisionVerb>(decision, ignoreCase: true), quantity, reason)]);
    }

    public async Task<RequestView> GetAsync(string requestId) => (await Requests.GetAsync(Technician, 2027, requestId)).Value!;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS.
        }
    }
}

internal sealed class PinnedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

internal sealed class FakeSeasons : ISeasons
{
    public Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default) =>
        Task.FromResult<SeasonSummary?>(season == 2027
            ? new SeasonSummary(2027, "Saint-Nazaire", "Europe/Paris", new DateOnly(2027, 6, 1), new DateOnly(2027, 9, 30), [new DateRange(new DateOnly(2027, 7, 10), new DateOnly(2027, 8, 22))], "published")
            : null);
}

internal sealed class FakeEvents : ISeasonEvents
{
    private readonly Dictionary<string, EventSummary> _events = new(StringComparer.Ordinal);

    // The same list while no event changes, as the events area answers (logistics keys its priority classes on it).
    private IReadOnlyList<EventSummary>? _listed;

    public void Put(EventSummary ev)
    {
        _events[ev.Id] = ev;
        _listed = null;
    }

    public Task<EventSummary?> FindAsync(int season, string eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_events.GetValueOrDefault(eventId));

    public Task<IReadOnlyList<EventSummary>> ListAsync(int season, CancellationToken cancellationToken = default) =>
        Task.FromResult(_listed ??= [.. _events.Values]);
}

internal sealed class FakeStaff : IStaffDirectory
{
    public List<Agent> Agents { get; } = [];

    public Task<IReadOnlyList<Agent>> ListAgentsAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Agent>>(Agents);

    public Task<IReadOnlyList<Team>> ListTeamsAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Team>>([]);
}

internal sealed class FakeAvailability : IAgentAvailability
{
    public List<Absence> Absences { get; } = [];

    public Task<IReadOnlyList<Absence>> ListAbsencesAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Absence>>(Absences);
}
