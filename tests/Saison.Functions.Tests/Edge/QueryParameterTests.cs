using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Edge;

/// <summary>A bad query parameter is a French 400 naming it; the values the API itself writes are accepted back.</summary>
public sealed class QueryParameterTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Theory]
    [InlineData("/api/seasons/2027/events?from=2027-13-01", "from")]
    [InlineData("/api/seasons/2027/events?inAgenda=oui", "inAgenda")]
    [InlineData("/api/seasons/2027/events?status=3", "status")]
    [InlineData("/api/seasons/2027/events?status=annule", "status")]
    [InlineData("/api/seasons/2027/plan?state=fini", "state")]
    [InlineData("/api/seasons/2027/plan?asOf=hier", "asOf")]
    [InlineData("/api/seasons/2027/coverage?from=2027-02-30", "from")]
    [InlineData("/api/audit?month=2027-13", "month")]
    public async Task A_bad_query_parameter_is_named_in_french(string path, string parameter)
    {
        using var client = app.ClientAs("Admin");
        var problem = await (await client.GetAsync(new Uri(path, UriKind.Relative))).AssertProblemAsync(400);
        Assert.Equal(parameter, problem.GetProperty("field").GetString());
        Assert.DoesNotContain("Failed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/seasons/2027/events?status=confirmed")]
    [InlineData("/api/seasons/2027/events?status=Confirmed")]
    [InlineData("/api/seasons/2027/events?inAgenda=true&from=2027-07-01&to=2027-07-31")]
    [InlineData("/api/seasons/2027/plan?state=atRisk")]
    public async Task The_values_the_api_writes_are_accepted_back(string path)
    {
        using var client = app.ClientAs("Admin");
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
