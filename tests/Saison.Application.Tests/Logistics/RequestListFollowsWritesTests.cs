using Saison.Application.Logistics;
using Saison.Application.Seasons;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using Saison.Domain.Planning;
using Saison.Storage;

namespace Saison.Application.Tests.Logistics;

/// <summary>
/// A season's requests list and shared plan follow this process's own writes without reading the season again, and
/// read it again as soon as another process (here a second store over the same SQLite file) wrote in between.
/// </summary>
public sealed class RequestListFollowsWritesTests : IDisposable
{
    private readonly SqliteFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ITableStore Open() => _folder.Open();

    private static StoredRequest Draft(string id, DateTimeOffset at) =>
        new(id, 2027, "evt", "Événement", "asso", OrganiserKind.Association, "small", RequestStatus.Draft, [], at, "u", null, false, null, false, [], [new RequestHistoryEntry(at, "u", "created", null)]);

    private static async Task<string[]> IdsAsync(LogisticsStore store) =>
        [.. (await store.ListRequestsAsync(2027)).Select(r => r.Value.Id + "@" + r.ETag)];

    [Fact]
    public async Task The_list_follows_own_writes_and_reads_again_after_another_process_wrote()
    {
        var store = Open();
        var here = new LogisticsStore(store);
        var elsewhere = new LogisticsStore(store);
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Empty(await here.ListRequestsAsync(2027));
        var first = await here.InsertDraftAsync(Draft("req-b", at));
        var second = await here.InsertDraftAsync(Draft("req-a", at));
        var replaced = await here.ReplaceRequestAsync(Draft("req-b", at) with { EventTitle = "Renommé" }, first);

        // Kept in RowKey order, with the ETags written, exactly as a fresh read lists them.
        var listed = await here.ListRequestsAsync(2027);
        Assert.Equal(["req-a", "req-b"], listed.Select(r => r.Value.Id));
        Assert.Equal([second, replaced], listed.Select(r => r.ETag));
        Assert.Equal("Renommé", listed[1].Value.EventTitle);
        Assert.Equal(await IdsAsync(new LogisticsStore(store)), await IdsAsync(here));

        // Another process writes: this one's next read and next write both see it.
        await elsewhere.InsertDraftAsync(Draft("req-c", at));
        Assert.Equal(["req-a", "req-b", "req-c"], (await here.ListRequestsAsync(2027)).Select(r => r.Value.Id));
        await elsewhere.InsertDraftAsync(Draft("req-d", at));
        await here.InsertDraftAsync(Draft("req-e", at));
        Assert.Equal(["req-a", "req-b", "req-c", "req-d", "req-e"], (await here.ListRequestsAsync(2027)).Select(r => r.Value.Id));
        Assert.Equal(await IdsAsync(new LogisticsStore(store)), await IdsAsync(here));
    }

    [Fact]
    public async Task A_refused_write_leaves_the_list_as_it_was()
    {
        var store = Open();
        var here = new LogisticsStore(store);
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var etag = await here.InsertDraftAsync(Draft("req-a", at));
        await here.ListRequestsAsync(2027);

        await Assert.ThrowsAsync<TableStoreException>(() => here.InsertDraftAsync(Draft("req-a", at)));
        await here.ReplaceRequestAsync(Draft("req-a", at) with { EventTitle = "Deux" }, etag);

        var listed = Assert.Single(await here.ListRequestsAsync(2027));
        Assert.Equal("Deux", listed.Value.EventTitle);
        Assert.Equal(await IdsAsync(new LogisticsStore(store)), await IdsAsync(here));
    }

    [Fact]
    public async Task Plan_writes_are_known_one_after_the_other_until_another_process_writes()
    {
        var store = Open();
        var here = new SeasonTables(store);
        var elsewhere = new SeasonTables(store);
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        EventPlan Plan(string eventId, int revision) => new(2027, eventId, "template", 1, new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 2), [], false, revision, at);
        async Task<Azure.ETag> RevisionAsync() => (await here.EventsRevisions.GetAsync(SeasonTables.Key(2027), SeasonTables.PlansRevisionKey))!.ETag;

        await here.WritePlanAsync(2027, SeasonTables.PlanKey("a"), Plan("a", 1), null, at);
        var r1 = await RevisionAsync();
        await here.WritePlanAsync(2027, SeasonTables.PlanKey("b"), Plan("b", 1), null, at);
        await here.WritePlanAsync(2027, SeasonTables.PlanKey("a"), Plan("a", 2), null, at);
        var r3 = await RevisionAsync();

        var written = here.PlansWrittenBetween(2027, r1, r3);
        Assert.NotNull(written);
        Assert.Equal(["b/1", "a/2"], written.Select(p => p.EventId + "/" + p.Revision));

        // A plan written by another process: what this one wrote after it cannot say what happened in between.
        await elsewhere.WritePlanAsync(2027, SeasonTables.PlanKey("c"), Plan("c", 1), null, at);
        await here.WritePlanAsync(2027, SeasonTables.PlanKey("b"), Plan("b", 2), null, at);
        Assert.Null(here.PlansWrittenBetween(2027, r3, await RevisionAsync()));
        Assert.Equal(3, (await here.Plans.ListAsync(SeasonTables.Key(2027), SeasonTables.PlanPrefix)).Count);
    }
}
