using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Events;
using Saison.Application.Identity;
using Saison.Application.Planning;
using Saison.Application.Seasons;
using Saison.Domain.Calendar;
using Saison.Domain.Events;
using Saison.Domain.Organisers;
using Saison.Domain.Seasons;
using Saison.Storage;

namespace Saison.Application.Tests.Events;

/// <summary>
/// The events area's look-up of a season's set-up (<see cref="EventService.LookupAsync"/>) and the summaries made with
/// it, on real SQLite: made again as soon as the season, an organiser or a site changes, here or in another process
/// (a second store over the same file), and answered as made while nothing changed.
/// </summary>
public sealed class EventLookupTests : IDisposable
{
    private const int Year = 2027;
    private static readonly string Key = SeasonTables.Key(Year);
    private readonly SqliteFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ITableStore Open() => _folder.Open();

    private static EventService Events(ITableStore store, SeasonTables tables)
    {
        var audit = new AuditTrail(store, TimeProvider.System);
        return new EventService(tables, new SeasonService(tables, audit, TimeProvider.System, new NoPlan()), audit, TimeProvider.System, new NoPlan(), []);
    }

    private static Season Season(string city) =>
        new(Year, city, "Europe/Paris", new DateRange(new DateOnly(Year, 6, 1), new DateOnly(Year, 9, 19)), [], new Tonality([], []), SeasonStatus.Running, []);

    private static SeasonEvent Event(string id, string organiserId, string siteId) =>
        new(id, Year, "Concert " + id, string.Empty, organiserId, "concert", [], siteId, new EventSchedule(new DateTime(Year, 7, 14, 20, 0, 0), new DateTime(Year, 7, 14, 23, 0, 0), false),
            null, 200, SizeClass.Small, EventStatus.Proposed, AgendaStatus.Pending, null, new DateOnly(Year, 3, 1), 1, new DateTimeOffset(Year, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static async Task SeedAsync(SeasonTables tables)
    {
        await tables.Seasons.UpsertAsync(SeasonTables.SeasonPartition, Key, Season("Saint-Nazaire"));
        await tables.Organisers.UpsertAsync(Key, "asso", new Organiser("asso", "Association", OrganiserKind.Association));
        await tables.Sites.UpsertAsync(Key, "plage", new Site("plage", "Plage", "beach"));
        await tables.Events.UpsertAsync(Key, SeasonTables.EventKey("e1"), Event("e1", "asso", "plage"));
        await tables.EventsRevisions.UpsertAsync(Key, SeasonTables.EventsRevisionKey, new EventsRevision(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task Nothing_changed_the_same_lookup_and_summaries_are_answered()
    {
        var store = Open();
        var tables = new SeasonTables(store);
        await SeedAsync(tables);
        var events = Events(store, tables);

        var lookup = await events.LookupAsync(Year);
        Assert.Same(lookup, await events.LookupAsync(Year));
        var summaries = await ((ISeasonEvents)events).ListAsync(Year);
        Assert.Same(summaries, await ((ISeasonEvents)events).ListAsync(Year));
    }

    [Fact]
    public async Task An_event_among_all_is_what_find_and_list_answer()
    {
        var store = Open();
        var tables = new SeasonTables(store);
        await SeedAsync(tables);
        ISeasonEvents events = Events(store, tables);

        var (found, all) = await events.FindAmongAllAsync(Year, "e1");
        var alone = await events.FindAsync(Year, "e1");
        Assert.Equal((alone!.Id, alone.SiteName, alone.OrganiserKind, alone.Start, alone.End, alone.Revision), (found!.Id, found.SiteName, found.OrganiserKind, found.Start, found.End, found.Revision));
        Assert.Same(await events.ListAsync(Year), all);
        Assert.Equal((null, 0), await CountAsync(events.FindAmongAllAsync(Year, "inconnu")));
        Assert.Equal((null, 0), await CountAsync(events.FindAmongAllAsync(Year + 1, "e1")));
    }

    private static async Task<(EventSummary? Event, int Count)> CountAsync(Task<(EventSummary? Event, IReadOnlyList<EventSummary> All)> read)
    {
        var (found, all) = await read;
        return (found, all.Count);
    }

    [Fact]
    public async Task Set_up_written_by_another_process_is_seen_by_the_next_lookup_and_summaries()
    {
        var store = Open();
        var here = new SeasonTables(store);
        var elsewhere = new SeasonTables(Open());
        await SeedAsync(here);
        var events = Events(store, here);
        ISeasonEvents area = events;
        var summary = Assert.Single(await area.ListAsync(Year));
        Assert.Equal(("Plage", OrganiserKind.Association), (summary.SiteName, summary.OrganiserKind));

        // A site renamed elsewhere: the list of events did not change, its summaries do.
        var site = (await elsewhere.Sites.GetAsync(Key, "plage"))!;
        await elsewhere.Sites.ReplaceAsync(Key, "plage", new Site("plage", "Grande plage", "beach"), site.ETag);
        Assert.Equal("Grande plage", Assert.Single(await area.ListAsync(Year)).SiteName);
        Assert.Equal("Grande plage", (await area.FindAsync(Year, "e1"))!.SiteName);

        // An organiser's kind changed elsewhere, then one added, then the season's city.
        var organiser = (await elsewhere.Organisers.GetAsync(Key, "asso"))!;
        await elsewhere.Organisers.ReplaceAsync(Key, "asso", new Organiser("asso", "Association", OrganiserKind.CityService), organiser.ETag);
        Assert.Equal(OrganiserKind.CityService, Assert.Single(await area.ListAsync(Year)).OrganiserKind);
        await elsewhere.Organisers.InsertAsync(Key, "ville", new Organiser("ville", "Ville", OrganiserKind.CityService));
        Assert.Equal(["Association", "Ville"], (await events.LookupAsync(Year))!.Organisers.Values.Select(o => o.Name));
        var season = (await elsewhere.Seasons.GetAsync(SeasonTables.SeasonPartition, Key))!;
        await elsewhere.Seasons.ReplaceAsync(SeasonTables.SeasonPartition, Key, Season("Pornichet"), season.ETag);
        Assert.Equal("Pornichet", (await events.LookupAsync(Year))!.Season.City);

        // A site deleted elsewhere: the event shows its id again.
        var renamed = (await elsewhere.Sites.GetAsync(Key, "plage"))!;
        await elsewhere.Sites.DeleteAsync(Key, "plage", renamed.ETag);
        Assert.Equal("plage", Assert.Single(await area.ListAsync(Year)).SiteName);
        Assert.Empty((await events.LookupAsync(Year))!.Sites);

        // The season deleted elsewhere: no lookup, no events.
        var last = (await elsewhere.Seasons.GetAsync(SeasonTables.SeasonPartition, Key))!;
        await elsewhere.Seasons.DeleteAsync(SeasonTables.SeasonPartition, Key, last.ETag);
        Assert.Null(await events.LookupAsync(Year));
        Assert.Empty(await area.ListAsync(Year));
        Assert.Null(await area.FindAsync(Year, "e1"));
    }

    private sealed class NoPlan : IEventPlanSync, ISeasonPlanSync
    {
        public Task<IReadOnlyList<TableTransactionAction>> PlanActionsAsync(Season season, SeasonEvent? before, SeasonEvent after, DateOnly today, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TableTransactionAction>>([]);

        public Task SeasonChangedAsync(Caller caller, Season before, Season after, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
