using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Calendars;

/// <summary>The people a feed is for subscribe to it themselves, on the sample season: a technician their service's crews, an organiser its milestones, a manager their team.</summary>
public sealed class FeedSubscriptionTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    private static Uri Uri(string path) => new(path, UriKind.Relative);

    private async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string feed, string subject) =>
        await client.PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed, subject, label = "Mon agenda" });

    [Fact]
    public async Task A_technician_subscribes_to_a_crew_of_their_service_by_the_crews_id()
    {
        var technician = app.ClientAs("Technician", "tech-regie", ["regie"]);
        var created = await SubscribeAsync(technician, "crew", "equipe-plateau");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = (await created.ReadAsync<JsonElement>()).GetProperty("path").GetString()!;
        var feed = await app.Anonymous().GetAsync(Uri(path));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another service's technician may not; nobody may subscribe to a crew that does not exist.
        await (await SubscribeAsync(app.ClientAs("Technician", "tech-voirie", ["voirie"]), "crew", "equipe-plateau")).AssertProblemAsync(403);
        var unknown = await (await SubscribeAsync(technician, "crew", "regie")).AssertProblemAsync(400);
        Assert.Equal("subject", unknown.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_organiser_subscribes_to_the_milestones_its_events_leave_to_it()
    {
        var organiser = app.ClientAs("Organiser", "orga", ["ville-animation"]);
        var created = await SubscribeAsync(organiser, "plan", "ville-animation");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = (await created.ReadAsync<JsonElement>()).GetProperty("path").GetString()!;
        var ics = await (await app.Anonymous().GetAsync(Uri(path))).Content.ReadAsStringAsync();

        // Exactly the organiser's own milestones of its own events.
        using var cell = app.ClientAs("ProjectCell");
        var plan = await cell.GetFromJsonAsync<JsonElement>("/api/seasons/2027/plan");
        var events = (await cell.GetFromJsonAsync<JsonElement>("/api/seasons/2027/events")).EnumerateArray()
            .Where(e => e.GetProperty("organiserId").GetString() == "ville-animation").Select(e => e.GetProperty("id").GetString()).ToHashSet();
        var expected = plan.GetProperty("milestones").EnumerateArray()
            .Count(m => m.GetProperty("owner").GetString() == "organiser" && m.TryGetProperty("eventId", out var e) && events.Contains(e.GetString()));
        Assert.True(expected > 0);
        Assert.Equal(expected, ics.Split("BEGIN:VEVENT").Length - 1);

        await (await SubscribeAsync(organiser, "plan", "asso-triathlon")).AssertProblemAsync(403);
        Assert.Equal("subject", (await (await SubscribeAsync(organiser, "organiser", "asso-inconnue")).AssertProblemAsync(400)).GetProperty("field").GetString());
    }
}
