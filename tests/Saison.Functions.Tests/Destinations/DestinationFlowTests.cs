using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Saison.Domain.Destinations;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using Saison.Testing;

namespace Saison.Functions.Tests.Destinations;

/// <summary>
/// The whole flow — season, events, reverse plan, logistics request, crews, leave, feeds, COPIL, the 07:00 timer —
/// through the HTTP API for every destination of <c>samples/</c>, and for a destination of La Réunion (UTC+4) made
/// of the La Rochelle sample's files under its own <c>destination.json</c>: no code knows any of them.
/// </summary>
public sealed class DestinationFlowTests
{
    private const string Season = "/api/seasons/2027";

    /// <summary>The destinations: each sample folder, and the Réunion test destination.</summary>
    public static TheoryData<string> Destinations()
    {
        var data = new TheoryData<string>();
        foreach (var name in SampleDestinations.Names)
        {
            data.Add(name);
        }

        data.Add(Reunion);
        return data;
    }

    private const string Reunion = "saint-pierre-reunion";

    [Fact]
    public void The_samples_hold_two_destinations_at_least_and_name_a_default() =>
        Assert.True(SampleDestinations.Names.Count >= 2 && SampleDestinations.Names.Contains(SampleDestinations.Default.Id), string.Join(", ", SampleDestinations.Names));

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task The_whole_flow_runs_through_the_api_on_the_destination_s_data_alone(string name)
    {
        var folder = name == Reunion ? ReunionFolder() : Path.Combine(SampleDestinations.Folder, name);
        try
        {
            await RunFlowAsync(folder);
        }
        finally
        {
            if (name == Reunion)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task RunFlowAsync(string folder)
    {
        using var app = SaisonApp.Create(settings: new Dictionary<string, string?> { ["Saison:Destination"] = folder });
        var destination = app.Services.GetRequiredService<Destination>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(destination.TimeZoneId);
        var cell = app.ClientAs("ProjectCell", "cellule");

        // The season: the destination's city and zone; health says which destination runs.
        var health = await app.Anonymous().GetJsonAsync("/api/health");
        Assert.Equal(destination.Name, health.GetProperty("destination").GetString());
        var season = await cell.GetJsonAsync(Season);
        Assert.Equal(destination.Name, season.GetProperty("city").GetString());
        Assert.Equal(destination.TimeZoneId, season.GetProperty("timeZoneId").GetString());
        var theme = season.GetProperty("tonality").GetProperty("themes")[0];

        // Its own organisers, sites, catalogue and staff, read back through the API.
        var organiser = (await cell.GetJsonAsync(Season + "/organisers")).EnumerateArray().First(o => o.GetProperty("kind").GetString() == "association").GetProperty("id").GetString()!;
        var site = (await cell.GetJsonAsync(Season + "/sites")).EnumerateArray().First();
        Assert.True(destination.HasSiteKind(site.GetProperty("kind").GetString()!));
        var technicianOfAll = app.ClientAs("Admin", "admin");
        var policy = await technicianOfAll.GetJsonAsync(Season + "/catalog/policy");
        var itemId = policy.GetProperty("serviceLevels").EnumerateArray().First(l => l.GetProperty("organiserKind").GetString() == "association").GetProperty("allowances")[0].GetProperty("itemId").GetString()!;

        // An event proposed by an association, with its reverse plan on the destination's working days.
        var asso = app.ClientAs("Organiser", organiser);
        var start = new DateTime(2027, 7, 20, 18, 0, 0);
        var ev = await (await asso.SendJsonAsync(HttpMethod.Post, Season + "/events", new
        {
            title = "Animation de test",
            kind = "animation",
            themes = new[] { theme.GetProperty("id").GetString() },
            siteId = site.GetProperty("id").GetString(),
            start = Local(start, zone),
            end = Local(start.AddHours(3), zone),
            expectedAttendance = 100,
            size = "small",
        })).OkJsonAsync();
        var eventId = ev.GetProperty("id").GetString()!;
        var plan = await cell.GetJsonAsync($"{Season}/plan/events/{eventId}");
        var milestones = plan.GetProperty("milestones").EnumerateArray().ToList();
        Assert.NotEmpty(milestones);
        Assert.All(milestones, m => Assert.True(destination.WorkingDays.IsWorkingDay(DateOnly.Parse(m.GetProperty("due").GetString()!, CultureInfo.InvariantCulture)), m.ToString()));
        var (_, eventTag) = await cell.GetWithETagAsync($"{Season}/events/{eventId}");
        (await cell.SendJsonAsync(HttpMethod.Post, $"{Season}/events/{eventId}/agenda", new { decision = "in" }, eventTag)).EnsureSuccessStatusCode();

        // A logistics request, granted (fast procedure, else by the item's service), then the crews' schedule.
        var submitted = await asso.SendJsonAsync(HttpMethod.Post, Season + "/requests", new { eventId, submit = true, lines = new[] { new { itemId, quantity = 1 } } });
        var request = await submitted.OkJsonAsync();
        if (request.GetProperty("status").GetString() != "approved")
        {
            var decided = await technicianOfAll.SendJsonAsync(HttpMethod.Post, $"{Season}/requests/{request.GetProperty("id").GetString()}/decisions", new { lines = new[] { new { lineId = request.GetProperty("lines")[0].GetProperty("lineId").GetString(), decision = "approve" } } }, SeasonApi.ETagOf(submitted));
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        }

        var planned = await technicianOfAll.SendJsonAsync(HttpMethod.Post, Season + "/crews/schedule", null);
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, (await technicianOfAll.GetJsonAsync(Season + "/crews/schedule")).GetProperty("tasks").ValueKind);

        // Leave: a day off asked and approved by the team's manager; the destination's own holiday is no working day.
        var team = (await cell.GetJsonAsync(Season + "/staff/teams")).EnumerateArray().First(t => t.GetProperty("managerIds").GetArrayLength() > 0);
        var teamId = team.GetProperty("id").GetString()!;
        var agentId = (await cell.GetJsonAsync(Season + "/staff/agents")).EnumerateArray().First(a => a.GetProperty("teamId").GetString() == teamId).GetProperty("id").GetString()!;
        var manager = app.ClientAs("Manager", team.GetProperty("managerIds")[0].GetString()!, [teamId]);
        var day = destination.WorkingDays.NextOrSame(new DateOnly(2027, 3, 15)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var asked = await manager.SendJsonAsync(HttpMethod.Post, Season + "/leave", new { agentId, kind = "annualLeave", first = day, last = day });
        Assert.True(asked.StatusCode == HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
        var leaveId = (await asked.OkJsonAsync()).GetProperty("request").GetProperty("id").GetString()!;
        var approved = await manager.SendJsonAsync(HttpMethod.Post, $"{Season}/leave/{leaveId}/decision", new { decision = "approve" }, SeasonApi.ETagOf(asked));
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        var onAbolitionDay = await manager.SendJsonAsync(HttpMethod.Post, Season + "/leave", new { agentId, kind = "annualLeave", first = "2027-12-20", last = "2027-12-20" });
        if (destination.Holidays.IsPublicHoliday(new DateOnly(2027, 12, 20)))
        {
            Assert.Equal("no-working-day", (await onAbolitionDay.AssertProblemAsync(422)).GetProperty("reasons")[0].GetProperty("code").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Created, onAbolitionDay.StatusCode);
        }

        // Feeds: the public agenda carries the event in the destination's zone.
        var feed = await (await app.Anonymous().GetAsync(SeasonApi.Url("/calendars/agenda-2027.ics"))).Content.ReadAsStringAsync();
        Assert.Contains("Animation de test", feed, StringComparison.Ordinal);
        Assert.Contains("TZID:" + destination.TimeZoneId, feed, StringComparison.Ordinal);

        // COPIL: the dashboard and its CSV name the destination's themes and plan owners.
        var copil = app.ClientAs("Copil", "copil");
        var dashboard = await copil.GetJsonAsync(Season + "/copil");
        Assert.Contains(dashboard.GetProperty("themes").EnumerateArray(), t => t.GetProperty("name").GetString() == theme.GetProperty("name").GetString());
        var csv = await (await copil.GetAsync(SeasonApi.Url(Season + "/copil/plan.csv"))).Content.ReadAsStringAsync();
        Assert.Contains("L'organisateur", csv, StringComparison.Ordinal);

        // The 07:00 morning check runs once a day at 07:00 local time, whatever the zone's offset.
        var runner = app.Services.GetRequiredService<TimerRunner>();
        var check = app.Services.GetRequiredService<TimerFunctionRegistry>().Find("ReversePlanMorningCheck")!;
        var schedule = TimerSchedules.TryParse(check.Declaration.Schedule)!;
        var ran = new List<DateTimeOffset>();
        var from = new DateTime(2027, 7, 19, 12, 0, 0, DateTimeKind.Utc);
        for (var next = schedule.GetNextOccurrence(from); next < from.AddDays(1); next = schedule.GetNextOccurrence(next))
        {
            var result = await runner.RunAsync(check, new DateTimeOffset(next, TimeSpan.Zero), isPastDue: false);
            Assert.True(result.Succeeded, result.Error);
            if (!result.Skipped)
            {
                ran.Add(new DateTimeOffset(next, TimeSpan.Zero));
            }
        }

        var once = Assert.Single(ran);
        Assert.Equal(new TimeOnly(7, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(once, zone).DateTime));
    }

    private static string Local(DateTime local, TimeZoneInfo zone) =>
        new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// A destination of La Réunion for the tests: its <c>destination.json</c> (Indian/Reunion, France's holidays and
    /// 20 December) beside a copy of the La Rochelle sample's season, whose city and zone it then gives.
    /// </summary>
    private static string ReunionFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "saison-tests", Reunion + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(SampleDestinations.Folder, "la-rochelle-2027"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(RepositoryRoot.Path, "tests", "Saison.Functions.Tests", "Destinations", Reunion + ".destination.json"), Path.Combine(folder, "destination.json"), overwrite: true);
        var season = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "season.json")))!.AsObject();
        season.Remove("city");
        season.Remove("timeZoneId");
        File.WriteAllText(Path.Combine(folder, "season.json"), season.ToJsonString());
        return folder;
    }
}
