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
}
