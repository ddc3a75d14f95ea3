using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

public sealed class SeasonRecordTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;

    public SeasonRecordTests(SaisonApp app) => _app = app;

    [Fact]
    public async Task Sample_season_2027_has_bounds_peaks_and_tonality()
    {
        var (season, etag) = await _app.ClientAs("Agent", "agent-1").GetWithETagAsync("/api/seasons/2027");
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal("Saint-Nazaire", season.GetProperty("city").GetString());
        Assert.Equal("Europe/Paris", season.GetProperty("timeZoneId").GetString());
        Assert.Equal("2027-06-01", season.GetProperty("bounds").GetProperty("first").GetString());
        Assert.Equal("2027-09-19", season.GetProperty("bounds").GetProperty("last").GetString());
        Assert.Equal("2027-07-03", season.GetProperty("peaks")[0].GetProperty("first").GetString());
        Assert.Equal(5, season.GetProperty("tonality").GetProperty("themes").GetArrayLength());
        Assert.Equal("orientationsSet", season.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Organisers_registry_lists_every_kind()
    {
        var organisers = await _app.ClientAs("Technician", "voirie").GetJsonAsync("/api/seasons/2027/organisers");
        var kinds = organisers.EnumerateArray().Select(o => o.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "tourismOperator", "cityService", "association", "privatePartner" }, kinds);
        var snat = await _app.ClientAs("Organiser", "snat").GetJsonAsync("/api/seasons/2027/organisers/snat");
        Assert.Equal("tourismOperator", snat.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Sites_include_beaches_port_and_industrial_visits()
    {
        var sites = await _app.ClientAs("Agent", "agent-1").GetJsonAsync("/api/seasons/2027/sites");
        var ids = sites.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains("plage-monsieur-hulot", ids);
        Assert.Contains("base-sous-marine", ids);
        Assert.Contains("eol-centre-eolien", ids);
        Assert.Contains("chantiers-atlantique", ids);
    }

    [Fact]
    public async Task Unknown_season_is_404()
    {
        var response = await _app.ClientAs("Agent", "agent-1").GetAsync(SeasonApi.Url("/api/seasons/2031"));
        await response.AssertProblemAsync(404);
    }
}
