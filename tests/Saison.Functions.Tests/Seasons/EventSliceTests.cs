using System.Net;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Seasons;

public sealed class EventSliceTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;

    public EventSliceTests(SaisonApp app) => _app = app;

    [Fact]
    public async Task Recurring_thursday_concerts_expand_into_occurrences_without_the_exception()
    {
        var (e, etag) = await _app.ClientAs("ProjectCell", "cellule").GetWithETagAsync("/api/seasons/2027/events/jeudis-du-port");
        Assert.False(string.IsNullOrEmpty(etag));
        var starts = e.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("start").GetString()).ToList();
        Assert.Equal(8, starts.Count);
        Assert.Equal("2027-07-01T19:30:00+02:00", starts[0]);
        Assert.DoesNotContain("2027-07-15T19:30:00+02:00", starts);
        Assert.Equal("2027-08-26T19:30:00+02:00", starts[^1]);
        Assert.Equal("FREQ=WEEKLY;BYDAY=TH;UNTIL=20270826", e.GetProperty("recurrence").GetProperty("rRule").GetString());
        Assert.True(e.GetProperty("inTourismAgenda").GetBoolean());
    }

    [Fact]
    public async Task Organiser_proposes_and_reads_back_with_etag()
    {
        var client = _app.ClientAs("Organiser", "asso-front-de-mer");
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", new
        {
            title = "Cinéma en plein air sur la plage (test)",
            kind = "cinema",
            themes = new[] { "balneaire" },
            siteId = "plage-villes-martin",
            start = "2027-08-06T21:30:00+02:00",
            end = "2027-08-06T23:45:00+02:00",
            expectedAttendance = 400,
            size = "small",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.OkJsonAsync();
        Assert.Equal("asso-front-de-mer", created.GetProperty("organiserId").GetString());
        Assert.Equal("proposed", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetString();
        var (read, etag) = await client.GetWithETagAsync($"/api/seasons/2027/events/{id}");
        Assert.Equal(SeasonApi.ETagOf(response), etag);
        Assert.Equal("Cinéma en plein air sur la plage (test)", read.GetProperty("title").GetString());
    }
}
