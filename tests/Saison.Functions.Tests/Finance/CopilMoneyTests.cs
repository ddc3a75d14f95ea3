using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Copil;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Finance;

/// <summary>The COPIL's money view of the sample season 2027: what it cost, what it brought in, who paid; and its CSV.</summary>
public sealed class CopilMoneyTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    private static readonly string[] Figures = ["money-totals", "money-events", "money-themes", "money-sites", "money-services", "money-weeks", "money-envelopes", "money-budget-lines", "money-tax", "money-sponsors"];

    [Fact]
    public async Task The_sample_season_says_what_it_cost_what_it_brought_in_and_who_paid()
    {
        using var copil = app.ClientAs("Copil");
        var money = await copil.GetJsonAsync("/api/seasons/2027/copil/money");
        Assert.True(money.GetProperty("settingsEntered").GetBoolean());
        var accounts = money.GetProperty("accounts");
        var totals = accounts.GetProperty("totals");
        Assert.True(totals.GetProperty("entered").GetDecimal() > 0m);
        Assert.Equal(totals.GetProperty("logistics").GetDecimal() + totals.GetProperty("crew").GetDecimal() + totals.GetProperty("entered").GetDecimal(), totals.GetProperty("costs").GetDecimal());
        Assert.True(totals.GetProperty("tourismTax").GetDecimal() > 0m);
        Assert.Equal(410_000m, totals.GetProperty("secondHomesTax").GetDecimal());
        Assert.True(totals.GetProperty("privateSecured").GetDecimal() > 0m);
        Assert.True(totals.GetProperty("privateSharePercent").GetDecimal() > 0m);

        var events = accounts.GetProperty("events").EnumerateArray().ToList();
        var escale = events.Single(e => e.GetProperty("eventId").GetString() == "escale-course-au-large");
        Assert.Equal(72_000m, escale.GetProperty("privateSecured").GetDecimal());
        Assert.Equal(25_000m, escale.GetProperty("privatePromised").GetDecimal());
        Assert.True(escale.GetProperty("costPerVisitor").GetDecimal() > 0m);
        var eol = events.Single(e => e.GetProperty("eventId").GetString() == "eol-portes-ouvertes");
        Assert.True(eol.GetProperty("withoutPrivateFunding").GetBoolean());
        Assert.Equal(1, eol.GetProperty("sponsorsSought").GetInt32());
        Assert.Contains(accounts.GetProperty("sponsors").EnumerateArray(), s => s.GetProperty("sponsor").GetString() == "Chantiers navals (exemple)");
        Assert.Equal(5, accounts.GetProperty("themes").GetArrayLength());
        Assert.Equal(3, accounts.GetProperty("envelopes").GetArrayLength());
        Assert.Contains(accounts.GetProperty("tourismTax").EnumerateArray(), t => t.TryGetProperty("collected", out var collected) && collected.ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task An_entered_cost_and_a_signed_sponsor_show_at_once_in_the_view_of_their_event()
    {
        using var cell = app.ClientAs("ProjectCell");
        var before = Event(await cell.GetJsonAsync("/api/seasons/2027/copil/money"), "nature-parc-paysager");
        Assert.True(before.GetProperty("withoutPrivateFunding").GetBoolean());

        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/finance/costs", new { label = "Animateurs nature", category = "programming", budgetLine = "6232", amount = 2500m, eventId = "nature-parc-paysager", date = "2027-06-12" })).OkJsonAsync();
        await (await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/finance/sponsorships", new { eventId = "nature-parc-paysager", sponsor = "Jardinerie (test)", kind = "patronage", status = "received", amount = 500m })).OkJsonAsync();

        var after = Event(await cell.GetJsonAsync("/api/seasons/2027/copil/money"), "nature-parc-paysager");
        Assert.Equal(before.GetProperty("entered").GetDecimal() + 2500m, after.GetProperty("entered").GetDecimal());
        Assert.Equal(500m, after.GetProperty("privateSecured").GetDecimal());
        Assert.False(after.GetProperty("withoutPrivateFunding").GetBoolean());
    }

    [Theory]
    [InlineData("money-totals")]
    [InlineData("money-events")]
    [InlineData("money-themes")]
    [InlineData("money-sites")]
    [InlineData("money-services")]
    [InlineData("money-weeks")]
    [InlineData("money-envelopes")]
    [InlineData("money-budget-lines")]
    [InlineData("money-tax")]
    [InlineData("money-sponsors")]
    public async Task Every_money_table_exports_as_CSV_for_a_French_spreadsheet(string figure)
    {
        using var copil = app.ClientAs("Copil");
        using var response = await copil.GetAsync(SeasonApi.Url($"/api/seasons/2027/copil/money/{figure}.csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var sheet = FrenchSpreadsheet.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.All(sheet.Header, h => Assert.DoesNotMatch("^[a-z]+[A-Z]", h));
        Assert.All(sheet.Rows.SelectMany(r => r), cell => Assert.DoesNotMatch("^(true|false|signed|received|promised|sought|patronage|sponsorship|programming|communication)$", cell));
        Assert.NotEmpty(sheet.Rows);
        Assert.Contains(Figures, f => f == figure);
    }

    [Fact]
    public async Task The_money_view_is_for_the_COPIL_and_the_project_cell_and_names_a_missing_season_or_table()
    {
        using var cell = app.ClientAs("ProjectCell");
        Assert.Equal(HttpStatusCode.OK, (await cell.GetAsync(SeasonApi.Url("/api/seasons/2027/copil/money"))).StatusCode);
        using var organiser = app.ClientAs("Organiser", "asso-triathlon");
        await (await organiser.GetAsync(SeasonApi.Url("/api/seasons/2027/copil/money"))).AssertProblemAsync(403);
        using var copil = app.ClientAs("Copil");
        await (await copil.GetAsync(SeasonApi.Url("/api/seasons/2031/copil/money"))).AssertProblemAsync(404);
        var unknown = await (await copil.GetAsync(SeasonApi.Url("/api/seasons/2027/copil/money/recettes.csv"))).AssertProblemAsync(404);
        Assert.Contains("money-events", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seasons_compare_side_by_side_year_after_year_in_JSON_and_CSV()
    {
        using var cell = app.ClientAs("ProjectCell");
        var alone = await cell.GetJsonAsync("/api/seasons/compare?years=2027");
        Assert.Single(alone.GetProperty("seasons").EnumerateArray());

        var created = await cell.SendJsonAsync(HttpMethod.Post, "/api/seasons", new { year = 2026, city = "Saint-Nazaire", timeZoneId = "Europe/Paris", bounds = new { first = "2026-06-06", last = "2026-09-20" }, peaks = new[] { new { first = "2026-07-04", last = "2026-08-30" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var both = await cell.GetJsonAsync("/api/seasons/compare?years=2026,2027");
        var seasons = both.GetProperty("seasons").EnumerateArray().ToList();
        Assert.Equal([2026, 2027], seasons.Select(s => s.GetProperty("year").GetInt32()));
        Assert.Equal(0, seasons[0].GetProperty("events").GetInt32());
        Assert.Equal(58, seasons[0].GetProperty("peakDays").GetInt32());
        Assert.True(seasons[1].GetProperty("costs").GetDecimal() > seasons[0].GetProperty("costs").GetDecimal());
        Assert.True(seasons[1].GetProperty("receipts").GetDecimal() > 0m);

        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/compare?years=2019,2027"))).AssertProblemAsync(404);
        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/compare?years=l'an dernier"))).AssertProblemAsync(400);
        await (await cell.GetAsync(SeasonApi.Url("/api/seasons/2031/copil/money/money-years.csv"))).AssertProblemAsync(404);

        var sheet = FrenchSpreadsheet.Read(await cell.GetByteArrayAsync(SeasonApi.Url("/api/seasons/2027/copil/money/money-years.csv")));
        Assert.Equal(["Indicateur", "Saison 2026", "Saison 2027"], sheet.Header);
        Assert.Contains(sheet.Rows, r => r[0] == "Total des coûts (€)");
    }

    private static JsonElement Event(JsonElement money, string id) =>
        money.GetProperty("accounts").GetProperty("events").EnumerateArray().Single(e => e.GetProperty("eventId").GetString() == id);
}
