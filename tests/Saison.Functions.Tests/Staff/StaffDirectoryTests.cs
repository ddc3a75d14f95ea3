using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Staff;

public sealed class StaffDirectoryTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;

    public StaffDirectoryTests(SaisonApp app) => _app = app;

    [Fact]
    public async Task Sample_staff_is_loaded_with_services_teams_and_agents()
    {
        var client = _app.ClientAs("ProjectCell");
        var overview = await (await client.GetAsync(new Uri("/api/seasons/2027/staff", UriKind.Relative))).ReadAsync<JsonElement>();
        Assert.Equal(5, overview.GetProperty("services").GetArrayLength());
        var agentCount = overview.GetProperty("agentCount").GetInt32();
        Assert.InRange(agentCount, 60, 80);
        // Other tests of this class add teams of their own: look at the sample's.
        foreach (var team in overview.GetProperty("teams").EnumerateArray().Where(t => t.GetProperty("id").GetString() != "voirie-nuit"))
        {
            Assert.InRange(team.GetProperty("agentCount").GetInt32(), 5, 12);
        }

        var agents = await (await client.GetAsync(new Uri("/api/seasons/2027/staff/agents?teamId=pm-brigade-jour", UriKind.Relative))).ReadAsync<JsonElement>();
        Assert.All(agents.EnumerateArray(), a => Assert.Equal("annualisedSeasonal", a.GetProperty("cycle").GetString()));
        var drivers = await (await client.GetAsync(new Uri("/api/seasons/2027/staff/agents?skill=conduite-pl", UriKind.Relative))).ReadAsync<JsonElement>();
        Assert.True(drivers.GetArrayLength() > 5);
    }

    [Fact]
    public async Task Team_is_created_then_updated_with_its_etag()
    {
        var client = _app.ClientAs("Manager", "voirie-signalisation");
        var created = await client.PostAsJsonAsync(new Uri("/api/seasons/2027/staff/teams", UriKind.Relative), new { id = "voirie-nuit", name = "Voirie de nuit", serviceId = "voirie", managerIds = new[] { "resp-voirie-nuit" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var etag = created.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag));

        var again = await client.PostAsJsonAsync(new Uri("/api/seasons/2027/staff/teams", UriKind.Relative), new { id = "voirie-nuit", name = "Voirie de nuit", serviceId = "voirie" });
        await again.AssertProblemAsync(409);

        var update = new { name = "Voirie, équipe de nuit", serviceId = "voirie", managerIds = new[] { "resp-voirie-nuit" } };
        var withoutEtag = await client.PutAsJsonAsync(new Uri("/api/seasons/2027/staff/teams/voirie-nuit", UriKind.Relative), update);
        await withoutEtag.AssertProblemAsync(428);

        var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/seasons/2027/staff/teams/voirie-nuit", UriKind.Relative)) { Content = JsonContent.Create(update) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var updated = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Voirie, équipe de nuit", (await updated.ReadAsync<JsonElement>()).GetProperty("name").GetString());

        var stale = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/seasons/2027/staff/teams/voirie-nuit", UriKind.Relative)) { Content = JsonContent.Create(update) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await client.SendAsync(stale)).AssertProblemAsync(412);
    }

    [Fact]
    public async Task Agent_is_created_and_edited_and_refused_when_invalid()
    {
        var client = _app.ClientAs("ProjectCell");
        var invalid = await client.PostAsJsonAsync(new Uri("/api/seasons/2027/staff/agents", UriKind.Relative), new { name = "", teamId = "nulle-part", cycle = "annualisedSeasonal" });
        var problem = await invalid.AssertProblemAsync(400);
        Assert.Contains("teamId", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("summerWeeklyHours", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var created = await client.PostAsJsonAsync(new Uri("/api/seasons/2027/staff/agents", UriKind.Relative), new
        {
            id = "agt-test-1",
            name = "Agent d'essai",
            teamId = "regie-plateau",
            skills = new[] { "regisseur", "electricite" },
            weeklyHours = 37,
            rttDays = 12,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agent = await created.ReadAsync<JsonElement>();
        Assert.Equal("regie", agent.GetProperty("serviceId").GetString());

        var put = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/seasons/2027/staff/agents/agt-test-1", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "Agent d'essai", teamId = "regie-son-lumiere", skills = new[] { "regisseur" }, weeklyHours = 35 }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        var moved = await client.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("regie-son-lumiere", (await moved.ReadAsync<JsonElement>()).GetProperty("teamId").GetString());

        var missing = await client.GetAsync(new Uri("/api/seasons/2027/staff/agents/agt-inconnu", UriKind.Relative));
        await missing.AssertProblemAsync(404);
    }

    [Fact]
    public async Task Agents_read_their_own_record_only_and_cannot_edit()
    {
        var self = _app.ClientAs("Agent", "agt-001", ["agt-001"]);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync(new Uri("/api/seasons/2027/staff/agents/agt-001", UriKind.Relative))).StatusCode);
        await (await self.GetAsync(new Uri("/api/seasons/2027/staff/agents/agt-002", UriKind.Relative))).AssertProblemAsync(403);
        await (await self.GetAsync(new Uri("/api/seasons/2027/staff/agents", UriKind.Relative))).AssertProblemAsync(403);
        await (await self.PostAsJsonAsync(new Uri("/api/seasons/2027/staff/teams", UriKind.Relative), new { id = "x", name = "x", serviceId = "voirie" })).AssertProblemAsync(403);
        await (await _app.ClientAs("Organiser", "asso-1").GetAsync(new Uri("/api/seasons/2027/staff", UriKind.Relative))).AssertProblemAsync(403);
        await (await _app.Anonymous().GetAsync(new Uri("/api/seasons/2027/staff", UriKind.Relative))).AssertProblemAsync(401);
    }

    [Fact]
    public async Task Unknown_season_is_a_404()
    {
        var client = _app.ClientAs("ProjectCell");
        await (await client.GetAsync(new Uri("/api/seasons/2031/staff", UriKind.Relative))).AssertProblemAsync(404);
        await (await client.PostAsJsonAsync(new Uri("/api/seasons/2031/staff/teams", UriKind.Relative), new { id = "x", name = "x", serviceId = "voirie" })).AssertProblemAsync(404);
        await (await client.GetAsync(new Uri("/api/seasons/2031/coverage", UriKind.Relative))).AssertProblemAsync(404);
        await (await _app.ClientAs("Manager", "m", ["regie-plateau"]).GetAsync(new Uri("/api/seasons/2031/leave", UriKind.Relative))).AssertProblemAsync(404);
    }
}
