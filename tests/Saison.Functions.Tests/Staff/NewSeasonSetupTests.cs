using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Staff;

/// <summary>
/// A second season set up entirely through HTTP on SQLite, no file: services, teams, agents, leave, catalogue items and
/// rules, crews, organisers, sites, events and a logistics request; and every refusal of the services endpoints.
/// </summary>
public sealed class NewSeasonSetupTests : IClassFixture<SaisonApp>
{
    private const string Season = "/api/seasons/2028";
    private readonly SaisonApp _app;
    private readonly HttpClient _cell;

    public NewSeasonSetupTests(SaisonApp app)
    {
        _app = app;
        _cell = app.ClientAs("ProjectCell", "cellule");
    }

    private async Task EnsureSeasonAsync()
    {
        var created = await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons", new { year = 2028, city = "Saint-Nazaire", timeZoneId = "Europe/Paris", bounds = new { first = "2028-06-01", last = "2028-09-17" }, peaks = new[] { new { first = "2028-07-08", last = "2028-08-27" } } });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, created.StatusCode.ToString());
    }

    private static async Task<string> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return SeasonApi.ETagOf(response);
    }

    [Fact]
    public async Task Services_are_created_read_and_renamed_with_if_match_and_every_refusal_is_french_problem_json()
    {
        await EnsureSeasonAsync();
        var path = Season + "/staff/services";
        await (await _app.Anonymous().GetAsync(SeasonApi.Url(path))).AssertProblemAsync(401);
        await (await _app.ClientAs("Organiser", "asso-saint-marc").GetAsync(SeasonApi.Url(path))).AssertProblemAsync(403);
        await (await _app.ClientAs("Manager", "voirie").SendJsonAsync(HttpMethod.Post, path, new { id = "police", name = "Police municipale" })).AssertProblemAsync(403);
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2031/staff/services"))).AssertProblemAsync(404);
        Assert.Equal("name", (await (await _cell.SendJsonAsync(HttpMethod.Post, path, new { id = "police" })).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("id", (await (await _cell.SendJsonAsync(HttpMethod.Post, path, new { id = "Pas/Bon", name = "Police" })).AssertProblemAsync(400)).GetProperty("field").GetString());
        await (await _cell.GetAsync(SeasonApi.Url(path + "/police"))).AssertProblemAsync(404);

        var etag = await Created(await _cell.SendJsonAsync(HttpMethod.Post, path, new { id = "police", name = "Police" }));
        await (await _cell.SendJsonAsync(HttpMethod.Post, path, new { id = "police", name = "Police" })).AssertProblemAsync(409);
        var (read, readTag) = await _cell.GetWithETagAsync(path + "/police");
        Assert.Equal("Police", read.GetProperty("name").GetString());
        Assert.Equal(etag, readTag);
        await (await _cell.SendJsonAsync(HttpMethod.Put, path + "/police", new { name = "Police municipale" })).AssertProblemAsync(428);
        await (await _cell.SendJsonAsync(HttpMethod.Put, path + "/police", new { name = "Police municipale" }, "W/\"stale\"")).AssertProblemAsync(412);
        await (await _cell.SendJsonAsync(HttpMethod.Put, path + "/personne", new { name = "Personne" }, etag)).AssertProblemAsync(404);
        Assert.Equal("id", (await (await _cell.SendJsonAsync(HttpMethod.Put, path + "/police", new { id = "pm", name = "Police municipale" }, etag)).AssertProblemAsync(400)).GetProperty("field").GetString());

        // What a GET returns, a PUT accepts back.
        var renamed = await _cell.SendJsonAsync(HttpMethod.Put, path + "/police", new { id = "police", name = "Police municipale" }, etag);
        Assert.Equal("Police municipale", (await renamed.OkJsonAsync()).GetProperty("name").GetString());
        Assert.Contains((await _app.ClientAs("Technician", "voirie").GetJsonAsync(path)).EnumerateArray(), s => s.GetProperty("name").GetString() == "Police municipale");
    }

    [Fact]
    public async Task Season_2028_is_set_up_entirely_through_the_api_down_to_leave_and_a_logistics_request()
    {
        await EnsureSeasonAsync();

        // Staff: a service, its team, two agents.
        await Created(await _cell.SendJsonAsync(HttpMethod.Post, Season + "/staff/services", new { id = "voirie", name = "Voirie" }));
        await Created(await _cell.SendJsonAsync(HttpMethod.Post, Season + "/staff/teams", new { id = "voirie-ouest", name = "Voirie ouest", serviceId = "voirie", managerIds = new[] { "resp-voirie-ouest" } }));
        foreach (var agent in new[] { "agt-2028-a", "agt-2028-b" })
        {
            await Created(await _cell.SendJsonAsync(HttpMethod.Post, Season + "/staff/agents", new { id = agent, name = "Agent " + agent, teamId = "voirie-ouest", skills = new[] { "barrierage", "manutention" }, cycle = "weekly", weeklyHours = 35, rttDays = 6 }));
        }

        // Leave: the team's manager asks and decides in the new season.
        var manager = _app.ClientAs("Manager", "resp-voirie-ouest", ["voirie-ouest"]);
        var asked = await manager.SendJsonAsync(HttpMethod.Post, Season + "/leave", new { agentId = "agt-2028-a", kind = "rtt", first = "2028-03-14", last = "2028-03-14" });
        var askedTag = await Created(asked);
        var leaveId = (await asked.OkJsonAsync()).GetProperty("request").GetProperty("id").GetString()!;
        var decided = await manager.SendJsonAsync(HttpMethod.Post, $"{Season}/leave/{leaveId}/decision", new { decision = "approve" }, askedTag);
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        Assert.Single((await manager.GetJsonAsync(Season + "/leave")).EnumerateArray());

        // Catalogue: an item of the service, then the season's first rules (PUT without If-Match), then changed with it.
        var technician = _app.ClientAs("Technician", "tech-voirie", ["voirie"]);
        await Created(await technician.SendJsonAsync(HttpMethod.Post, Season + "/catalog/items", new { id = "barrieres", name = "Barrières Vauban", kind = "equipment", unit = "barrière", unitCost = 1.5m, serviceId = "voirie", capacity = 400, depotId = "ctm", turnaroundHours = 12, deliveryBeforeHours = 12, pickupAfterHours = 12, crew = new { skill = "barrierage", setupMinutes = 60, setupMinutesPerUnit = 0, teardownMinutes = 60, teardownMinutesPerUnit = 0, presence = false, unitsPerAgent = 1000 } }));
        await (await technician.GetAsync(SeasonApi.Url(Season + "/catalog/policy"))).AssertProblemAsync(404);
        var rules = new
        {
            leadTimes = new { defaultWorkingDays = 15, workingDaysBySizeClass = new Dictionary<string, int> { ["small"] = 10, ["medium"] = 20 } },
            serviceLevels = new[] { new { organiserKind = "association", inSeason = true, maxCostPerRequest = 200m, maxLines = 3, allowances = new[] { new { itemId = "barrieres", maxQuantity = 30 } } } },
            envelopes = new[] { new { serviceId = "voirie", name = "Voirie", amount = 50000m } },
        };
        await (await _app.ClientAs("Organiser", "asso-2028").SendJsonAsync(HttpMethod.Put, Season + "/catalog/policy", rules)).AssertProblemAsync(403);
        var ruleTag = await Created(await technician.SendJsonAsync(HttpMethod.Put, Season + "/catalog/policy", rules));
        await (await technician.SendJsonAsync(HttpMethod.Put, Season + "/catalog/policy", rules)).AssertProblemAsync(428);
        var changed = await technician.SendJsonAsync(HttpMethod.Put, Season + "/catalog/policy", rules with { envelopes = new[] { new { serviceId = "voirie", name = "Voirie", amount = 60000m } } }, ruleTag);
        Assert.Equal(60000m, (await changed.OkJsonAsync()).GetProperty("envelopes")[0].GetProperty("amount").GetDecimal());

        // A crew of the two agents.
        await Created(await technician.SendJsonAsync(HttpMethod.Post, Season + "/crews", new { id = "crew-voirie-2028", name = "Équipe voirie 2028", serviceId = "voirie", members = new[] { new { agentId = "agt-2028-a", skills = new[] { "barrierage" } }, new { agentId = "agt-2028-b", skills = new[] { "barrierage" } } } }));

        // Programme: an organiser, a site, an event, and a request the fast procedure grants.
        await (await _cell.SendJsonAsync(HttpMethod.Put, Season + "/organisers/asso-2028", new { name = "Association 2028", kind = "association" })).OkJsonAsync();
        await (await _cell.SendJsonAsync(HttpMethod.Put, Season + "/sites/front-de-mer", new { name = "Front de mer", kind = "beach", capacity = 5000 })).OkJsonAsync();
        var organiser = _app.ClientAs("Organiser", "asso-2028");
        var ev = await (await organiser.SendJsonAsync(HttpMethod.Post, Season + "/events", new { title = "Fête de quartier", kind = "animation", themes = new[] { "balneaire" }, siteId = "front-de-mer", start = "2028-07-15T18:00:00+02:00", end = "2028-07-15T23:00:00+02:00", expectedAttendance = 300, size = "small" })).OkJsonAsync();
        var request = await organiser.SendJsonAsync(HttpMethod.Post, Season + "/requests", new { eventId = ev.GetProperty("id").GetString(), submit = true, lines = new[] { new { itemId = "barrieres", quantity = 20 } } });
        await Created(request);
        var view = await request.OkJsonAsync();
        Assert.Equal("approved", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("fastTrack").GetBoolean());

        // The crew schedule of the new season books the team's agents.
        (await technician.SendJsonAsync(HttpMethod.Post, Season + "/crews/schedule", null)).EnsureSuccessStatusCode();
        var schedule = await technician.GetJsonAsync(Season + "/crews/schedule");
        Assert.Contains(schedule.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("agentId").GetString() is "agt-2028-a" or "agt-2028-b");
        Assert.Equal(JsonValueKind.Array, schedule.GetProperty("replan").ValueKind);
    }
}
