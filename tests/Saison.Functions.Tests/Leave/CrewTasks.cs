using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Logistics;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Leave;

/// <summary>
/// Real crew tasks for a leave scenario, through the logistics API: a crew of the team's agents, an
/// item needing their (unique) skill, an event with a request for it, approved, and the schedule planned.
/// </summary>
internal static class CrewTasks
{
    /// <summary>Plans the tasks of an event on <paramref name="eventDay"/>; returns the event and the team's tasks (setup the day before, teardown the day after).</summary>
    public static async Task<(string EventId, IReadOnlyList<JsonElement> Tasks)> PlanAsync(LeaveTestApp app, LeaveScenario team, string skill, DateOnly eventDay, bool agenda)
    {
        ArgumentNullException.ThrowIfNull(team);
        var api = new LogisticsApi(app);
        var crewId = "crew-" + team.TeamId;
        var crew = await api.Technician.SendJsonAsync(HttpMethod.Post, LogisticsApi.Base + "/crews", new
        {
            id = crewId,
            name = "Équipe " + team.TeamId,
            serviceId = "regie",
            members = team.Agents.Select(a => new { agentId = a, skills = Array.Empty<string>() }),
        });
        Assert.Equal(HttpStatusCode.Created, crew.StatusCode);

        var item = await api.ItemAsync(capacity: 10, skill: skill, setupMinutes: 240, unitsPerAgent: 1, deliveryBeforeHours: 24, pickupAfterHours: 24);
        var day = eventDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var eventId = await api.EventAsync("ville-animation", day + "T10:00:00+02:00", day + "T18:00:00+02:00", agenda);
        await api.ApproveAsync((await api.SubmitAsync("ville-animation", eventId, item, 1)).GetProperty("id").GetString()!);

        var schedule = await (await api.Technician.SendJsonAsync(HttpMethod.Post, LogisticsApi.Base + "/crews/schedule", null)).OkJsonAsync();
        var tasks = schedule.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("crewId").GetString() == crewId).ToList();
        Assert.NotEmpty(tasks);
        return (eventId, tasks);
    }

    public static DateOnly LocalDay(JsonElement task) => DateOnly.FromDateTime(task.GetProperty("start").GetDateTimeOffset().DateTime);
}
