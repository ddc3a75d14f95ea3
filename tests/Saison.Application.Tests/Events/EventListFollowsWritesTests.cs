using System.Text.Json;
using Saison.Application.Auditing;
using Saison.Application.Destinations;
using Saison.Application.Events;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Planning;
using Saison.Application.Samples;
using Saison.Application.Seasons;
using Saison.Application.Tests.Logistics;
using Saison.Domain.Events;
using Saison.Storage;
using Saison.Testing;

namespace Saison.Application.Tests.Events;

/// <summary>
/// A season's events list and shared plan follow this process's own event transactions (creations, moves, edits) without
/// reading the season again, and read it again as soon as another process (here a second store over the same SQLite file)
/// wrote in between.
/// </summary>
public sealed class EventListFollowsWritesTests : IAsyncLifetime
{
    private const int Year = 2027;
    private static readonly Caller Cell = new("cell-1", "Cellule projet", new HashSet<string> { Roles.ProjectCell }, new HashSet<string>());
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "saison-event-follow-tests", Guid.NewGuid().ToString("N"));
    private readonly PinnedClock _clock = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)));

    // Every process's audit trail: the rows of its completed actions are deleted in the background, and must be before
    // the folder goes (a deletion still running writes the database's journal back into it).
    private readonly List<AuditTrail> _audits = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var audit in _audits)
        {
            await audit.SettledAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_list_and_the_plan_follow_own_creations_moves_and_edits_with_the_ETags_written()
    {
        await LoadSampleAsync();
        var here = Open();
        var before = await here.Events.ListRecordsAsync(Year);
        var planBefore = await PlanAsync(here);
        var revision = await RevisionAsync(here);

        var a = await ProposeAsync(here, "Pique-nique du front de mer (test)", new DateOnly(2027, 6, 3));
        var b = await ProposeAsync(here, "Bal du front de mer (test)", new DateOnly(2027, 7, 2));
        var moved = await here.Events.MoveAsync(Cell, Year, a.Id, new MoveInput(FirstDay: new DateOnly(2027, 8, 5), LastDay: new DateOnly(2027, 8, 5)), a.ETag);
        Assert.True(moved.IsSuccess, moved.Detail);
        var renamed = await here.Events.EditAsync(Cell, Year, b.Id, new EventInput(Title: "Grand bal du front de mer (test)"), b.ETag);
        Assert.True(renamed.IsSuccess, renamed.Detail);

        // Known write by write: the caches follow them rather than read the season again (unchanged events are the same objects).
        Assert.Equal(4, here.Tables.EventsWrittenBetween(Year, revision, await RevisionAsync(here))?.Count);
        var listed = await here.Events.ListRecordsAsync(Year);
        Assert.Same(before[0].Value, listed.Single(e => e.Value.Id == before[0].Value.Id).Value);
        Assert.Equal(before.Count + 2, listed.Count);
        Assert.Equal(moved.ETag, listed.Single(e => e.Value.Id == a.Id).ETag);
        Assert.Equal(renamed.ETag, listed.Single(e => e.Value.Id == b.Id).ETag);
        var plan = await PlanAsync(here);
        var untouched = planBefore.Milestones.First(m => m.EventId is { } id && id != a.Id && id != b.Id);
        Assert.Same(untouched, plan.Milestones.Single(m => m.Id == untouched.Id));
        Assert.All(plan.Milestones.Where(m => m.EventId == b.Id), m => Assert.Equal("Grand bal du front de mer (test)", m.EventTitle));
        Assert.Contains(plan.Milestones, m => m.EventId == a.Id);

        // Exactly what a fresh read of the same file gives.
        var fresh = Open();
        Assert.Equal(Json(await fresh.Events.ListRecordsAsync(Year)), Json(listed));
        Assert.Equal(Json(await PlanAsync(fresh)), Json(plan));

        // A GET → PUT round trip on the followed list: its ETag is the one the store holds.
        var again = await here.Events.MoveAsync(Cell, Year, a.Id, new MoveInput(FirstDay: new DateOnly(2027, 8, 6), LastDay: new DateOnly(2027, 8, 6)), listed.Single(e => e.Value.Id == a.Id).ETag);
        Assert.True(again.IsSuccess, again.Detail);
    }

    [Fact]
    public async Task The_plan_follows_a_plan_write_between_two_moves_of_its_event_in_the_order_written()
    {
        await LoadSampleAsync();
        var here = Open();
        var a = await ProposeAsync(here, "Pique-nique du front de mer (test)", new DateOnly(2027, 6, 3));
        var planBefore = await PlanAsync(here);

        // Two chains: the events revision (moves, each rewriting the plan) and the plans revision (a milestone marked done).
        var first = await here.Events.MoveAsync(Cell, Year, a.Id, new MoveInput(FirstDay: new DateOnly(2027, 6, 10), LastDay: new DateOnly(2027, 6, 10)), a.ETag);
        Assert.True(first.IsSuccess, first.Detail);
        var milestone = (await PlanAsync(Open())).Milestones.First(m => m.EventId == a.Id);
        var done = await here.Plans.MarkDoneAsync(Cell, Year, milestone.Id, null);
        Assert.True(done.IsSuccess, done.Detail);
        var second = await here.Events.MoveAsync(Cell, Year, a.Id, new MoveInput(FirstDay: new DateOnly(2027, 6, 17), LastDay: new DateOnly(2027, 6, 17)), first.ETag);
        Assert.True(second.IsSuccess, second.Detail);

        var plan = await PlanAsync(here);
        var untouched = planBefore.Milestones.First(m => m.EventId is { } id && id != a.Id);
        Assert.Same(untouched, plan.Milestones.Single(m => m.Id == untouched.Id));
        Assert.Equal(Json(await PlanAsync(Open())), Json(plan));
        Assert.NotNull(plan.Milestones.Single(m => m.Id == milestone.Id).DoneOn);
    }

    [Fact]
    public async Task A_write_from_another_process_is_seen_by_the_next_read()
    {
        await LoadSampleAsync();
        var here = Open();
        var elsewhere = Open();
        await ProposeAsync(here, "Pique-nique du front de mer (test)", new DateOnly(2027, 6, 3));
        await here.Events.ListRecordsAsync(Year);
        await PlanAsync(here);

        var theirs = await ProposeAsync(elsewhere, "Concert du front de mer (test)", new DateOnly(2027, 7, 9));
        Assert.Contains(await here.Events.ListRecordsAsync(Year), e => e.Value.Id == theirs.Id && e.ETag == theirs.ETag);
        Assert.Contains((await PlanAsync(here)).Milestones, m => m.EventId == theirs.Id);

        // Their move, then this process's creation (its revision refused, written again): both seen, as a fresh read sees them.
        var moved = await elsewhere.Events.MoveAsync(Cell, Year, theirs.Id, new MoveInput(FirstDay: new DateOnly(2027, 7, 16), LastDay: new DateOnly(2027, 7, 16)), theirs.ETag);
        Assert.True(moved.IsSuccess, moved.Detail);
        var mine = await ProposeAsync(here, "Bal du front de mer (test)", new DateOnly(2027, 7, 2));
        var listed = await here.Events.ListRecordsAsync(Year);
        Assert.Equal(moved.ETag, listed.Single(e => e.Value.Id == theirs.Id).ETag);
        Assert.Contains(listed, e => e.Value.Id == mine.Id);
        var fresh = Open();
        Assert.Equal(Json(await fresh.Events.ListRecordsAsync(Year)), Json(listed));
        Assert.Equal(Json(await PlanAsync(fresh)), Json(await PlanAsync(here)));
    }

    [Fact]
    public async Task A_refused_write_leaves_the_list_and_the_plan_as_they_were()
    {
        await LoadSampleAsync();
        var here = Open();
        var a = await ProposeAsync(here, "Pique-nique du front de mer (test)", new DateOnly(2027, 6, 3));
        var listed = await here.Events.ListRecordsAsync(Year);
        var plan = await PlanAsync(here);

        // The event's own action refused by the store (its ETag is stale): nothing written, nothing kept.
        var current = listed.Single(e => e.Value.Id == a.Id);
        var stale = current.Value.With(_clock.GetUtcNow(), title: "Jamais écrit");
        var write = TableTransactionAction.UpdateReplace(here.Tables.Events.ToEntity(SeasonTables.Key(Year), SeasonTables.EventKey(a.Id), stale), new Azure.ETag("W/\"stale\""));
        var refused = await Assert.ThrowsAsync<TableStoreException>(() => here.Tables.SubmitEventsAsync(Year, [write], _clock.GetUtcNow()));
        Assert.True(refused.IsPreconditionFailed);
        Assert.Same(listed, await here.Events.ListRecordsAsync(Year));
        Assert.Same(plan.Milestones[0], (await PlanAsync(here)).Milestones[0]);

        // A move with a stale If-Match is refused too; the next write is still followed.
        var staleMove = await here.Events.MoveAsync(Cell, Year, a.Id, new MoveInput(FirstDay: new DateOnly(2027, 6, 10), LastDay: new DateOnly(2027, 6, 10)), new Azure.ETag("W/\"stale\""));
        Assert.False(staleMove.IsSuccess);
        var moved = await here.Events.MoveAsync(Cell, Year, a.Id, new MoveInput(FirstDay: new DateOnly(2027, 6, 10), LastDay: new DateOnly(2027, 6, 10)), current.ETag);
        Assert.True(moved.IsSuccess, moved.Detail);
        var after = await here.Events.ListRecordsAsync(Year);
        Assert.Same(listed.First(e => e.Value.Id != a.Id).Value, after.First(e => e.Value.Id != a.Id).Value);
        Assert.Equal(moved.ETag, after.Single(e => e.Value.Id == a.Id).ETag);
        Assert.Equal(Json(await Open().Events.ListRecordsAsync(Year)), Json(after));
    }

    /// <summary>One process's services over its own store instance on the test's SQLite file.</summary>
    private sealed record Process(SeasonTables Tables, EventService Events, PlanService Plans);

    private Process Open()
    {
        var store = TableStoreFactory.Create(new StorageOptions { DataDirectory = _directory }, _clock);
        var tables = new SeasonTables(store);
        var audit = new AuditTrail(store, _clock);
        _audits.Add(audit);
        var plans = new PlanService(tables, audit, _clock, SampleDestinations.Default);
        var seasons = new SeasonService(tables, audit, _clock, plans);
        return new Process(tables, new EventService(tables, seasons, audit, _clock, plans, []), plans);
    }

    private async Task LoadSampleAsync()
    {
        var store = TableStoreFactory.Create(new StorageOptions { DataDirectory = _directory }, _clock);
        var tables = new SeasonTables(store);
        ISampleSeasonPart[] parts = [new SeasonSamplePart(tables, _clock, SampleDestinations.Default), new PlanSamplePart(tables, _clock, SampleDestinations.Default)];
        await new SampleSeasonLoader(store, parts, _clock).LoadAsync(Year, DestinationFolder.Resolve(SampleDestinations.Folder, null));
    }

    private static async Task<(string Id, Azure.ETag ETag)> ProposeAsync(Process process, string title, DateOnly day)
    {
        var proposed = await process.Events.ProposeAsync(Cell, Year, new EventInput(
            title, OrganiserId: "asso-front-de-mer", Kind: "fete", Themes: ["balneaire"], SiteId: "front-de-mer", FirstDay: day, LastDay: day, ExpectedAttendance: 300, Size: SizeClass.Small));
        Assert.True(proposed.IsSuccess, proposed.Detail);
        return (proposed.Value!.Id, proposed.ETag!.Value);
    }

    private static async Task<PlanView> PlanAsync(Process process) => (await process.Plans.GetPlanAsync(Year, new PlanQuery())).Value!;

    private static async Task<Azure.ETag> RevisionAsync(Process process) =>
        (await process.Tables.EventsRevisions.GetAsync(SeasonTables.Key(Year), SeasonTables.EventsRevisionKey))!.ETag;

    private static string Json(PlanView plan) => JsonSerializer.Serialize(plan, SaisonJson.Options);

    private static string Json(IReadOnlyList<Versioned<SeasonEvent>> events) =>
        JsonSerializer.Serialize(events.Select(e => new { e.Value, ETag = e.ETag.ToString() }), SaisonJson.Options);
}
