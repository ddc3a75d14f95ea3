using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

public sealed class SeasonLifecycleTests
{
    [Fact]
    public async Task Agenda_validation_moves_the_season_forward_freezes_a_baseline_and_is_audited()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        var response = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "agendaValidated" }, etag);
        var season = await response.OkJsonAsync();
        Assert.Equal("agendaValidated", season.GetProperty("status").GetString());
        Assert.NotEqual(etag, SeasonApi.ETagOf(response));

        var baselines = await cell.GetJsonAsync("/api/seasons/2027/plan/baselines");
        Assert.Equal("Validation de l'agenda", Assert.Single(baselines.EnumerateArray()).GetProperty("name").GetString());

        var audit = await app.ClientAs("Admin", "admin").GetJsonAsync("/api/audit?month=2027-03");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "season.status" && e.GetProperty("target").GetString() == "seasons/2027");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "plan.baseline.freeze");
    }

    [Fact]
    public async Task A_closed_season_refuses_every_change_to_its_events()
    {
        using var app = SaisonApp.Create(now: new DateTimeOffset(2027, 9, 21, 9, 0, 0, TimeSpan.FromHours(2)));
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        foreach (var status in new[] { "agendaValidated", "running", "closed" })
        {
            var response = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status }, etag);
            Assert.Equal(status, (await response.OkJsonAsync()).GetProperty("status").GetString());
            etag = SeasonApi.ETagOf(response);
        }

        var (_, eventTag) = await cell.GetWithETagAsync("/api/seasons/2027/events/eol-portes-ouvertes");
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events/eol-portes-ouvertes/confirm", null, eventTag)).AssertProblemAsync(409);
        var propose = await app.ClientAs("Organiser", "snat").SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", EventRequests.Concert());
        Assert.Contains("close", (await propose.AssertProblemAsync(422)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_or_skipping_a_step_is_409()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        var back = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "draft" }, etag);
        Assert.Contains("déjà", (await back.AssertProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var skip = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "running" }, etag);
        await skip.AssertProblemAsync(409);
    }

    [Fact]
    public async Task Running_before_the_week_of_the_first_day_is_409()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        var validated = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "agendaValidated" }, etag);
        var running = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "running" }, SeasonApi.ETagOf(validated));
        Assert.Contains("25/05/2027", (await running.AssertProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_change_needs_If_Match_and_the_current_ETag()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "agendaValidated" })).AssertProblemAsync(428);
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/decisions", new { date = "2027-03-01", text = "Décision" }, etag)).OkJsonAsync();
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "agendaValidated" }, etag)).AssertProblemAsync(412);
    }

    [Fact]
    public async Task Organisers_and_agents_cannot_steer_the_season()
    {
        using var app = new SaisonApp();
        var (_, etag) = await app.ClientAs("ProjectCell", "cellule").GetWithETagAsync("/api/seasons/2027");
        await (await app.ClientAs("Organiser", "snat").SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/status", new { status = "agendaValidated" }, etag)).AssertProblemAsync(403);
        await (await app.ClientAs("Agent", "agent-1").SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/tonality", new { themes = Array.Empty<object>() }, etag)).AssertProblemAsync(403);
        await (await app.ClientAs("Organiser", "snat").SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/organisers/nouvelle-asso", new { name = "X", kind = "association" })).AssertProblemAsync(403);
    }

    [Fact]
    public async Task Copil_sets_the_tonality_with_ranked_priorities()
    {
        using var app = new SaisonApp();
        var copil = app.ClientAs("Copil", "copil");
        var (season, etag) = await copil.GetWithETagAsync("/api/seasons/2027");
        var themes = season.GetProperty("tonality").GetProperty("themes").EnumerateArray()
            .Select(t => new { id = t.GetProperty("id").GetString(), name = t.GetProperty("name").GetString(), targetShare = t.GetProperty("targetShare").GetInt32() }).ToList();
        var response = await copil.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/tonality", new { themes, priorities = new[] { "Le tourisme industriel d'abord", "Les plages ensuite" } }, etag);
        var changed = await response.OkJsonAsync();
        Assert.Equal("Le tourisme industriel d'abord", changed.GetProperty("priorities")[0].GetString());
    }

    [Fact]
    public async Task Tonality_over_100_percent_or_dropping_a_theme_in_use_is_422()
    {
        using var app = new SaisonApp();
        var copil = app.ClientAs("Copil", "copil");
        var (_, etag) = await copil.GetWithETagAsync("/api/seasons/2027");
        var over = await copil.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/tonality", new { themes = new[] { new { id = "a", name = "A", targetShare = 70 }, new { id = "b", name = "B", targetShare = 40 } } }, etag);
        Assert.Contains("110 %", (await over.AssertProblemAsync(422)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var dropping = await copil.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/tonality", new { themes = new[] { new { id = "tourisme-vert", name = "Tourisme vert", targetShare = 100 } } }, etag);
        var problem = await dropping.AssertProblemAsync(422);
        Assert.Contains(problem.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("message").GetString()!.Contains("balneaire", StringComparison.Ordinal));
        await (await copil.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/tonality", new { themes = new[] { new { id = "a", name = "A", targetShare = 101 } } }, etag)).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Bounds_that_would_leave_events_outside_are_422_and_inverted_bounds_400()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        var tooShort = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/bounds", new { first = "2027-06-15", last = "2027-09-19", peaks = new[] { new { first = "2027-07-03", last = "2027-08-29" } } }, etag);
        Assert.Contains("05/06/2027", (await tooShort.AssertProblemAsync(422)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var inverted = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/bounds", new { first = "2027-09-19", last = "2027-06-01" }, etag);
        Assert.Equal("last", (await inverted.AssertProblemAsync(400)).GetProperty("field").GetString());
        var peakOutside = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/bounds", new { first = "2027-06-01", last = "2027-09-19", peaks = new[] { new { first = "2027-05-03", last = "2027-06-29" } } }, etag);
        await peakOutside.AssertProblemAsync(422);
    }

    [Fact]
    public async Task Wider_bounds_move_the_season_milestones()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027");
        var response = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/bounds", new { first = "2027-06-01", last = "2027-09-26", peaks = new[] { new { first = "2027-07-03", last = "2027-08-29" } } }, etag);
        Assert.Equal("2027-09-26", (await response.OkJsonAsync()).GetProperty("last").GetString());
        var plan = await cell.GetJsonAsync("/api/seasons/2027/plan?owner=copil");
        var debrief = plan.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "season.bilan-saison");
        Assert.Equal("2027-10-22", debrief.GetProperty("due").GetString());
        var launch = plan.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "season.copil-lancement");
        Assert.Equal("done", launch.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Copil_decisions_are_logged_with_their_author()
    {
        using var app = new SaisonApp();
        var copil = app.ClientAs("Copil", "copil-1", ["copil"]);
        var (_, etag) = await copil.GetWithETagAsync("/api/seasons/2027");
        var response = await copil.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/decisions", new { date = "2027-03-01", text = "Candidater à une arrivée d'étape du Tour de France 2029." }, etag);
        var season = await response.OkJsonAsync();
        var last = season.GetProperty("decisions").EnumerateArray().Last();
        Assert.Equal("Copil copil-1", last.GetProperty("recordedBy").GetString());
        Assert.Equal("2027-03-01", last.GetProperty("date").GetString());
        await (await copil.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/decisions", new { date = "2027-03-01" }, SeasonApi.ETagOf(response))).AssertProblemAsync(400);
    }

    [Fact]
    public async Task A_new_season_is_created_once_as_a_draft()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var request = new { year = 2028, city = "Saint-Nazaire", timeZoneId = "Europe/Paris", bounds = new { first = "2028-06-01", last = "2028-09-17" }, peaks = new[] { new { first = "2028-07-08", last = "2028-08-27" } } };
        var created = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.OkJsonAsync();
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(5, body.GetProperty("tonality").GetProperty("themes").GetArrayLength());
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons", request)).AssertProblemAsync(409);
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons", new { year = 2029, city = "Saint-Nazaire", timeZoneId = "Mars/Olympus", bounds = new { first = "2029-06-01", last = "2029-09-17" } })).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Organisers_and_sites_are_registered_by_the_project_cell()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var created = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/organisers/asso-voile", new { name = "Club de voile (test)", kind = "association" });
        await created.OkJsonAsync();
        await (await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/organisers/asso-voile", new { name = "Club de voile", kind = "association" })).AssertProblemAsync(428);
        var renamed = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/organisers/asso-voile", new { name = "Club de voile", kind = "association" }, SeasonApi.ETagOf(created));
        Assert.Equal("Club de voile", (await renamed.OkJsonAsync()).GetProperty("name").GetString());
        await (await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/sites/Bad Id", new { name = "X", kind = "beach" })).AssertProblemAsync(400);
        await (await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/sites/plage-x", new { name = "X" })).AssertProblemAsync(400);
        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/2027/sites/nulle-part"))).AssertProblemAsync(404);
        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/2027/organisers/personne"))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Season_contract_is_served_to_other_areas()
    {
        using var app = new SaisonApp();
        _ = app.CreateClient();
        var seasons = (Saison.Application.Contracts.ISeasons)app.Services.GetService(typeof(Saison.Application.Contracts.ISeasons))!;
        var summary = await seasons.FindAsync(2027);
        Assert.NotNull(summary);
        Assert.Equal(new DateOnly(2027, 6, 1), summary.FirstDay);
        Assert.True(summary.IsPeak(new DateOnly(2027, 7, 14)));
        Assert.Equal("Europe/Paris", summary.TimeZoneId);
        Assert.Equal("orientationsSet", summary.Status);
        Assert.Null(await seasons.FindAsync(1999));
        _ = JsonSerializer.Serialize(summary);
    }
}
