using System.Globalization;
using System.Net;
using System.Text.Json;
using Saison.Domain.Crews;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Leave;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

/// <summary>The crew schedule through the API: agents from the staff area, approved leave from the leave area, tasks from approved lines.</summary>
public sealed class CrewScheduleScenarioTests : IClassFixture<LeaveTestApp>
{
    private readonly LeaveTestApp _app;
    private readonly LogisticsApi _api;

    public CrewScheduleScenarioTests(LeaveTestApp app)
    {
        _app = app;
        _api = new LogisticsApi(app);
    }

    [Fact]
    public async Task Stage_managers_of_an_all_day_event_are_present_within_its_sites_opening_hours()
    {
        // A site open 10:00–18:30, a two-day event on whole days there, a stage manager asked.
        var siteId = Unique("site").ToLowerInvariant();
        var site = await _api.ProjectCell.SendJsonAsync(HttpMethod.Put, $"{Base}/sites/{siteId}", new { name = "Jardin des expositions", kind = "park", capacity = 800, opening = new { opens = "10:00", closes = "18:30" } });
        Assert.True(site.IsSuccessStatusCode, await site.Content.ReadAsStringAsync());
        var created = await (await _api.Organiser("ville-animation").SendJsonAsync(HttpMethod.Post, Base + "/events", new
        {
            title = "Salon nautique (test)",
            kind = "animation",
            themes = new[] { "balneaire" },
            siteId,
            firstDay = "2027-07-21",
            lastDay = "2027-07-22",
            expectedAttendance = 300,
            size = "small",
        })).OkJsonAsync();
        var eventId = created.GetProperty("id").GetString()!;
        var manager = await _api.ItemAsync(capacity: 5, skill: "regie-plateau-test", kind: "service", presence: true, setupMinutes: 0);
        await _api.ApproveAsync((await _api.SubmitAsync("ville-animation", eventId, manager, 1)).GetProperty("id").GetString()!);

        var schedule = await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).OkJsonAsync();
        var presence = schedule.GetProperty("tasks").EnumerateArray()
            .Concat(schedule.GetProperty("unstaffed").EnumerateArray())
            .Where(t => t.GetProperty("kind").GetString() == "presence" && t.GetProperty("eventId").GetString() == eventId)
            .Select(t => (Start: t.GetProperty("start").GetDateTimeOffset(), End: t.GetProperty("end").GetDateTimeOffset()))
            .OrderBy(t => t.Start)
            .ToList();

        Assert.Equal(2, presence.Select(t => t.Start.Date).Distinct().Count());
        Assert.All(presence, t =>
        {
            Assert.True(t.Start.TimeOfDay >= new TimeSpan(10, 0, 0) && t.End.TimeOfDay <= new TimeSpan(18, 30, 0), $"{t.Start:O} → {t.End:O}");
            Assert.Equal(TimeSpan.FromHours(2), t.Start.Offset);
        });
        Assert.Equal(TimeSpan.FromHours(17), presence.Aggregate(TimeSpan.Zero, (sum, t) => sum + (t.End - t.Start)));
    }

    [Fact]
    public async Task The_schedule_respects_every_guarantee_never_uses_approved_leave_and_reports_what_it_cannot_staff()
    {
        // Four riggers; the first is on approved annual leave from Monday 5 to Friday 9 July.
        var team = await LeaveScenario.CreateAsync(_app, 4, skills: ["montage-test"]);
        await team.ApproveAsync(0, "annualLeave", new DateOnly(2027, 7, 5), new DateOnly(2027, 7, 9));
        var crew = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews", new
        {
            id = "equipe-test",
            name = "Équipe de montage (test)",
            serviceId = "regie",
            members = team.Agents.Select(a => new { agentId = a, skills = Array.Empty<string>() }),
        });
        Assert.Equal(HttpStatusCode.Created, crew.StatusCode);

        // A stage every day of the week: 2 riggers × 8 h the day before and the day after each event.
        var stage = await _api.ItemAsync(capacity: 10, skill: "montage-test", setupMinutes: 960, unitsPerAgent: 1, deliveryBeforeHours: 24, pickupAfterHours: 24);
        var welding = await _api.ItemAsync(capacity: 10, skill: "soudure-test");
        for (var day = 5; day <= 11; day++)
        {
            var date = string.Create(CultureInfo.InvariantCulture, $"2027-07-{day:00}");
            var eventId = await _api.EventAsync("ville-animation", date + "T10:00:00+02:00", date + "T18:00:00+02:00", agenda: day % 2 == 0);
            await _api.ApproveAsync((await _api.SubmitAsync("ville-animation", eventId, stage, 2)).GetProperty("id").GetString()!);
            if (day == 8)
            {
                await _api.ApproveAsync((await _api.SubmitAsync("ville-animation", eventId, welding, 1)).GetProperty("id").GetString()!);
            }
        }

        var planned = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null);
        var schedule = await planned.OkJsonAsync();
        var tasks = schedule.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("crewId").GetString() == "equipe-test").ToList();
        var unstaffed = schedule.GetProperty("unstaffed").EnumerateArray().ToList();
        Assert.NotEmpty(tasks);

        // Every guarantee, for every agent, over the whole schedule.
        foreach (var agent in tasks.GroupBy(t => t.GetProperty("agentId").GetString()!))
        {
            var work = agent.Select(t => (t.GetProperty("start").GetDateTimeOffset(), t.GetProperty("end").GetDateTimeOffset())).ToList();
            Assert.Empty(WorkingTimeRules.PublicService.Violations(work));
            Assert.All(agent, t => Assert.Equal("montage-test", t.GetProperty("skill").GetString()));
        }

        var onLeave = tasks.Where(t => t.GetProperty("agentId").GetString() == team.Agents[0]).ToList();
        Assert.DoesNotContain(onLeave, t => t.GetProperty("start").GetDateTimeOffset() < new DateTimeOffset(2027, 7, 10, 0, 0, 0, TimeSpan.FromHours(2)) && t.GetProperty("end").GetDateTimeOffset() > new DateTimeOffset(2027, 7, 5, 0, 0, 0, TimeSpan.FromHours(2)));

        // Unstaffable tasks are reported with why: nobody has the skill; riggers away or at their limits.
        Assert.Contains(unstaffed, u => u.GetProperty("skill").GetString() == "soudure-test" && Codes(u.GetProperty("reasons")).Single() == "no-skill");
        var rigging = unstaffed.Where(u => u.GetProperty("skill").GetString() == "montage-test").ToList();
        Assert.NotEmpty(rigging);
        Assert.All(rigging, u => Assert.NotEmpty(u.GetProperty("reasons").EnumerateArray()));
        Assert.Contains(rigging.SelectMany(u => Codes(u.GetProperty("reasons"))), c => c == "absent");

        // Agenda tasks first: no agenda task is left unstaffed while a non-agenda task of the same day is staffed.
        Assert.All(rigging.Where(u => u.GetProperty("priority").GetString() == "tourismAgenda"), u =>
            Assert.DoesNotContain(tasks, t => t.GetProperty("priority").GetString() != "tourismAgenda" && t.GetProperty("start").GetDateTimeOffset() == u.GetProperty("start").GetDateTimeOffset()));

        // Publish; agents read their own schedule; re-planning without change moves nothing.
        var published = await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule/publish", null, SeasonApi.ETagOf(planned))).OkJsonAsync();
        Assert.True(published.GetProperty("upToDateWithPublished").GetBoolean());
        var agentId = tasks[0].GetProperty("agentId").GetString()!;
        var own = await _app.ClientAs("Agent", agentId, [agentId]).GetJsonAsync($"{Base}/crews/agents/{agentId}/schedule");
        Assert.All(own.GetProperty("tasks").EnumerateArray(), t => Assert.Equal(agentId, t.GetProperty("agentId").GetString()));
        Assert.All(own.GetProperty("tasks").EnumerateArray(), t => Assert.True(t.GetProperty("published").GetBoolean()));
        await (await _app.ClientAs("Agent", "someone-else", ["someone-else"]).GetAsync(new Uri($"{Base}/crews/agents/{agentId}/schedule", UriKind.Relative))).AssertProblemAsync(403);
        var crewView = await _api.Technician.GetJsonAsync($"{Base}/crews/equipe-test/schedule");
        Assert.Equal(tasks.Count, crewView.GetProperty("tasks").GetArrayLength());

        var again = await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).OkJsonAsync();
        Assert.Equal(0, again.GetProperty("moved").GetInt32());
        Assert.Equal(schedule.GetProperty("tasks").GetArrayLength(), again.GetProperty("kept").GetInt32());
    }
}
