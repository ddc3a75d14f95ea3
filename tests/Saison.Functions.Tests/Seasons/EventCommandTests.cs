using System.Net;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

public sealed class EventCommandTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;
    private readonly HttpClient _cell;
    private readonly HttpClient _asso;

    public EventCommandTests(SaisonApp app)
    {
        _app = app;
        _cell = app.ClientAs("ProjectCell", "cellule");
        _asso = app.ClientAs("Organiser", "asso-front-de-mer");
    }

    [Fact]
    public async Task End_before_start_is_400_on_end()
    {
        var response = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(start: "2027-08-06T23:00:00+02:00", end: "2027-08-06T21:00:00+02:00"));
        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("end", problem.GetProperty("field").GetString());
        Assert.Contains("postérieure au début", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_or_malformed_fields_are_400()
    {
        await (await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", new { kind = "concert", siteId = "front-de-mer", size = "small", start = "2027-08-06T21:00" })).AssertProblemAsync(400);
        var badDate = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(start: "le 6 août"));
        Assert.Equal("start", (await badDate.AssertProblemAsync(400)).GetProperty("field").GetString());
        var unbounded = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", new { title = "Marché", kind = "marche", themes = new[] { "balneaire" }, siteId = "front-de-mer", size = "small", start = "2027-07-02T17:00", end = "2027-07-02T21:00", recurrence = new { days = new[] { "friday" } } });
        Assert.Equal("recurrence", (await unbounded.AssertProblemAsync(400)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Outside_the_season_bounds_is_422()
    {
        var response = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(start: "2027-05-21T21:00:00+02:00", end: "2027-05-21T23:00:00+02:00"));
        var problem = await response.AssertProblemAsync(422);
        Assert.Contains("sort des bornes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("start", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_theme_or_site_is_422()
    {
        var theme = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(theme: "ski-alpin"));
        Assert.Equal("themes", (await theme.AssertProblemAsync(422)).GetProperty("field").GetString());
        var site = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(siteId: "tour-eiffel"));
        Assert.Contains("tour-eiffel", (await site.AssertProblemAsync(422)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recurrence_whose_exception_is_not_an_occurrence_is_422()
    {
        var response = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", new
        {
            title = "Marché nocturne (test)", kind = "marche", themes = new[] { "balneaire" }, siteId = "front-de-mer", size = "small",
            start = "2027-07-02T18:00", end = "2027-07-02T23:00",
            recurrence = new { days = new[] { "friday" }, until = "2027-08-27", exceptions = new[] { "2027-07-14" } },
        });
        Assert.Contains("14/07/2027", (await response.AssertProblemAsync(422)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_times_without_offset_take_the_season_zone()
    {
        var (e, _) = await _asso.ProposeAsync(EventRequests.Concert(start: "2027-08-13T21:00", end: "2027-08-13T23:00"));
        Assert.Equal("2027-08-13T21:00:00+02:00", e.GetProperty("start").GetString());
        Assert.Equal("asso-front-de-mer", e.GetProperty("organiserId").GetString());
        Assert.Equal("association", e.GetProperty("organiserKind").GetString());
    }

    [Fact]
    public async Task Organisers_propose_only_for_their_own_organisation()
    {
        var response = await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(organiserId: "snat"));
        await response.AssertProblemAsync(403);
        var cellWithout = await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert());
        Assert.Equal("organiserId", (await cellWithout.AssertProblemAsync(400)).GetProperty("field").GetString());
        var (forSnat, _) = await _cell.ProposeAsync(EventRequests.Concert(organiserId: "snat"));
        Assert.Equal("snat", forSnat.GetProperty("organiserId").GetString());
        await (await _app.ClientAs("Technician", "voirie").SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert(organiserId: "snat"))).AssertProblemAsync(403);
    }

    [Fact]
    public async Task Organisers_see_and_edit_only_their_own_events()
    {
        var saintMarc = _app.ClientAs("Organiser", "asso-saint-marc");
        var list = await saintMarc.GetJsonAsync("/api/seasons/2027/events");
        Assert.Equal(["fete-plage-saint-marc"], list.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        // One existence rule: another organisation's event answers exactly like an event that does not exist.
        var hidden = await (await saintMarc.GetAsync(SeasonApi.Url("/api/seasons/2027/events/jeudis-du-port"))).AssertProblemAsync(404);
        var unknown = await (await saintMarc.GetAsync(SeasonApi.Url("/api/seasons/2027/events/jeudis-du-pont"))).AssertProblemAsync(404);
        Assert.Equal(unknown.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
        Assert.Equal(unknown.GetProperty("detail").GetString()!.Replace("jeudis-du-pont", "X", StringComparison.Ordinal), hidden.GetProperty("detail").GetString()!.Replace("jeudis-du-port", "X", StringComparison.Ordinal));
        var (_, etag) = await _cell.GetWithETagAsync("/api/seasons/2027/events/jeudis-du-port");
        await (await saintMarc.SendJsonAsync(HttpMethod.Patch, "/api/seasons/2027/events/jeudis-du-port", new { title = "Pris !" }, etag)).AssertProblemAsync(404);
        await (await saintMarc.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events/jeudis-du-port/cancel", null, etag)).AssertProblemAsync(404);

        // …and so is everything under it: its reverse plan, its milestones in the season's plan.
        await (await saintMarc.GetAsync(SeasonApi.Url("/api/seasons/2027/plan/events/jeudis-du-port"))).AssertProblemAsync(404);
        var plan = await saintMarc.GetJsonAsync("/api/seasons/2027/plan");
        Assert.DoesNotContain(plan.GetProperty("milestones").EnumerateArray(), m => m.TryGetProperty("eventId", out var id) && id.GetString() is { } e && e != "fete-plage-saint-marc");
        var own = await saintMarc.GetJsonAsync("/api/seasons/2027/plan/events/fete-plage-saint-marc");
        Assert.NotEqual(0, own.GetProperty("milestones").GetArrayLength());
        var all = await _app.ClientAs("Technician", "voirie").GetJsonAsync("/api/seasons/2027/events");
        Assert.True(all.GetArrayLength() >= 9);
    }

    [Fact]
    public async Task Unknown_event_or_season_is_404()
    {
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2027/events/nulle-part"))).AssertProblemAsync(404);
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2030/events"))).AssertProblemAsync(404);
        await (await _asso.SendJsonAsync(HttpMethod.Post, "/api/seasons/2030/events", EventRequests.Concert())).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Edit_needs_If_Match_and_the_current_ETag_and_raises_the_revision()
    {
        var (e, etag) = await _asso.ProposeAsync(EventRequests.Concert());
        var path = $"/api/seasons/2027/events/{e.GetProperty("id").GetString()}";
        await (await _asso.SendJsonAsync(HttpMethod.Patch, path, new { title = "Sans version" })).AssertProblemAsync(428);
        var edited = await _asso.SendJsonAsync(HttpMethod.Patch, path, new { title = "Concert au coucher du soleil (test)", themes = new[] { "balneaire", "port-de-tous-les-voyages" } }, etag);
        var body = await edited.OkJsonAsync();
        Assert.Equal(2, body.GetProperty("revision").GetInt32());
        Assert.Equal(2, body.GetProperty("themes").GetArrayLength());
        await (await _asso.SendJsonAsync(HttpMethod.Patch, path, new { title = "Version périmée" }, etag)).AssertProblemAsync(412);
        await (await _asso.SendJsonAsync(HttpMethod.Patch, path, new { siteId = "lune" }, SeasonApi.ETagOf(edited))).AssertProblemAsync(422);
        await (await _asso.SendJsonAsync(HttpMethod.Patch, path, new { start = "2027-08-07T21:00" }, SeasonApi.ETagOf(edited))).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Two_concurrent_edits_of_one_event_give_one_success_and_one_412()
    {
        var (e, etag) = await _asso.ProposeAsync(EventRequests.Concert());
        var path = $"/api/seasons/2027/events/{e.GetProperty("id").GetString()}";
        var other = _app.ClientAs("ProjectCell", "cellule-2");
        var results = await Task.WhenAll(
            _asso.SendJsonAsync(HttpMethod.Patch, path, new { expectedAttendance = 500 }, etag),
            other.SendJsonAsync(HttpMethod.Patch, path, new { expectedAttendance = 700 }, etag));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
        var final = await _cell.GetJsonAsync(path);
        Assert.Equal(2, final.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Confirm_validate_into_the_agenda_then_cancel_and_moving_a_cancelled_event_is_409()
    {
        var (e, etag) = await _asso.ProposeAsync(EventRequests.Concert());
        var path = $"/api/seasons/2027/events/{e.GetProperty("id").GetString()}";
        var confirmed = await _asso.SendJsonAsync(HttpMethod.Post, path + "/confirm", null, etag);
        Assert.Equal("confirmed", (await confirmed.OkJsonAsync()).GetProperty("status").GetString());
        await (await _asso.SendJsonAsync(HttpMethod.Post, path + "/confirm", null, SeasonApi.ETagOf(confirmed))).AssertProblemAsync(409);

        await (await _asso.SendJsonAsync(HttpMethod.Post, path + "/agenda", new { decision = "in" }, SeasonApi.ETagOf(confirmed))).AssertProblemAsync(403);
        await (await _cell.SendJsonAsync(HttpMethod.Post, path + "/agenda", new { decision = "out" }, SeasonApi.ETagOf(confirmed))).AssertProblemAsync(400);
        await (await _cell.SendJsonAsync(HttpMethod.Post, path + "/agenda", new { decision = "peut-être" }, SeasonApi.ETagOf(confirmed))).AssertProblemAsync(400);
        var validated = await _cell.SendJsonAsync(HttpMethod.Post, path + "/agenda", new { decision = "in", note = "Anime la plage en semaine" }, SeasonApi.ETagOf(confirmed));
        Assert.True((await validated.OkJsonAsync()).GetProperty("inTourismAgenda").GetBoolean());
        await (await _cell.SendJsonAsync(HttpMethod.Post, path + "/agenda", new { decision = "in" }, SeasonApi.ETagOf(validated))).AssertProblemAsync(409);

        var cancelled = await _asso.SendJsonAsync(HttpMethod.Post, path + "/cancel", new { reason = "Météo" }, SeasonApi.ETagOf(validated));
        Assert.Equal("cancelled", (await cancelled.OkJsonAsync()).GetProperty("status").GetString());
        var move = await _asso.SendJsonAsync(HttpMethod.Post, path + "/move", new { start = "2027-08-13T21:30:00+02:00" }, SeasonApi.ETagOf(cancelled));
        Assert.Contains("annulé", (await move.AssertProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await _asso.SendJsonAsync(HttpMethod.Patch, path, new { title = "Encore" }, SeasonApi.ETagOf(cancelled))).AssertProblemAsync(409);
        await (await _asso.SendJsonAsync(HttpMethod.Post, path + "/cancel", null, SeasonApi.ETagOf(cancelled))).AssertProblemAsync(409);

        var audit = await _app.ClientAs("Admin", "admin").GetJsonAsync("/api/audit?month=2027-03");
        var target = "seasons/2027/events/" + e.GetProperty("id").GetString();
        var actions = audit.EnumerateArray().Where(a => a.GetProperty("target").GetString() == target).Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["event.agenda.in", "event.cancel", "event.confirm", "event.propose"], actions.Order());
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "event.cancel" && a.GetProperty("justification").GetString() == "Météo");
    }

    [Fact]
    public async Task Done_before_the_event_took_place_is_409()
    {
        var (_, etag) = await _cell.GetWithETagAsync("/api/seasons/2027/events/triathlon-front-de-mer");
        var done = await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events/triathlon-front-de-mer/done", null, etag);
        Assert.Contains("pas encore eu lieu", (await done.AssertProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_keeps_the_duration_and_shifts_a_recurring_series()
    {
        var (e, etag) = await _asso.ProposeAsync(new
        {
            title = "Marché nocturne (test)", kind = "marche", themes = new[] { "balneaire" }, siteId = "front-de-mer", size = "small",
            start = "2027-07-02T18:00", end = "2027-07-02T23:00",
            recurrence = new { days = new[] { "friday" }, until = "2027-08-27", exceptions = new[] { "2027-07-16" } },
        });
        Assert.Equal(8, e.GetProperty("occurrences").GetArrayLength());
        var path = $"/api/seasons/2027/events/{e.GetProperty("id").GetString()}";
        var moved = await (await _asso.SendJsonAsync(HttpMethod.Post, path + "/move", new { start = "2027-07-03T18:00" }, etag)).OkJsonAsync();
        Assert.Equal("2027-07-03T23:00:00+02:00", moved.GetProperty("end").GetString());
        Assert.Equal(["saturday"], moved.GetProperty("recurrence").GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("2027-07-17", moved.GetProperty("recurrence").GetProperty("exceptions")[0].GetString());
        Assert.Equal(8, moved.GetProperty("occurrences").GetArrayLength());
    }

    [Fact]
    public async Task Event_filters_by_agenda_theme_and_dates()
    {
        var inAgenda = await _cell.GetJsonAsync("/api/seasons/2027/events?inAgenda=true&theme=balneaire");
        Assert.All(inAgenda.EnumerateArray(), e => Assert.True(e.GetProperty("inTourismAgenda").GetBoolean()));
        Assert.Contains(inAgenda.EnumerateArray(), e => e.GetProperty("id").GetString() == "feu-fete-nationale");
        var proposed = await _cell.GetJsonAsync("/api/seasons/2027/events?status=proposed");
        Assert.All(proposed.EnumerateArray(), e => Assert.Equal("proposed", e.GetProperty("status").GetString()));
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2027/events?status=peut-etre"))).AssertProblemAsync(400);
        var june = await _cell.GetJsonAsync("/api/seasons/2027/events?from=2027-06-01&to=2027-06-30");
        Assert.All(june.EnumerateArray(), e => Assert.StartsWith("2027-06", e.GetProperty("start").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_contract_is_served_to_other_areas()
    {
        var events = (Saison.Application.Contracts.ISeasonEvents)_app.Services.GetService(typeof(Saison.Application.Contracts.ISeasonEvents))!;
        var jeudis = await events.FindAsync(2027, "jeudis-du-port");
        Assert.NotNull(jeudis);
        Assert.Equal(8, jeudis.Occurrences.Count);
        Assert.Equal(Saison.Domain.Organisers.OrganiserKind.TourismOperator, jeudis.OrganiserKind);
        Assert.True(jeudis.InTourismAgenda);
        Assert.Equal("medium", jeudis.SizeClass);
        Assert.Equal("confirmed", jeudis.Status);
        Assert.Equal("Base sous-marine (toit-terrasse)", jeudis.SiteName);
        var fete = await events.FindAsync(2027, "fete-plage-saint-marc");
        Assert.True(fete!.AllDay);
        Assert.Equal(new DateTimeOffset(2027, 8, 16, 0, 0, 0, TimeSpan.FromHours(2)), fete.End);
        Assert.True((await events.ListAsync(2027)).Count >= 9);
    }
}
