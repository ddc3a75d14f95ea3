using System.Net;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Edge;

/// <summary>A value that is legal but unlikely is kept, with a warning in the answer and on every later read.</summary>
public sealed class PlausibilityTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Fact]
    public async Task An_attendance_far_above_the_site_s_capacity_is_kept_with_a_warning()
    {
        using var organiser = app.ClientAs("Organiser", "asso-triathlon");
        var created = await organiser.SendJsonAsync(HttpMethod.Post, "/api/seasons/2027/events", new
        {
            title = "Concert géant au VIP",
            organiserId = "asso-triathlon",
            kind = "concert",
            themes = new[] { "balneaire" },
            siteId = "le-vip",
            start = "2027-07-24T20:00:00+02:00",
            end = "2027-07-24T23:00:00+02:00",
            expectedAttendance = 50_000,
            size = "small",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.OkJsonAsync();
        var codes = body.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Equal(["attendance-above-capacity", "size-vs-attendance"], codes);
        Assert.Contains("50 000 personnes", body.GetProperty("warnings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("(600 personnes)", body.GetProperty("warnings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var read = await organiser.GetJsonAsync($"/api/seasons/2027/events/{body.GetProperty("id").GetString()}");
        Assert.Equal(2, read.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task A_plausible_event_carries_no_warning()
    {
        var sample = await app.ClientAs("ProjectCell").GetJsonAsync("/api/seasons/2027/events/nature-parc-paysager");
        Assert.Equal(0, sample.GetProperty("warnings").GetArrayLength());
    }
}
