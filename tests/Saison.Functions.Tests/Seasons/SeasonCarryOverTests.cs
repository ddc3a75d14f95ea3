using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

/// <summary>
/// Multi-year programming through HTTP on SQLite: season 2028 started from the sample 2027 (bounds on the same weekdays,
/// fixed-date holidays kept, everything a season is set up with copied, the chosen events proposed again), every
/// refusal, a race of two starts, and seasons compared side by side (JSON and CSV).
/// </summary>
public sealed class SeasonCarryOverTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;
    private readonly HttpClient _cell;

    public SeasonCarryOverTests(SaisonApp app)
    {
        _app = app;
        _cell = app.ClientAs("ProjectCell", "cellule");
    }

    [Fact]
    public async Task The_preview_moves_the_bounds_to_the_same_weekdays_and_keeps_the_national_day_on_14_july()
    {
        var preview = await _app.ClientAs("Copil", "copil").GetJsonAsync("/api/seasons/2027/next?year=2033");
        Assert.Equal(2033, preview.GetProperty("year").GetInt32());
        Assert.Equal(313 * 7, preview.GetProperty("shiftDays").GetInt32());
        Assert.Equal("2033-05-31", preview.GetProperty("bounds").GetProperty("first").GetString());
        Assert.Equal(DayOfWeek.Tuesday, DateOnly.Parse("2027-06-01", System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.Equal(DayOfWeek.Tuesday, DateOnly.Parse(preview.GetProperty("bounds").GetProperty("first").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.Equal("2033-07-02", preview.GetProperty("peaks")[0].GetProperty("first").GetString());
        var events = preview.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal("2033-07-14", events["feu-fete-nationale"].GetProperty("newFirstDay").GetString());
        Assert.Equal("2033-08-15", events["fete-plage-saint-marc"].GetProperty("newFirstDay").GetString());
        Assert.Equal("2033-06-04", events["nature-parc-paysager"].GetProperty("newFirstDay").GetString());
        Assert.True(events["jeudis-du-port"].GetProperty("recurring").GetBoolean());

        var later = await _cell.GetJsonAsync("/api/seasons/2027/next?year=2034");
        Assert.Equal("2034-05-30", later.GetProperty("bounds").GetProperty("first").GetString());
    }

    [Fact]
    public async Task Every_refusal_is_a_french_problem_and_nothing_is_written()
    {
        await (await _app.Anonymous().GetAsync(SeasonApi.Url("/api/seasons/2027/next"))).AssertProblemAsync(401);
        await (await _app.ClientAs("Organiser", "asso-saint-marc").GetAsync(SeasonApi.Url("/api/seasons/2027/next"))).AssertProblemAsync(403);
        await (await _app.ClientAs("Copil", "copil").SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2031 })).AssertProblemAsync(403);
        Assert.Contains("2020", (await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2020/next"))).AssertProblemAsync(404)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("year", (await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2027/next?year=2026"))).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("year", (await (await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2027 })).AssertProblemAsync(400)).GetProperty("field").GetString());
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2027/next?year=deux-mille"))).AssertProblemAsync(400);

        var unknown = await (await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2031, eventIds = new[] { "jeudis-du-port", "inconnu" } })).AssertProblemAsync(400);
        Assert.Equal("eventIds", unknown.GetProperty("field").GetString());
        Assert.Contains("inconnu", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2031"))).AssertProblemAsync(404);
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2031/events"))).AssertProblemAsync(404);

        // A season that already exists is never overwritten.
        var created = await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons", new { year = 2032, city = "Saint-Nazaire", timeZoneId = "Europe/Paris", bounds = new { first = "2032-06-01", last = "2032-09-15" }, peaks = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("2032 existe déjà", (await (await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2032 })).AssertProblemAsync(409)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await _cell.GetAsync(SeasonApi.Url("/api/seasons/2027/next?year=2032"))).AssertProblemAsync(409);
        Assert.Empty((await _cell.GetJsonAsync("/api/seasons/2032/sites")).EnumerateArray());
    }

    [Fact]
    public async Task Season_2028_starts_from_2027_with_what_it_was_set_up_with_and_the_chosen_events_proposed_again()
    {
        var chosen = new[] { "jeudis-du-port", "feu-fete-nationale", "nature-parc-paysager" };
        var started = await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { eventIds = chosen });
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal("/api/seasons/2028", started.Headers.Location?.ToString());
        var result = JsonDocument.Parse(body).RootElement;
        var parts = result.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("records").GetInt32());
        Assert.Equal(3, parts["events"]);
        Assert.All(parts, p => Assert.True(p.Value > 0, p.Key));

        // The season: a draft, bounds on the same weekdays, the same tonality, no COPIL decision carried.
        var (season, etag) = await _cell.GetWithETagAsync("/api/seasons/2028");
        Assert.Equal("draft", season.GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal("2028-05-30", season.GetProperty("bounds").GetProperty("first").GetString());
        var old = await _cell.GetJsonAsync("/api/seasons/2027");
        Assert.Equal(old.GetProperty("tonality").GetRawText(), season.GetProperty("tonality").GetRawText());
        Assert.Equal(old.GetProperty("city").GetString(), season.GetProperty("city").GetString());
        Assert.Empty(season.GetProperty("decisions").EnumerateArray());

        // What GET returns of the new season, PUT accepts back.
        var bounds = await _cell.GetJsonAsync("/api/seasons/2028/bounds");
        var put = await _cell.SendJsonAsync(HttpMethod.Put, "/api/seasons/2028/bounds", bounds, etag);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        // Set-up copied: organisers, sites, templates, staff, catalogue and its rules, crews, presence rules.
        foreach (var path in new[] { "organisers", "sites", "plan/templates", "staff/services", "staff/teams", "staff/agents", "crews" })
        {
            var before = (await _cell.GetJsonAsync($"/api/seasons/2027/{path}")).GetArrayLength();
            Assert.True(before > 0, path);
            Assert.Equal(before, (await _cell.GetJsonAsync($"/api/seasons/2028/{path}")).GetArrayLength());
        }

        var technician = _app.ClientAs("Technician", "voirie");
        Assert.Equal(
            (await technician.GetJsonAsync("/api/seasons/2027/catalog")).GetProperty("items").GetArrayLength(),
            (await technician.GetJsonAsync("/api/seasons/2028/catalog")).GetProperty("items").GetArrayLength());
        Assert.Equal(
            (await technician.GetJsonAsync("/api/seasons/2027/catalog/policy")).GetProperty("envelopes").GetRawText(),
            (await technician.GetJsonAsync("/api/seasons/2028/catalog/policy")).GetProperty("envelopes").GetRawText());
        var money = await _cell.GetJsonAsync("/api/seasons/2028/finance/settings");
        Assert.Equal((await _cell.GetJsonAsync("/api/seasons/2027/finance/settings")).GetProperty("hourlyRates").GetRawText(), money.GetProperty("hourlyRates").GetRawText());
        Assert.All(money.GetProperty("tourismTax").EnumerateArray(), t => Assert.False(t.TryGetProperty("collected", out var collected) && collected.ValueKind != JsonValueKind.Null));
        var blackouts = (await _cell.GetJsonAsync("/api/seasons/2028/leave/rules/voirie-signalisation")).GetProperty("blackouts");
        Assert.Equal("2028-07-13", blackouts[0].GetProperty("first").GetString());
        Assert.Equal("2028-07-15", blackouts[0].GetProperty("last").GetString());

        // The chosen events, proposed again under their ids: proposed, the agenda to decide, same weekdays.
        var events = (await _cell.GetJsonAsync("/api/seasons/2028/events")).EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(chosen.Order(), events.Keys.Order());
        Assert.All(events.Values, e =>
        {
            Assert.Equal("proposed", e.GetProperty("status").GetString(), ignoreCase: true);
            Assert.Equal("pending", e.GetProperty("agenda").GetString(), ignoreCase: true);
        });
        var thursdays = await _cell.GetJsonAsync("/api/seasons/2028/events/jeudis-du-port");
        Assert.StartsWith("2028-06-29T19:30", thursdays.GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Contains(thursdays.GetProperty("occurrences").EnumerateArray(), o => o.GetProperty("start").GetString()!.StartsWith("2028-08-24", StringComparison.Ordinal));
        Assert.DoesNotContain(thursdays.GetProperty("occurrences").EnumerateArray(), o => o.GetProperty("start").GetString()!.StartsWith("2028-07-13", StringComparison.Ordinal));
        Assert.StartsWith("2028-07-14T22:00", (await _cell.GetJsonAsync("/api/seasons/2028/events/feu-fete-nationale")).GetProperty("start").GetString(), StringComparison.Ordinal);

        // Each event has its reverse plan from the new season's templates, and the season its own milestones.
        var plan = await _cell.GetJsonAsync("/api/seasons/2028/plan/events/feu-fete-nationale");
        Assert.NotEmpty(plan.GetProperty("milestones").EnumerateArray());
        Assert.Contains("2028", (await _cell.GetJsonAsync("/api/seasons/2028/plan")).GetRawText(), StringComparison.Ordinal);

        // The 2027 season is untouched; a second start of 2028 is refused.
        Assert.Equal(9, (await _cell.GetJsonAsync("/api/seasons/2027/events")).GetArrayLength());
        await (await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { })).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Two_project_cell_members_starting_the_same_season_at_once_create_it_once()
    {
        var other = _app.ClientAs("ProjectCell", "cellule-2", []);
        var answers = await Task.WhenAll(
            _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2030, eventIds = Array.Empty<string>() }),
            other.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2030, eventIds = Array.Empty<string>() }));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        await Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created).AssertProblemAsync(409);
        Assert.Empty((await _cell.GetJsonAsync("/api/seasons/2030/events")).EnumerateArray());
        Assert.Equal((await _cell.GetJsonAsync("/api/seasons/2027/sites")).GetArrayLength(), (await _cell.GetJsonAsync("/api/seasons/2030/sites")).GetArrayLength());
    }

    [Fact]
    public async Task Seasons_compare_side_by_side_in_json_and_csv_and_refusals_are_french()
    {
        var started = await _cell.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/next", new { year = 2029 });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());

        var copil = _app.ClientAs("Copil", "copil");
        var compared = await copil.GetJsonAsync("/api/seasons/compare?years=2029,2027");
        var seasons = compared.GetProperty("seasons").EnumerateArray().ToList();
        Assert.Equal([2027, 2029], seasons.Select(s => s.GetProperty("year").GetInt32()));
        Assert.Equal(seasons[0].GetProperty("days").GetInt32(), seasons[1].GetProperty("days").GetInt32());
        Assert.Equal(9, seasons[0].GetProperty("events").GetInt32());
        Assert.Equal(9, seasons[1].GetProperty("events").GetInt32());
        Assert.Equal(0, seasons[1].GetProperty("requestLines").GetInt32());
        Assert.True(seasons[0].GetProperty("costs").GetDecimal() > 0m);

        var csv = await copil.GetAsync(SeasonApi.Url("/api/seasons/compare.csv?years=2027,2029"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("Indicateur;Saison 2027;Saison 2029", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Premier jour;01/06/2027;29/05/2029", text, StringComparison.Ordinal);

        await (await _app.Anonymous().GetAsync(SeasonApi.Url("/api/seasons/compare?years=2027"))).AssertProblemAsync(401);
        await (await _app.ClientAs("Organiser", "asso-saint-marc").GetAsync(SeasonApi.Url("/api/seasons/compare?years=2027"))).AssertProblemAsync(403);
        Assert.Equal("years", (await (await copil.GetAsync(SeasonApi.Url("/api/seasons/compare"))).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("years", (await (await copil.GetAsync(SeasonApi.Url("/api/seasons/compare?years=2027,deux"))).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("years", (await (await copil.GetAsync(SeasonApi.Url("/api/seasons/compare?years=2021,2022,2023,2024,2025,2026,2027"))).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Contains("2026", (await (await copil.GetAsync(SeasonApi.Url("/api/seasons/compare.csv?years=2026,2027"))).AssertProblemAsync(404)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
