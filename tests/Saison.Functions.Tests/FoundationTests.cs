using System.Net;
using System.Net.Http.Json;
using System.Text;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests;

public sealed class FoundationTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;

    public FoundationTests(SaisonApp app) => _app = app;

    [Fact]
    public async Task Health_answers_with_the_store_in_use()
    {
        var response = await _app.Anonymous().GetAsync(new Uri("/api/health", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var health = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("sqlite", health.GetProperty("store").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_french_404_problem()
    {
        var response = await _app.ClientAs("Admin").GetAsync(new Uri("/api/nowhere", UriKind.Relative));
        var problem = await response.AssertProblemAsync(404);
        Assert.Contains("Aucune ressource", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_without_token_is_401_and_with_wrong_role_is_403()
    {
        var anonymous = await _app.Anonymous().GetAsync(new Uri("/api/audit", UriKind.Relative));
        await anonymous.AssertProblemAsync(401);
        var organiser = await _app.ClientAs("Organiser", "asso-1").GetAsync(new Uri("/api/audit", UriKind.Relative));
        await organiser.AssertProblemAsync(403);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        var response = await _app.Anonymous().GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Contains("\"openapi\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_season_is_loaded_on_first_start_and_marked_as_sample()
    {
        var health = await _app.Anonymous().GetAsync(new Uri("/api/health", UriKind.Relative));
        var report = await health.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var sample = report.GetProperty("sampleSeason");
        Assert.Equal(2027, sample.GetProperty("season").GetInt32());
        Assert.Equal("saint-nazaire-2027", sample.GetProperty("source").GetString());
        Assert.NotEmpty(sample.GetProperty("parts").EnumerateArray());
    }

    [Fact]
    public async Task Malformed_json_is_a_french_400_naming_the_field()
    {
        var client = _app.ClientAs("Organiser", "asso-front-de-mer");
        using var body = new StringContent("{\"title\": \"Concert\", \"expectedAttendance\": \"beaucoup\"}", Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/seasons/2027/events", UriKind.Relative), body);
        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("expectedAttendance", problem.GetProperty("field").GetString());
        Assert.Contains("champ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var broken = new StringContent("{\"title\": ", Encoding.UTF8, "application/json");
        var truncated = await client.PostAsync(new Uri("/api/seasons/2027/events", UriKind.Relative), broken);
        var second = await truncated.AssertProblemAsync(400);
        Assert.Contains("JSON", second.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_write_is_401_and_wrong_role_is_403_in_french()
    {
        using var body = new StringContent("{}", Encoding.UTF8, "application/json");
        var anonymous = await _app.Anonymous().PostAsync(new Uri("/api/seasons/2027/events", UriKind.Relative), body);
        var problem = await anonymous.AssertProblemAsync(401);
        Assert.Contains("jeton", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var body2 = new StringContent("{}", Encoding.UTF8, "application/json");
        var agent = await _app.ClientAs("Agent", "agent-1").PostAsync(new Uri("/api/seasons/2027/events", UriKind.Relative), body2);
        var forbidden = await agent.AssertProblemAsync(403);
        Assert.Contains("rôle", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_method_is_a_french_405()
    {
        var response = await _app.ClientAs("Admin").DeleteAsync(new Uri("/api/health", UriKind.Relative));
        var problem = await response.AssertProblemAsync(405);
        Assert.Contains("DELETE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_state_change_is_in_the_audit_trail_with_before_and_after_readable_by_admin()
    {
        var client = _app.ClientAs("Organiser", "asso-front-de-mer");
        var created = await client.PostAsJsonAsync(new Uri("/api/seasons/2027/events", UriKind.Relative), new
        {
            title = "Lecture de contes sur la plage (audit)",
            kind = "animation",
            themes = new[] { "balneaire" },
            siteId = "plage-villes-martin",
            start = "2027-07-21T17:00:00+02:00",
            end = "2027-07-21T18:30:00+02:00",
            expectedAttendance = 60,
            size = "small",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;

        var month = SaisonApp.DefaultNow.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var audit = await _app.ClientAs("Admin").GetAsync(new Uri($"/api/audit?month={month}", UriKind.Relative));
        audit.EnsureSuccessStatusCode();
        var entries = (await audit.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).EnumerateArray().ToList();
        var entry = Assert.Single(entries, e => e.GetProperty("target").GetString()!.Contains(id, StringComparison.Ordinal));
        Assert.Equal("organiser-asso-front-de-mer", entry.GetProperty("actorId").GetString());
        Assert.Contains("Lecture de contes", entry.GetProperty("after").GetString(), StringComparison.Ordinal);

        var refused = await _app.ClientAs("Admin").GetAsync(new Uri("/api/audit?month=juillet", UriKind.Relative));
        var problem = await refused.AssertProblemAsync(400);
        Assert.Equal("month", problem.GetProperty("field").GetString());
    }
}
