using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Logistics;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Edge;

/// <summary>
/// Lists that grow with the season come in pages (<c>pageSize</c>, <c>continuation</c>, <c>Link: rel="next"</c>):
/// following every page gives the whole list once, entries added meanwhile shift nothing, filters narrow it, and a bad
/// page size, token or week is a French 400 naming the parameter.
/// </summary>
public sealed class ListPagingTests : IClassFixture<SaisonApp>
{
    private const string Base = "/api/seasons/2027";
    private readonly SaisonApp _app;
    private readonly LogisticsApi _api;

    public ListPagingTests(SaisonApp app)
    {
        _app = app;
        _api = new LogisticsApi(app);
    }

    /// <summary>Every page from <paramref name="path"/>, following the next link; the entries <paramref name="select"/> takes from each.</summary>
    private static async Task<List<JsonElement>> AllPagesAsync(HttpClient client, string path, Func<JsonElement, IEnumerable<JsonElement>> select)
    {
        var entries = new List<JsonElement>();
        string? next = path;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 500, "Too many pages.");
            var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            var body = await response.OkJsonAsync();
            entries.AddRange(select(body));
            next = null;
            if (response.Headers.TryGetValues("Link", out var links))
            {
                var link = Assert.Single(links);
                Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
                next = link[1..link.IndexOf('>', StringComparison.Ordinal)];
                Assert.Contains("continuation=" + Uri.EscapeDataString(Assert.Single(response.Headers.GetValues("X-Continuation"))), next, StringComparison.Ordinal);
            }
        }

        return entries;
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonElement> entries, string property = "id") => entries.Select(e => e.GetProperty(property).GetString()!);

    [Fact]
    public async Task Events_come_in_pages_that_add_up_to_the_whole_list_even_when_events_are_added_meanwhile()
    {
        var cell = _api.ProjectCell;
        var whole = Ids((await cell.GetJsonAsync(Base + "/events")).EnumerateArray()).ToList();
        Assert.True(whole.Count > 4, whole.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var first = await cell.GetAsync(new Uri(Base + "/events?pageSize=3", UriKind.Relative));
        Assert.Equal(3, (await first.OkJsonAsync()).GetArrayLength());
        var link = Assert.Single(first.Headers.GetValues("Link"));

        // An event proposed between two pages shifts nothing: every event is still read once.
        var added = await _api.EventAsync("asso-saint-marc", "2027-06-02T18:00:00+02:00", "2027-06-02T20:00:00+02:00");
        var rest = await AllPagesAsync(cell, link[1..link.IndexOf('>', StringComparison.Ordinal)], b => b.EnumerateArray());
        var paged = Ids((await first.OkJsonAsync()).EnumerateArray()).Concat(Ids(rest)).ToList();
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.Empty(whole.Except(paged));
        Assert.Contains(added, Ids((await cell.GetJsonAsync(Base + "/events")).EnumerateArray()));

        // The week filter: events of that ISO week only.
        var week = await cell.GetJsonAsync(Base + "/events?week=2027-W22");
        Assert.Contains(added, Ids(week.EnumerateArray()));
        Assert.All(week.EnumerateArray(), e => Assert.InRange(DateOnly.FromDateTime(DateTimeOffset.Parse(e.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DateTime), new DateOnly(2027, 5, 24), new DateOnly(2027, 6, 6)));
    }

    [Fact]
    public async Task Requests_the_review_queue_the_plan_leave_and_the_schedule_come_in_pages_with_their_filters()
    {
        var item = await _api.ItemAsync(capacity: 5);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-07-03T18:00:00+02:00", "2027-07-03T23:00:00+02:00");
        for (var i = 0; i < 5; i++)
        {
            await _api.SubmitAsync("asso-saint-marc", eventId, item, 2);
        }

        // Requests: pages of 2 add up to the whole list; by event, by service, by status, by week.
        var whole = Ids((await _api.Technician.GetJsonAsync(Base + "/requests")).EnumerateArray()).ToList();
        var paged = Ids(await AllPagesAsync(_api.Technician, Base + "/requests?pageSize=2", b => b.EnumerateArray())).ToList();
        Assert.Equal(whole, paged);
        var ofEvent = await AllPagesAsync(_api.Technician, $"{Base}/requests?eventId={eventId}&pageSize=2", b => b.EnumerateArray());
        Assert.Equal(5, ofEvent.Count);
        var mine = Ids(ofEvent).ToHashSet();
        Assert.Superset(mine, Ids((await _api.Technician.GetJsonAsync(Base + "/requests?serviceId=regie")).EnumerateArray()).ToHashSet());
        Assert.DoesNotContain(Ids((await _api.Technician.GetJsonAsync(Base + "/requests?serviceId=voirie")).EnumerateArray()), mine.Contains);
        Assert.All((await _api.Technician.GetJsonAsync(Base + "/requests?status=submitted")).EnumerateArray(), r => Assert.Equal("submitted", r.GetProperty("status").GetString()));
        Assert.Equal(5, (await _api.Technician.GetJsonAsync($"{Base}/requests?eventId={eventId}&week=2027-W26")).GetArrayLength());
        Assert.Equal(0, (await _api.Technician.GetJsonAsync($"{Base}/requests?eventId={eventId}&week=2027-W40")).GetArrayLength());

        // The review queue keeps its priority order across pages.
        var queue = Ids((await _api.Technician.GetJsonAsync(Base + "/requests/review")).EnumerateArray()).ToList();
        Assert.Equal(queue, Ids(await AllPagesAsync(_api.Technician, Base + "/requests/review?pageSize=3", b => b.EnumerateArray())));
        Assert.Empty((await _api.Technician.GetJsonAsync(Base + "/requests/review?serviceId=personne")).EnumerateArray());

        // The plan's milestones, and its groups when grouped.
        var plan = Ids((await _api.ProjectCell.GetJsonAsync(Base + "/plan")).GetProperty("milestones").EnumerateArray()).ToList();
        Assert.Equal(plan, Ids(await AllPagesAsync(_api.ProjectCell, Base + "/plan?pageSize=25", b => b.GetProperty("milestones").EnumerateArray())));
        var groups = Ids((await _api.ProjectCell.GetJsonAsync(Base + "/plan?groupBy=owner")).GetProperty("groups").EnumerateArray(), "key").ToList();
        Assert.Equal(groups, Ids(await AllPagesAsync(_api.ProjectCell, Base + "/plan?groupBy=owner&pageSize=2", b => b.GetProperty("groups").EnumerateArray()), "key"));

        // The crew schedule: assigned then unstaffed tasks, and by week.
        (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).EnsureSuccessStatusCode();
        var schedule = await _api.Technician.GetJsonAsync(Base + "/crews/schedule");
        static IEnumerable<JsonElement> Tasks(JsonElement s) => s.GetProperty("tasks").EnumerateArray().Concat(s.GetProperty("unstaffed").EnumerateArray());
        var tasks = Tasks(schedule).Select(t => t.GetProperty("taskId").GetString() + "|" + (t.TryGetProperty("agentId", out var a) ? a.GetString() : null)).ToList();
        var pagedTasks = (await AllPagesAsync(_api.Technician, Base + "/crews/schedule?pageSize=10", Tasks)).Select(t => t.GetProperty("taskId").GetString() + "|" + (t.TryGetProperty("agentId", out var a) ? a.GetString() : null)).ToList();
        Assert.Equal(tasks, pagedTasks);
        var week = await _api.Technician.GetJsonAsync(Base + "/crews/schedule?week=2027-W26");
        Assert.All(Tasks(week), t => Assert.InRange(DateOnly.FromDateTime(DateTimeOffset.Parse(t.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DateTime), new DateOnly(2027, 6, 28), new DateOnly(2027, 7, 4)));
    }

    [Fact]
    public async Task A_request_in_a_list_reads_byte_for_byte_as_it_does_alone_before_and_after_another_decision_changes_it()
    {
        // Lists of requests write each view's JSON as it was first written while nothing it shows changes: what they write
        // must be what the request's own address answers, and follow a decision that changes what another line is offered.
        var item = await _api.ItemAsync(capacity: 10);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-07-10T18:00:00+02:00", "2027-07-10T23:00:00+02:00");
        var first = (await _api.SubmitAsync("asso-saint-marc", eventId, item, 6)).GetProperty("id").GetString()!;
        var second = (await _api.SubmitAsync("asso-saint-marc", eventId, item, 6)).GetProperty("id").GetString()!;

        async Task<Dictionary<string, string>> ListedAsync(string path) =>
            (await _api.Technician.GetJsonAsync(path)).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetRawText());

        async Task AloneAsItIsListedAsync(string id, params Dictionary<string, string>[] lists)
        {
            var alone = await (await _api.Technician.GetAsync(new Uri($"{Base}/requests/{id}", UriKind.Relative))).Content.ReadAsStringAsync();
            Assert.All(lists, list => Assert.Equal(alone, list[id]));
        }

        var listed = await ListedAsync($"{Base}/requests?eventId={eventId}");
        Assert.Equal(listed, await ListedAsync($"{Base}/requests?eventId={eventId}"));
        var queue = await ListedAsync($"{Base}/requests/review?pageSize=1000");
        await AloneAsItIsListedAsync(first, listed, queue);
        await AloneAsItIsListedAsync(second, listed, queue);
        Assert.Equal(4, LogisticsApi.Line(JsonDocument.Parse(listed[second]).RootElement).GetProperty("proposed").GetInt32());

        // The first is refused: the second is now offered all it asks, in every list, as it is alone.
        (await _api.DecideAsync(first, "refuse", reason: "Matériel réservé à un autre usage.")).EnsureSuccessStatusCode();
        listed = await ListedAsync($"{Base}/requests?eventId={eventId}");
        queue = await ListedAsync($"{Base}/requests/review?pageSize=1000");
        Assert.Equal(6, LogisticsApi.Line(JsonDocument.Parse(listed[second]).RootElement).GetProperty("proposed").GetInt32());
        Assert.Equal("refused", LogisticsApi.Status(JsonDocument.Parse(listed[first]).RootElement));
        await AloneAsItIsListedAsync(first, listed);
        await AloneAsItIsListedAsync(second, listed, queue);
    }

    [Theory]
    [InlineData("/events", "Organiser")]
    [InlineData("/plan", "ProjectCell")]
    [InlineData("/requests", "Technician")]
    [InlineData("/requests/review", "Technician")]
    [InlineData("/leave", "Manager")]
    [InlineData("/crews/schedule", "Technician")]
    public async Task A_bad_page_size_token_or_week_is_a_french_400_naming_it(string path, string role)
    {
        using var client = _app.ClientAs(role, "regie");
        foreach (var (query, field) in new[] { ("pageSize=0", "pageSize"), ("pageSize=1001", "pageSize"), ("continuation=%21%21pas-un-jeton", "continuation"), ("week=2027-28", "week"), ("week=2027-W54", "week") })
        {
            var problem = await (await client.GetAsync(new Uri($"{Base}{path}?{query}", UriKind.Relative))).AssertProblemAsync(400);
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.Matches("[éèàç]|page|semaine|jeton", problem.GetProperty("detail").GetString()!);
        }
    }

    [Fact]
    public async Task Leave_comes_in_pages_and_by_week()
    {
        var teamId = "t-" + Guid.NewGuid().ToString("N")[..8];
        (await _api.ProjectCell.SendJsonAsync(HttpMethod.Post, Base + "/staff/teams", new { id = teamId, name = "Équipe " + teamId, serviceId = "voirie", managerIds = new[] { "resp-" + teamId } })).EnsureSuccessStatusCode();
        var manager = _app.ClientAs("Manager", "resp-" + teamId, [teamId]);
        var days = new[] { new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 16), new DateOnly(2027, 3, 23) };
        for (var i = 0; i < days.Length; i++)
        {
            var agent = $"{teamId}-a{i}";
            (await _api.ProjectCell.SendJsonAsync(HttpMethod.Post, Base + "/staff/agents", new { id = agent, name = "Agent " + agent, teamId, skills = new[] { "barrierage" }, cycle = "weekly", weeklyHours = 35, rttDays = 6 })).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.Created, (await manager.SendJsonAsync(HttpMethod.Post, Base + "/leave", new { agentId = agent, kind = "rtt", first = days[i], last = days[i] })).StatusCode);
        }

        var whole = Ids((await manager.GetJsonAsync(Base + "/leave")).EnumerateArray()).ToList();
        Assert.Equal(3, whole.Count);
        Assert.Equal(whole, Ids(await AllPagesAsync(manager, Base + "/leave?pageSize=1", b => b.EnumerateArray())));
        Assert.Equal(2, (await manager.GetJsonAsync(Base + "/leave?week=2027-W11")).GetArrayLength());
        Assert.Equal(1, (await manager.GetJsonAsync(Base + "/leave?week=2027-W12")).GetArrayLength());
    }
}
