using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Copil;

public sealed class CopilDashboardTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Fact]
    public async Task The_sample_season_dashboard_has_its_programme_against_the_tonality()
    {
        using var client = app.ClientAs("Copil");
        using var response = await client.GetAsync("/api/seasons/2027/copil");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dashboard = await response.ReadAsync<JsonElement>();

        Assert.Equal("Saint-Nazaire", dashboard.GetProperty("city").GetString());
        var themes = dashboard.GetProperty("themes").EnumerateArray().ToList();
        Assert.Equal(5, themes.Count);
        Assert.True(themes.Sum(t => t.GetProperty("actualPercent").GetDecimal()) <= 100.1m);
        Assert.All(themes, t => Assert.Equal(t.GetProperty("actualPercent").GetDecimal() - t.GetProperty("targetPercent").GetDecimal(), t.GetProperty("gapPoints").GetDecimal()));
        var weeks = dashboard.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal("2027-05-31", weeks[0].GetProperty("weekStart").GetString());
        Assert.Contains(weeks, w => w.GetProperty("peak").GetBoolean());
        Assert.Equal(dashboard.GetProperty("eventCount").GetInt32(), dashboard.GetProperty("sites").EnumerateArray().Sum(s => s.GetProperty("events").GetInt32()));
        Assert.True(dashboard.GetProperty("decisions").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task The_project_cell_reads_it_too()
    {
        using var client = app.ClientAs("ProjectCell");
        using var response = await client.GetAsync("/api/seasons/2027/copil");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_figure_exports_as_CSV_with_a_header_and_one_row_per_theme()
    {
        using var client = app.ClientAs("Copil");
        using var response = await client.GetAsync("/api/seasons/2027/copil/themes.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("themeId;theme;targetPercent;events;actualPercent;gapPoints", lines[0]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_is_refused()
    {
        using var client = app.Anonymous();
        using var response = await client.GetAsync("/api/seasons/2027/copil");
        await response.AssertProblemAsync(401);
    }

    [Theory]
    [InlineData("Organiser", "asso-1")]
    [InlineData("Agent", "agent-1")]
    [InlineData("Technician", "regie")]
    public async Task Other_roles_are_refused(string role, string scope)
    {
        using var client = app.ClientAs(role, scope);
        using var response = await client.GetAsync("/api/seasons/2027/copil");
        await response.AssertProblemAsync(403);
        using var csv = await client.GetAsync("/api/seasons/2027/copil/themes.csv");
        await csv.AssertProblemAsync(403);
    }

    [Fact]
    public async Task An_unknown_season_or_figure_is_not_found()
    {
        using var client = app.ClientAs("Copil");
        using var season = await client.GetAsync("/api/seasons/2031/copil");
        await season.AssertProblemAsync(404);
        using var figure = await client.GetAsync("/api/seasons/2027/copil/budget-secret.csv");
        var problem = await figure.AssertProblemAsync(404);
        Assert.Contains("themes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
