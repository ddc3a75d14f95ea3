using Saison.Application.Outcomes;
using Saison.Storage;
using Saison.Application.Logistics;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using static Saison.Application.Tests.Logistics.LogisticsWorld;

namespace Saison.Application.Tests.Logistics;

public sealed class LogisticsRequestsTests : IDisposable
{
    private readonly LogisticsWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_small_standard_request_on_time_is_approved_at_once()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        var ev = _world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14));

        var request = await _world.SubmitAsync(ev, "chaises", 80);

        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.True(request.FastTrack);
        Assert.Equal("fast-track", request.Reasons.Single().Code);
        Assert.Equal(80, request.Lines.Single().Granted);
    }

    [Fact]
    public async Task A_request_above_the_standard_goes_to_review_with_its_reasons()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        var ev = _world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14));

        var request = await _world.SubmitAsync(ev, "chaises", 300);

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.False(request.FastTrack);
        Assert.Contains(request.Reasons, r => r.Code == "above-standard");
        Assert.Equal(300, request.Lines.Single().Proposed);
    }

    [Fact]
    public async Task A_late_request_is_accepted_for_review_but_flagged()
    {
        _world.Clock.Now = At(7, 10, 9);
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        var ev = _world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14));

        var request = await _world.SubmitAsync(ev, "chaises", 10);

        Assert.True(request.Late);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Contains(request.Reasons, r => r.Code == "late");
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_for_the_last_units_never_over_allocate()
    {
        await _world.AddItemAsync("barnums", 10);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("barnums", 2)));
        var events = Enumerable.Range(0, 50).Select(i => _world.AddEvent("e" + i, OrganiserKind.Association, false, At(7, 14, 14))).ToList();

        var views = await Task.WhenAll(events.Select(ev => _world.SubmitAsync(ev, "barnums", 1)));

        var ledger = (await _world.Logistics.ReadAllocationsAsync(2027, "barnums")).Ledger;
        Assert.Equal(50, ledger.Entries.Count);
        Assert.Equal(10, ledger.Entries.Where(e => e.Holds).Sum(e => e.Granted));
        Assert.Equal(10, views.Count(v => v.Status == RequestStatus.Approved));
        Assert.All(views.Where(v => v.Status != RequestStatus.Approved), v => Assert.Equal(RequestStatus.Submitted, v.Status));
        Assert.Equal(10, views.Count(v => v.FastTrack));
        Assert.All(views, v => Assert.Equal(v.FastTrack, v.Status == RequestStatus.Approved));
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_for_five_units_grant_exactly_five_and_only_those_say_fast_tracked()
    {
        await _world.AddItemAsync("barnums", 5);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("barnums", 2)));
        var events = Enumerable.Range(0, 50).Select(i => _world.AddEvent("e" + i, OrganiserKind.Association, false, At(7, 14, 14))).ToList();

        var results = await Task.WhenAll(events.Select(ev => _world.Requests.CreateAsync(Organiser(ev.OrganiserId), 2027, new CreateRequestInput(ev.Id, [new CreateLineInput("barnums", 1)], Submit: true))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Detail));
        var views = await Task.WhenAll(results.Select(r => _world.GetAsync(r.Value!.Id)));
        Assert.Equal(5, views.Sum(v => v.Lines.Single().Granted));
        Assert.Equal(5, views.Count(v => v.FastTrack));
        Assert.All(views, v => Assert.Equal(v.FastTrack, v.Lines.Single().Granted == 1));
        Assert.All(results, r => Assert.Equal(r.Value!.FastTrack, r.Value.Status == RequestStatus.Approved));
        var read = await _world.Logistics.ReadAllocationsAsync(2027, "barnums");
        Assert.Equal(50, read.Stored.Count);
        Assert.Equal(50, read.Head.Entries);
    }

    [Fact]
    public async Task Submissions_placed_on_the_load_already_there_read_as_a_fresh_process_allocating_everything_reads_them()
    {
        // Each new association line ranks after every claim: it is placed on the load the others leave instead of
        // allocating the resource again. What it says must be what a process reading the season afresh says.
        await _world.AddItemAsync("barnums", 12);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("barnums", 4)));
        var random = new Random(2027);
        var json = new System.Text.Json.JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        for (var i = 0; i < 40; i++)
        {
            var ev = _world.AddEvent("e" + i, i % 7 == 0 ? OrganiserKind.CityService : OrganiserKind.Association, false, At(7, 1 + random.Next(0, 20), 8 + random.Next(0, 8)));
            // Every fifth request asks twice for the same item (two claims of one request on one resource).
            var lines = Enumerable.Range(0, i % 5 == 0 ? 2 : 1).Select(_ => new CreateLineInput("barnums", random.Next(1, 4))).ToList();
            var created = await _world.Requests.CreateAsync(Organiser(ev.OrganiserId), 2027, new CreateRequestInput(ev.Id, lines, Submit: true));
            Assert.True(created.IsSuccess, created.Detail);
            var submitted = created.Value!;
            _world.Clock.Now += TimeSpan.FromSeconds(1);

            var fresh = new LogisticsRequests(new LogisticsStore(_world.Store), _world.Seasons, _world.Events, _world.Audit, _world.Clock, Saison.Testing.SampleDestinations.Default);
            var read = (await fresh.GetAsync(Organiser(ev.OrganiserId), 2027, submitted.Id)).Value!;
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(read.Lines, json), System.Text.Json.JsonSerializer.Serialize(submitted.Lines, json));
            Assert.Equal((read.Status, read.FastTrack), (submitted.Status, submitted.FastTrack));
        }

        // The stock head written by the last placement counts the season as allocating it again counts it.
        var state = await _world.Logistics.ReadAllocationsAsync(2027, "barnums");
        Assert.NotNull(state.Placement);
        var item = (await _world.Logistics.GetItemAsync(2027, "barnums"))!.Value;
        var again = ResourceAllocator.Allocate("barnums", 12, (await new LogisticsStore(_world.Store).ReadAllocationsAsync(2027, "barnums")).Ledger.Entries);
        Assert.Equal(AllocationSnapshot.UseOf(item, again), (state.Head.Consumed, state.Head.Pending));
        Assert.Contains(state.Ledger.Entries, e => e.State == AllocationState.Approved);
        Assert.Contains(state.Ledger.Entries, e => e.State == AllocationState.Pending && e.Class == PriorityClass.Other);
        Assert.Contains(await _world.Events.ListAsync(2027), e => e.OrganiserKind == OrganiserKind.CityService);
    }

    [Fact]
    public async Task After_each_write_the_queue_and_the_status_lists_read_as_a_fresh_process_reads_them()
    {
        // The standings are worked out again only for the requests a write changed or whose resources it allocated anew,
        // and a view is made again only when what it shows changed: after every submission, decision and stock change,
        // the lists must be what a process reading the season afresh says, view for view.
        await _world.AddItemAsync("barnums", 10);
        await _world.AddItemAsync("chaises", 60);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("barnums", 2), ("chaises", 20)));
        var random = new Random(2028);
        var submitted = new List<RequestView>();
        for (var i = 0; i < 36; i++)
        {
            if (i % 6 == 5 && submitted.Count > 0)
            {
                // A technician approves a pending line as proposed (or refuses it when nothing is left).
                var pending = await _world.GetAsync(submitted[random.Next(submitted.Count)].Id);
                if (pending.Lines.FirstOrDefault(l => l.Decision == LineDecisionKind.Pending) is { } line)
                {
                    await _world.DecideAsync(pending.Id, line.LineId, line.Proposed > 0 ? "approve" : "refuse", line.Proposed > 0 ? line.Proposed : null, "Plus de stock sur la période.");
                }
            }
            else if (i == 20)
            {
                // Fewer chairs: grants that no longer fit are flagged, for every request with chairs.
                await _world.AddItemAsync("chaises", 30);
            }
            else if (i == 27)
            {
                // Dearer tents, same stock: every line of tents costs more (the COPIL's figures), nothing else changes.
                await _world.AddItemAsync("barnums", 10, unitPrice: 7.5m);
            }
            else
            {
                var ev = _world.AddEvent("e" + i, i % 4 == 0 ? OrganiserKind.CityService : OrganiserKind.Association, i % 9 == 0, At(7, 1 + random.Next(0, 10), 8 + random.Next(0, 8)));
                var lines = new[] { "barnums", "chaises" }.Where((_, k) => random.Next(3) > 0 || k == i % 2)
                    .Select(item => new CreateLineInput(item, item == "barnums" ? random.Next(1, 4) : random.Next(5, 25))).ToList();
                var created = await _world.Requests.CreateAsync(Organiser(ev.OrganiserId), 2027, new CreateRequestInput(ev.Id, lines, Submit: true));
                Assert.True(created.IsSuccess, created.Detail);
                submitted.Add(created.Value!);
                _world.Clock.Now += TimeSpan.FromSeconds(1);
            }

            // The app's service, which keeps its standings from one read to the next, against a new one over the same store.
            var fresh = new LogisticsRequests(new LogisticsStore(_world.Store), _world.Seasons, _world.Events, _world.Audit, _world.Clock, Saison.Testing.SampleDestinations.Default);
            Assert.Equal(
                await Listed(page => fresh.ReviewQueueAsync(Technician, 2027, new RequestFilter(), page)),
                await Listed(page => _world.Requests.ReviewQueueAsync(Technician, 2027, new RequestFilter(), page)));
            foreach (var status in Enum.GetValues<RequestStatus>())
            {
                Assert.Equal(
                    await Listed(page => fresh.ListAsync(Technician, 2027, new RequestFilter(Status: status), page)),
                    await Listed(page => _world.Requests.ListAsync(Technician, 2027, new RequestFilter(Status: status), page)));
            }

            // The COPIL's figures: each line's decision and cost, kept with the standings.
            Assert.Equal(await fresh.LineOutcomesAsync(2027), await _world.Requests.LineOutcomesAsync(2027));
        }

        var queue = await _world.Requests.ReviewQueueAsync(Technician, 2027);
        Assert.Contains(queue, r => r.Lines.Any(l => l.Flags.Count > 0));
        Assert.Contains(queue, r => r.PriorityClass == PriorityClass.TourismAgenda);

        // A new process reads the standings ahead (at start): as many wait as the queue shows.
        var started = new LogisticsRequests(new LogisticsStore(_world.Store), _world.Seasons, _world.Events, _world.Audit, _world.Clock, Saison.Testing.SampleDestinations.Default);
        Assert.Equal(queue.Count, await started.CountQueueAsync(Saison.Application.Identity.Caller.System, 2027));
    }

    /// <summary>A list followed page by page (seven a page) to its end: each request's whole view (lines, reasons, alternatives, conflicts, history).</summary>
    private static async Task<List<string>> Listed(Func<Saison.Application.Persistence.PageRequest, Task<(IReadOnlyList<RequestView> Items, string? Next)>> read)
    {
        var all = new List<string>();
        var page = new Saison.Application.Persistence.PageRequest(7);
        while (true)
        {
            var (items, next) = await read(page);
            all.AddRange(items.Select(r => System.Text.Json.JsonSerializer.Serialize(r, Saison.Application.Persistence.SaisonJson.Options)));
            if (next is null)
            {
                return all;
            }

            page = Saison.Application.Persistence.PageRequest.Parse(7, next, out _, out _)!;
        }
    }

    [Fact]
    public async Task A_late_read_of_a_resource_never_puts_its_claims_back_as_they_were()
    {
        // A page reads a resource's claims while a decision commits: its read comes back after, with the state before.
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        var counting = new CountingStore(_world.Store);
        var store = new LogisticsStore(counting);
        var requests = new LogisticsRequests(store, _world.Seasons, _world.Events, _world.Audit, _world.Clock, Saison.Testing.SampleDestinations.Default);
        async Task SubmitAsync(string eventId)
        {
            var ev = _world.AddEvent(eventId, OrganiserKind.Association, false, At(7, 14, 14));
            Assert.True((await requests.CreateAsync(Organiser(ev.OrganiserId), 2027, new CreateRequestInput(ev.Id, [new CreateLineInput("chaises", 300)], Submit: true))).IsSuccess);
            _world.Clock.Now += TimeSpan.FromSeconds(1);
        }

        await SubmitAsync("e1");
        var before = await store.Stocks.GetAsync(LogisticsStore.SeasonKey(2027), LogisticsStore.StockRow("chaises"));
        await SubmitAsync("e2");
        var late = await store.ReadAllocationsAsync(2027, "chaises", before);
        Assert.Equal(1, late.Head.Version);

        // The next reader finds the state after the decision in memory, not the late one: no query of the claims.
        counting.Queries = 0;
        var now = await store.ReadAllocationsAsync(2027, "chaises");
        Assert.Equal(2, now.Head.Version);
        Assert.Equal(0, counting.Queries);
    }

    /// <summary>A store that counts its queries.</summary>
    private sealed class CountingStore(ITableStore inner) : ITableStore
    {
        public int Queries;

        public string Kind => inner.Kind;

        public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => inner.CreateTableIfNotExistsAsync(table, cancellationToken);

        public Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) => inner.GetEntityIfExistsAsync(table, partitionKey, rowKey, cancellationToken);

        public Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Queries);
            return inner.QueryAsync(table, query, continuationToken, cancellationToken);
        }

        public Task<Azure.ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default) => inner.AddEntityAsync(table, entity, cancellationToken);

        public Task<Azure.ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) => inner.UpsertEntityAsync(table, entity, mode, cancellationToken);

        public Task<Azure.ETag> UpdateEntityAsync(string table, TableEntity entity, Azure.ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) => inner.UpdateEntityAsync(table, entity, ifMatch, mode, cancellationToken);

        public Task DeleteEntityAsync(string table, string partitionKey, string rowKey, Azure.ETag ifMatch, CancellationToken cancellationToken = default) => inner.DeleteEntityAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

        public Task<IReadOnlyList<Azure.ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) => inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    [Fact]
    public async Task No_stored_record_grows_with_the_season()
    {
        await _world.AddItemAsync("chaises", 100_000);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        for (var i = 0; i < 300; i++)
        {
            await _world.SubmitAsync(_world.AddEvent("e" + i, OrganiserKind.Association, false, At(7, 1 + (i % 30), 14)), "chaises", 10 + (i % 50));
        }

        // Each action's audit row is gone once it completed (deleted in the background, many at a time).
        await _world.Audit.SettledAsync();
        var sizes = new List<long>();
        await foreach (var entity in _world.Store.QueryAllAsync(LogisticsStore.SeasonTable, TableQuery.Partition("2027")))
        {
            sizes.Add(TableRules.EntitySize(entity));
        }

        // 300 requests, their 300 claims, one stock head and the requests revision: each entity stays the size of one request or one claim.
        Assert.Equal(602, sizes.Count);
        Assert.True(sizes.Max() < 4_096, $"largest entity {sizes.Max()} bytes");
        var read = await _world.Logistics.ReadAllocationsAsync(2027, "chaises");
        Assert.Equal(300, read.Head.Entries);
        Assert.Equal(300, read.Head.Version);
    }

    [Fact]
    public async Task In_a_shortage_the_agenda_event_wins_and_the_association_is_offered_part_but_no_day_that_misses_its_event()
    {
        await _world.AddItemAsync("barrieres", 100);
        await _world.SetPolicyAsync();
        var association = _world.AddEvent("asso", OrganiserKind.Association, false, At(7, 14, 14));
        var agenda = _world.AddEvent("agenda", OrganiserKind.TourismOperator, true, At(7, 14, 10));
        var assoRequest = await _world.SubmitAsync(association, "barrieres", 80);
        var agendaRequest = await _world.SubmitAsync(agenda, "barrieres", 70);

        var queue = await _world.Requests.ReviewQueueAsync(Technician, 2027);
        Assert.Equal([agendaRequest.Id, assoRequest.Id], queue.Select(r => r.Id));
        var line = queue[1].Lines.Single();
        Assert.Equal(30, line.Proposed);
        Assert.Equal(30, line.Alternative!.Quantity);
        Assert.Null(line.Alternative.ShiftDays);
        Assert.Equal(agendaRequest.Id, line.Conflicts!.Single().RequestId);

        Assert.True((await _world.DecideAsync(agendaRequest.Id, "l1", "approve")).IsSuccess);
        var refused = await _world.DecideAsync(assoRequest.Id, "l1", "approve");
        Assert.Equal(OutcomeKind.BusinessRule, refused.Kind);
        var partial = await _world.DecideAsync(assoRequest.Id, "l1", "approve", 30, "Stock partagé avec un événement de l'agenda touristique.");
        Assert.Equal(RequestStatus.PartlyApproved, partial.Value!.Status);
    }

    [Fact]
    public async Task A_later_agenda_validation_displaces_unconfirmed_allocations_only()
    {
        await _world.AddItemAsync("barrieres", 100);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("barrieres", 50)), Standard(OrganiserKind.CityService, ("barrieres", 50)));

        // A city event granted earlier than the city event validated later: only the agenda validation puts the later one first.
        var unconfirmed = await _world.SubmitAsync(_world.AddEvent("a1", OrganiserKind.CityService, false, At(7, 14, 14)), "barrieres", 40);
        Assert.Equal(RequestStatus.Approved, unconfirmed.Status);
        var confirmed = await _world.SubmitAsync(_world.AddEvent("a2", OrganiserKind.Association, false, At(7, 14, 14)), "barrieres", 40);
        var current = await _world.Requests.GetAsync(Technician, 2027, confirmed.Id);
        Assert.True((await _world.Requests.ConfirmAsync(Technician, 2027, confirmed.Id, current.ETag!.Value)).IsSuccess);

        var city = _world.AddEvent("city", OrganiserKind.CityService, false, At(7, 14, 10));
        var cityRequest = await _world.SubmitAsync(city, "barrieres", 60);
        Assert.Equal(20, cityRequest.Lines.Single().Proposed);

        // The project cell validates the event into the agenda: it now counts on the unconfirmed units.
        _world.Events.Put(city with { InTourismAgenda = true });
        Assert.Equal(60, (await _world.GetAsync(cityRequest.Id)).Lines.Single().Proposed);
        Assert.True((await _world.DecideAsync(cityRequest.Id, "l1", "approve")).IsSuccess);

        var displaced = await _world.GetAsync(unconfirmed.Id);
        Assert.Equal(RequestStatus.Refused, displaced.Status);
        Assert.Contains(displaced.Lines.Single().Reasons, r => r.Code == "displaced-by-agenda");
        Assert.Contains(displaced.History, h => h.Action == "line-displaced");
        var kept = await _world.GetAsync(confirmed.Id);
        Assert.Equal(40, kept.Lines.Single().Granted);
        Assert.True(kept.Lines.Single().Confirmed);

        // Only an explicit, justified decision changes a confirmed allocation.
        var etag = (await _world.Requests.GetAsync(Technician, 2027, confirmed.Id)).ETag!.Value;
        var overridden = await _world.Requests.OverrideAsync(Technician, 2027, confirmed.Id, "l1", etag, 25, "Arbitrage de la cellule projet du 2 mars.");
        Assert.Equal(25, overridden.Value!.Lines.Single().Granted);
        var audit = await _world.Audit.ListAsync("2027-03");
        Assert.Contains(audit, e => e.Action == "logistics.allocation.override" && e.Justification == "Arbitrage de la cellule projet du 2 mars.");
    }

    [Fact]
    public async Task Organisers_only_see_their_own_organisation()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync();
        var mine = await _world.SubmitAsync(_world.AddEvent("mine", OrganiserKind.Association, false, At(7, 14, 14), "asso-a"), "chaises", 10);
        await _world.SubmitAsync(_world.AddEvent("theirs", OrganiserKind.Association, false, At(7, 14, 14), "asso-b"), "chaises", 10);

        var list = await _world.Requests.ListAsync(Organiser("asso-a"), 2027);
        Assert.Equal([mine.Id], list.Select(r => r.Id));
        Assert.Equal(OutcomeKind.NotFound, (await _world.Requests.GetAsync(Organiser("asso-b"), 2027, mine.Id)).Kind);
        // Another organisation's event does not exist for this organiser: the same 404 as an unknown one.
        var hidden = await _world.Requests.CreateAsync(Organiser("asso-b"), 2027, new CreateRequestInput("mine", [new CreateLineInput("chaises", 1)]));
        Assert.Equal(OutcomeKind.NotFound, hidden.Kind);
    }
}
