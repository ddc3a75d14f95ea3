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
    public async Task A_figure_exports_as_CSV_with_a_French_header_and_one_row_per_theme()
    {
        using var client = app.ClientAs("Copil");
        using var response = await client.GetAsync("/api/seasons/2027/copil/themes.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Thème;Objectif (%);Événements;Part réalisée (%);Écart (points)", lines[0]);
        Assert.Equal(6, lines.Length);
    }

    [Theory]
    [InlineData("themes")]
    [InlineData("weeks")]
    [InlineData("sites")]
    [InlineData("load")]
    [InlineData("coverage")]
    [InlineData("plan")]
    [InlineData("envelopes")]
    [InlineData("requests")]
    [InlineData("decisions")]
    public async Task Every_figure_reads_back_in_a_French_spreadsheet_as_the_API_says(string figure)
    {
        using var client = app.ClientAs("Copil");
        var dashboard = await (await client.GetAsync("/api/seasons/2027/copil")).ReadAsync<JsonElement>();
        var bytes = await client.GetByteArrayAsync(new Uri($"/api/seasons/2027/copil/{figure}.csv", UriKind.Relative));
        var sheet = FrenchSpreadsheet.Read(bytes);

        // A French header, no API field name in camelCase, no English code or true/false anywhere.
        Assert.All(sheet.Header, h => Assert.DoesNotMatch("^[a-z]+[A-Z]", h));
        Assert.All(sheet.Rows.SelectMany(r => r), cell => Assert.DoesNotMatch("^(true|false|tourismOperator|association|cityService|privatePartner)$", cell));
        var api = dashboard.GetProperty(figure == "coverage" ? "coverageRisks" : figure).EnumerateArray().ToList();
        Assert.Equal(api.Count, sheet.Rows.Count);

        // Every number cell is a number for a French spreadsheet (decimal comma), every date a date.
        for (var i = 0; i < api.Count; i++)
        {
            foreach (var (column, value) in NumbersOf(figure, api[i]))
            {
                var cell = sheet.Rows[i][Array.IndexOf(sheet.Header, column)];
                Assert.True(FrenchSpreadsheet.IsNumber(cell, out var read), $"{figure}: « {cell} » in « {column} » is not a number in a French spreadsheet.");
                Assert.Equal(value, read);
            }

            foreach (var (column, value) in DatesOf(figure, api[i]))
            {
                Assert.Equal(value, FrenchSpreadsheet.Date(sheet.Rows[i][Array.IndexOf(sheet.Header, column)]));
            }
        }
    }

    private static IEnumerable<(string Column, decimal Value)> NumbersOf(string figure, JsonElement row)
    {
        decimal D(string name) => row.GetProperty(name).GetDecimal();
        return figure switch
        {
            "themes" => [("Objectif (%)", D("targetPercent")), ("Part réalisée (%)", D("actualPercent")), ("Écart (points)", D("gapPoints"))],
            "weeks" => [("Occurrences", D("occurrences")), ("Événements", D("events"))],
            "sites" => [("Part (%)", D("sharePercent"))],
            "load" => [("Charge (heures)", D("loadHours")), ("Capacité (heures)", D("capacityHours"))],
            "coverage" => [("Présents", D("onDuty")), ("Minimum", D("minimum"))],
            "plan" => [("Jalons", D("milestones")), ("En retard", D("late"))],
            "envelopes" => [("Montant (€)", D("amount")), ("Consommé (€)", D("consumed"))],
            "requests" => [("Lignes", D("lines")), ("Coût demandé (€)", D("requestedCost"))],
            _ => [],
        };
    }

    private static IEnumerable<(string Column, DateOnly Value)> DatesOf(string figure, JsonElement row) => figure switch
    {
        "weeks" or "load" => [("Semaine du", DateOnly.Parse(row.GetProperty("weekStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture))],
        "coverage" => [("Jour", DateOnly.Parse(row.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture))],
        "decisions" => [("Date", DateOnly.Parse(row.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture))],
        _ => [],
    };

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
