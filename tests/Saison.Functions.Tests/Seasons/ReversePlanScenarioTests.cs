using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

/// <summary>The shared reverse plan of the sample season 2027 through the HTTP API, on real storage.</summary>
public sealed class ReversePlanScenarioTests
{
    private static JsonElement Milestone(JsonElement plan, string id) =>
        plan.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    private static string Due(JsonElement plan, string id) => Milestone(plan, id).GetProperty("due").GetString()!;

    [Fact]
    public async Task Sample_due_dates_step_around_14_July_15_August_Ascension_and_Whit_Monday()
    {
        using var app = new SaisonApp();
        var agent = app.ClientAs("Agent", "agent-1");

        // Airbus, Wednesday 21 July: J-5 working days skips the 14 July holiday.
        var airbus = await agent.GetJsonAsync("/api/seasons/2027/plan/events/airbus-journee-decouverte");
        Assert.Equal("2027-07-13", Due(airbus, "airbus-journee-decouverte.consignes-securite"));
        Assert.Equal("J-5", Milestone(airbus, "airbus-journee-decouverte.consignes-securite").GetProperty("countdown").GetString());
        Assert.Equal("2027-07-28", Due(airbus, "airbus-journee-decouverte.bilan"));

        // Saint-Marc, Sunday 15 August (Assomption): set-up J-1 is Friday 13 August.
        var saintMarc = await agent.GetJsonAsync("/api/seasons/2027/plan/events/fete-plage-saint-marc");
        Assert.Equal("2027-08-13", Due(saintMarc, "fete-plage-saint-marc.montage"));
        Assert.Equal("2027-08-27", Due(saintMarc, "fete-plage-saint-marc.bilan"));

        // Fireworks on 14 July: final set-up J-2 is Monday 12 July.
        var feu = await agent.GetJsonAsync("/api/seasons/2027/plan/events/feu-fete-nationale");
        Assert.Equal("2027-07-12", Due(feu, "feu-fete-nationale.montage"));

        // Triathlon, Sunday 20 June: J-25 lands on Friday 14 May, Whit Monday (17 May) skipped.
        var triathlon = await agent.GetJsonAsync("/api/seasons/2027/plan/events/triathlon-front-de-mer");
        Assert.Equal("2027-05-14", Due(triathlon, "triathlon-front-de-mer.arrete-circulation"));
        Assert.Equal("2027-06-18", Due(triathlon, "triathlon-front-de-mer.montage"));

        // A small event on Thursday 3 June proposed today: J-20 is Tuesday 4 May (Ascension and Whit Monday skipped).
        var (e, _) = await app.ClientAs("Organiser", "asso-front-de-mer").ProposeAsync(new
        {
            title = "Pique-nique géant du front de mer (test)", kind = "fete", themes = new[] { "balneaire" }, siteId = "front-de-mer",
            firstDay = "2027-06-03", lastDay = "2027-06-03", expectedAttendance = 300, size = "small",
        });
        var id = e.GetProperty("id").GetString();
        var plan = await agent.GetJsonAsync($"/api/seasons/2027/plan/events/{id}");
        Assert.Equal("2027-05-04", Due(plan, $"{id}.fiche-projet"));
        Assert.Equal("2027-05-12", Due(plan, $"{id}.demande-logistique"));
        Assert.Equal("2027-05-24", Due(plan, $"{id}.reponse-logistique"));
        Assert.Equal("dans 2 mois", Milestone(plan, $"{id}.fiche-projet").GetProperty("dueText").GetString());
        Assert.Equal("J-20", Milestone(plan, $"{id}.fiche-projet").GetProperty("countdown").GetString());
    }

    [Fact]
    public async Task A_major_event_proposed_late_gets_a_compressed_plan_that_says_by_how_much()
    {
        using var app = new SaisonApp();
        var (e, _) = await app.ClientAs("Organiser", "snat").ProposeAsync(new
        {
            title = "Arrivée d'une course cycliste (test)", kind = "sport", themes = new[] { "grands-evenements" }, siteId = "front-de-mer",
            firstDay = "2027-06-26", lastDay = "2027-06-26", expectedAttendance = 30000, size = "major",
        });
        var id = e.GetProperty("id").GetString();
        var plan = await app.ClientAs("Technician", "voirie").GetJsonAsync($"/api/seasons/2027/plan/events/{id}");

        var fiche = Milestone(plan, $"{id}.fiche-projet");
        Assert.Equal("2027-01-06", fiche.GetProperty("idealDue").GetString());
        Assert.Equal("2027-03-01", fiche.GetProperty("due").GetString());
        Assert.Equal(38, fiche.GetProperty("compressedBy").GetInt32());
        Assert.Equal("lateStart", fiche.GetProperty("compression").GetString());
        Assert.Equal("atRisk", fiche.GetProperty("state").GetString());
        Assert.Equal("aujourd'hui", fiche.GetProperty("dueText").GetString());

        var avis = Milestone(plan, $"{id}.avis-cellule");
        Assert.Equal("2027-03-08", avis.GetProperty("due").GetString());
        Assert.Equal(33, avis.GetProperty("compressedBy").GetInt32());
        Assert.Equal("predecessor", avis.GetProperty("compression").GetString());
        Assert.Equal(18, Milestone(plan, $"{id}.dossier-securite").GetProperty("compressedBy").GetInt32());
        Assert.Equal("2027-03-15", Due(plan, $"{id}.demande-logistique"));

        var reponse = Milestone(plan, $"{id}.reponse-logistique");
        Assert.Equal(0, reponse.GetProperty("compressedBy").GetInt32());
        Assert.Equal("atRisk", reponse.GetProperty("state").GetString());
        Assert.Equal("toDo", Milestone(plan, $"{id}.montage").GetProperty("state").GetString());
        Assert.All(plan.GetProperty("milestones").EnumerateArray(), m => Assert.True(string.CompareOrdinal(m.GetProperty("due").GetString(), "2027-03-01") >= 0));

        // The next day, the compressed first milestone is late.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var tomorrow = await app.ClientAs("Technician", "voirie").GetJsonAsync($"/api/seasons/2027/plan/events/{id}");
        Assert.Equal("late", Milestone(tomorrow, $"{id}.fiche-projet").GetProperty("state").GetString());
        Assert.Equal("en retard d'un jour", Milestone(tomorrow, $"{id}.fiche-projet").GetProperty("dueText").GetString());
    }

    [Fact]
    public async Task Moving_an_event_recomputes_open_milestones_and_keeps_done_ones()
    {
        using var app = new SaisonApp();
        var snat = app.ClientAs("Organiser", "snat");
        var done = await snat.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/plan/milestones/airbus-journee-decouverte.convention/done", new { doneOn = "2027-02-26" });
        var mark = await done.OkJsonAsync();
        Assert.Equal("done", mark.GetProperty("state").GetString());
        Assert.Equal("Organiser organiser-snat", mark.GetProperty("doneBy").GetString());

        var (_, etag) = await snat.GetWithETagAsync("/api/seasons/2027/events/airbus-journee-decouverte");
        var moved = await snat.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events/airbus-journee-decouverte/move", new { start = "2027-07-28T09:00:00+02:00" }, etag);
        Assert.Equal("2027-07-28T17:00:00+02:00", (await moved.OkJsonAsync()).GetProperty("end").GetString());

        var plan = await snat.GetJsonAsync("/api/seasons/2027/plan/events/airbus-journee-decouverte");
        var convention = Milestone(plan, "airbus-journee-decouverte.convention");
        Assert.Equal("done", convention.GetProperty("state").GetString());
        Assert.Equal("2027-05-25", convention.GetProperty("due").GetString());
        Assert.Equal("2027-02-26", convention.GetProperty("doneOn").GetString());
        Assert.Equal("2027-06-22", Due(plan, "airbus-journee-decouverte.billetterie"));
        Assert.Equal("2027-07-21", Due(plan, "airbus-journee-decouverte.consignes-securite"));
        Assert.Equal("2027-08-04", Due(plan, "airbus-journee-decouverte.bilan"));
    }

    [Fact]
    public async Task Late_and_at_risk_come_first_at_a_pinned_date()
    {
        using var app = new SaisonApp(); // now: 1 March 2027
        var agent = app.ClientAs("Agent", "agent-1");
        var today = await agent.GetJsonAsync("/api/seasons/2027/plan");
        Assert.Equal(0, today.GetProperty("counts").GetProperty("late").GetInt32());

        var ninth = await agent.GetJsonAsync("/api/seasons/2027/plan?asOf=2027-03-09");
        Assert.Equal("2027-03-09", ninth.GetProperty("asOf").GetString());
        var late = ninth.GetProperty("milestones").EnumerateArray().TakeWhile(m => m.GetProperty("state").GetString() == "late").Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["season.cloture-propositions", "feu-fete-nationale.demande-logistique", "feu-fete-nationale.dossier-securite", "escale-course-au-large.fiche-projet"], late);
        Assert.Equal(late.Count, ninth.GetProperty("counts").GetProperty("late").GetInt32());
        var next = ninth.GetProperty("milestones")[late.Count];
        Assert.Equal("atRisk", next.GetProperty("state").GetString());
        var atRisk = ninth.GetProperty("milestones").EnumerateArray().Where(m => m.GetProperty("state").GetString() == "atRisk").Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("escale-course-au-large.avis-cellule", atRisk);
        Assert.Contains("season.copil-arbitrage", atRisk);
        Assert.Contains("feu-fete-nationale.arrete-circulation", atRisk);
        Assert.Equal("en retard d'un jour", Milestone(ninth, "escale-course-au-large.fiche-projet").GetProperty("dueText").GetString());

        // The same through the clock.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 9, 8, 0, 0, TimeSpan.Zero));
        var clock = await agent.GetJsonAsync("/api/seasons/2027/plan?state=late");
        Assert.Equal(late, clock.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList());
    }

    [Fact]
    public async Task Views_by_owner_event_and_due_window()
    {
        using var app = new SaisonApp();
        var agent = app.ClientAs("Agent", "agent-1");
        var byOwner = await agent.GetJsonAsync("/api/seasons/2027/plan?groupBy=owner");
        var owners = byOwner.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ToList();
        Assert.Contains("police", owners);
        Assert.Contains("technical-services", owners);
        Assert.Equal("la police municipale", byOwner.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "police").GetProperty("title").GetString());

        var byEvent = await agent.GetJsonAsync("/api/seasons/2027/plan?groupBy=event");
        Assert.Contains(byEvent.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "season" && g.GetProperty("title").GetString() == "Saison 2027");

        // Week of Monday 1 March: the season's close of proposals (Thursday 4 March) and the fireworks' files (Friday 5 March).
        var thisWeek = await agent.GetJsonAsync("/api/seasons/2027/plan?window=this-week");
        Assert.Equal(
            ["season.cloture-propositions", "feu-fete-nationale.demande-logistique", "feu-fete-nationale.dossier-securite"],
            thisWeek.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("dans 3 jours", Milestone(thisWeek, "season.cloture-propositions").GetProperty("dueText").GetString());

        var police = await agent.GetJsonAsync("/api/seasons/2027/plan?owner=police&includeSeason=false");
        Assert.All(police.GetProperty("milestones").EnumerateArray(), m => Assert.Equal("police", m.GetProperty("owner").GetString()));

        await (await agent.GetAsync(SeasonApi.Url("/api/seasons/2027/plan?window=demain"))).AssertProblemAsync(400);
        await (await agent.GetAsync(SeasonApi.Url("/api/seasons/2027/plan?groupBy=couleur"))).AssertProblemAsync(400);
        await (await agent.GetAsync(SeasonApi.Url("/api/seasons/2027/plan/events/nulle-part"))).AssertProblemAsync(404);
        await (await agent.GetAsync(SeasonApi.Url("/api/seasons/2031/plan"))).AssertProblemAsync(404);
        await (await app.Anonymous().GetAsync(SeasonApi.Url("/api/seasons/2027/plan"))).AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_baseline_shows_each_milestone_slip_after_a_move()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var frozen = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/plan/baselines", new { name = "Avant arbitrage" });
        Assert.Equal(System.Net.HttpStatusCode.Created, frozen.StatusCode);
        var baselineId = (await frozen.OkJsonAsync()).GetProperty("id").GetString();
        await (await app.ClientAs("Organiser", "snat").SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/plan/baselines", new { name = "X" })).AssertProblemAsync(403);

        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027/events/nature-parc-paysager");
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events/nature-parc-paysager/move", new { firstDay = "2027-06-12" }, etag)).OkJsonAsync();

        var baseline = await app.ClientAs("Copil", "copil").GetJsonAsync($"/api/seasons/2027/plan/baselines/{baselineId}");
        var fiche = baseline.GetProperty("slips").EnumerateArray().Single(s => s.GetProperty("milestoneId").GetString() == "nature-parc-paysager.fiche-projet");
        Assert.Equal("2027-05-07", fiche.GetProperty("baselineDue").GetString());
        Assert.Equal("2027-05-14", fiche.GetProperty("currentDue").GetString());
        Assert.Equal(5, fiche.GetProperty("slipWorkingDays").GetInt32());
        Assert.Equal(7, fiche.GetProperty("slipDays").GetInt32());
        Assert.Equal("later", fiche.GetProperty("kind").GetString());
        var unmoved = baseline.GetProperty("slips").EnumerateArray().Single(s => s.GetProperty("milestoneId").GetString() == "feu-fete-nationale.montage");
        Assert.Equal("onBaseline", unmoved.GetProperty("kind").GetString());
        Assert.Equal("later", baseline.GetProperty("slips")[0].GetProperty("kind").GetString());

        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/2027/plan/baselines/inconnue"))).AssertProblemAsync(404);
        Assert.Single((await cell.GetJsonAsync("/api/seasons/2027/plan/baselines")).EnumerateArray());
    }

    [Fact]
    public async Task Marking_done_is_for_the_owner_and_refused_otherwise()
    {
        using var app = new SaisonApp();
        const string Path = "/api/seasons/2027/plan/milestones/{0}/done";
        string P(string id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Path, id);

        // An organiser marks only their own events' organiser milestones.
        await (await app.ClientAs("Organiser", "asso-saint-marc").SendJsonAsync(HttpMethod.Post, P("airbus-journee-decouverte.convention"), null)).AssertProblemAsync(404);
        await (await app.ClientAs("Technician", "voirie").SendJsonAsync(HttpMethod.Post, P("feu-fete-nationale.dossier-securite"), null)).AssertProblemAsync(403);
        await (await app.ClientAs("Agent", "agent-1").SendJsonAsync(HttpMethod.Post, P("feu-fete-nationale.dossier-securite"), null)).AssertProblemAsync(403);

        var technician = app.ClientAs("Technician", "police-municipale");
        var arrete = await technician.SendJsonAsync(HttpMethod.Post, P("feu-fete-nationale.arrete-circulation"), null);
        Assert.Equal("2027-03-01", (await arrete.OkJsonAsync()).GetProperty("doneOn").GetString());
        await (await technician.SendJsonAsync(HttpMethod.Post, P("feu-fete-nationale.arrete-circulation"), null)).AssertProblemAsync(409);

        var future = await app.ClientAs("ProjectCell", "cellule").SendJsonAsync(HttpMethod.Post, P("season.cloture-propositions"), new { doneOn = "2027-03-05" });
        Assert.Equal("doneOn", (await future.AssertProblemAsync(422)).GetProperty("field").GetString());
        await (await app.ClientAs("ProjectCell", "cellule").SendJsonAsync(HttpMethod.Post, P("feu-fete-nationale.inconnu"), null)).AssertProblemAsync(404);
        await (await app.ClientAs("ProjectCell", "cellule").SendJsonAsync(HttpMethod.Post, P("sans-point"), null)).AssertProblemAsync(404);
        await (await app.ClientAs("Copil", "copil").SendJsonAsync(HttpMethod.Post, P("season.copil-arbitrage"), null)).OkJsonAsync();

        var audit = await app.ClientAs("Admin", "admin").GetJsonAsync("/api/audit?month=2027-03");
        Assert.Equal(2, audit.EnumerateArray().Count(a => a.GetProperty("action").GetString() == "plan.milestone.done"));
    }

    [Fact]
    public async Task Concurrent_marks_on_one_plan_all_land()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        string[] ids = ["escale-course-au-large.fiche-projet", "escale-course-au-large.avis-cellule", "escale-course-au-large.dossier-securite", "escale-course-au-large.demande-logistique"];
        var responses = await Task.WhenAll(ids.Select(id => cell.SendJsonAsync(HttpMethod.Post, $"/api/seasons/2027/plan/milestones/{id}/done", null)));
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        var plan = await cell.GetJsonAsync("/api/seasons/2027/plan/events/escale-course-au-large");
        Assert.All(ids, id => Assert.Equal("done", Milestone(plan, id).GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_cancelled_event_leaves_the_shared_plan()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var (_, etag) = await cell.GetWithETagAsync("/api/seasons/2027/events/eol-portes-ouvertes");
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events/eol-portes-ouvertes/cancel", new { reason = "Partenaire indisponible" }, etag)).OkJsonAsync();
        var plan = await cell.GetJsonAsync("/api/seasons/2027/plan");
        Assert.DoesNotContain(plan.GetProperty("milestones").EnumerateArray(), m => m.TryGetProperty("eventId", out var eventId) && eventId.GetString() == "eol-portes-ouvertes");
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/plan/milestones/eol-portes-ouvertes.convention/done", null)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task The_project_cell_edits_templates_and_new_events_use_them()
    {
        using var app = new SaisonApp();
        var cell = app.ClientAs("ProjectCell", "cellule");
        var templates = await cell.GetJsonAsync("/api/seasons/2027/plan/templates");
        Assert.Contains(templates.EnumerateArray(), t => t.GetProperty("id").GetString() == "majeur");

        var nautical = new
        {
            name = "Manifestation nautique",
            kinds = new[] { "nautique" },
            milestones = new object[]
            {
                new { key = "avis-affaires-maritimes", title = "Déclaration aux affaires maritimes", offset = -30, owner = "organiser", deliverable = "Récépissé" },
                new { key = "balisage", title = "Balisage du plan d'eau", offset = -2, owner = "technical-services", predecessors = new[] { new { key = "avis-affaires-maritimes", lagWorkingDays = 10 } } },
            },
        };
        var created = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/plan/templates/nautique", nautical);
        await created.OkJsonAsync();
        await (await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/plan/templates/nautique", nautical)).AssertProblemAsync(428);
        var renamed = await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/plan/templates/nautique", nautical with { }, SeasonApi.ETagOf(created));
        Assert.Equal(2, (await renamed.OkJsonAsync()).GetProperty("revision").GetInt32());

        var (e, _) = await app.ClientAs("Organiser", "asso-front-de-mer").ProposeAsync(new
        {
            title = "Régate des Amis du Front de Mer (test)", kind = "nautique", themes = new[] { "balneaire" }, siteId = "port-bassin",
            firstDay = "2027-07-10", lastDay = "2027-07-10", expectedAttendance = 800, size = "medium",
        });
        var id = e.GetProperty("id").GetString();
        var plan = await cell.GetJsonAsync($"/api/seasons/2027/plan/events/{id}");
        Assert.Equal([$"{id}.avis-affaires-maritimes", $"{id}.balisage"], plan.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Order());

        var cycle = new
        {
            name = "Cycle",
            milestones = new object[]
            {
                new { key = "a", title = "A", offset = -10, owner = "organiser", predecessors = new[] { new { key = "b", lagWorkingDays = 1 } } },
                new { key = "b", title = "B", offset = -5, owner = "organiser", predecessors = new[] { new { key = "a", lagWorkingDays = 1 } } },
            },
        };
        Assert.Contains("cycle", (await (await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/plan/templates/cycle", cycle)).AssertProblemAsync(422)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/plan/templates/trop-loin", new { name = "Loin", milestones = new[] { new { key = "a", title = "A", offset = -900, owner = "organiser" } } })).AssertProblemAsync(400);
        await (await app.ClientAs("Organiser", "snat").SendJsonAsync(HttpMethod.Put, "/api/seasons/2027/plan/templates/nautique", nautical, SeasonApi.ETagOf(renamed))).AssertProblemAsync(403);
        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/2027/plan/templates/inconnu"))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Milestone_contract_lists_the_season_plan_for_calendars()
    {
        using var app = new SaisonApp();
        _ = app.CreateClient();
        var milestones = (Saison.Application.Contracts.IReversePlanMilestones)app.Services.GetService(typeof(Saison.Application.Contracts.IReversePlanMilestones))!;
        var list = await milestones.ListAsync(2027);
        var veille = list.Single(m => m.Id == "season.copil-veille");
        Assert.Null(veille.EventId);
        Assert.Equal("copil", veille.OwnerId);
        Assert.Equal(new DateOnly(2027, 5, 25), veille.Due);
        var consignes = list.Single(m => m.Id == "airbus-journee-decouverte.consignes-securite");
        Assert.Equal("airbus-journee-decouverte", consignes.EventId);
        Assert.Contains("Journée découverte du site Airbus", consignes.Title, StringComparison.Ordinal);
        Assert.Equal("toDo", consignes.Status);
        Assert.Empty(await milestones.ListAsync(1999));
    }

    [Fact]
    public async Task The_morning_check_logs_late_and_at_risk_counts()
    {
        using var app = SaisonApp.Create(now: new DateTimeOffset(2027, 3, 9, 7, 0, 0, TimeSpan.FromHours(1)));
        _ = app.CreateClient();
        var registry = app.Services.GetService(typeof(Saison.Functions.Hosting.TimerFunctionRegistry)) as Saison.Functions.Hosting.TimerFunctionRegistry;
        var timer = registry!.Find("ReversePlanMorningCheck");
        Assert.NotNull(timer);
        Assert.Equal(new TimeOnly(7, 0), timer.Declaration.LocalTime);
        var invocation = new Saison.Functions.Hosting.TimerInvocation("ReversePlanMorningCheck", app.Clock.GetUtcNow(), false, app.Services);
        await timer.Run(invocation, CancellationToken.None);
        Assert.StartsWith("Saison 2027 au 09/03/2027 : 4 jalon(s) en retard, ", Assert.Single(invocation.Logs), StringComparison.Ordinal);
    }
}
