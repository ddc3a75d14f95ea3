using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Saison.Application.Contracts;
using Saison.Functions.Tests.Infrastructure;
using static Saison.Functions.Tests.Leave.LeaveScenario;

namespace Saison.Functions.Tests.Leave;

public sealed class AgentAvailabilityTests : IClassFixture<LeaveTestApp>
{
    private readonly LeaveTestApp _app;

    public AgentAvailabilityTests(LeaveTestApp app) => _app = app;

    [Fact]
    public async Task Approved_leave_becomes_an_absence_for_crews_in_local_time_with_half_days()
    {
        var team = await CreateAsync(_app, 2);
        var monday = MondayFrom(_app.Season.Peaks[0].First.AddDays(14));
        var asked = await team.AskAsync(team.Manager, 0, "annualLeave", monday, monday.AddDays(1), startsAfternoon: true);
        var view = await asked.ReadAsync<JsonElement>();
        var availability = _app.Services.GetRequiredService<IAgentAvailability>();
        Assert.DoesNotContain(await availability.ListAbsencesAsync(2027, monday, monday.AddDays(6)), a => a.AgentId == team.Agents[0]);

        (await team.DecideAsync(team.Manager, view.GetProperty("request").GetProperty("id").GetString()!, asked.Headers.ETag!.ToString(), true)).EnsureSuccessStatusCode();

        var absence = Assert.Single(await availability.ListAbsencesAsync(2027, monday, monday.AddDays(6)), a => a.AgentId == team.Agents[0]);
        Assert.Equal(team.TeamId, absence.TeamId);
        Assert.Equal(new DateTimeOffset(monday.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(2)), absence.Start);
        Assert.Equal(new DateTimeOffset(monday.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2)), absence.End);
        Assert.Empty(await availability.ListAbsencesAsync(2027, monday.AddDays(3), monday.AddDays(6)));
    }

    [Fact]
    public async Task Sample_teams_have_presence_rules()
    {
        var rules = await _app.ClientAs("Technician", "regie").GetFromJsonAsync<JsonElement>(Url("/leave/rules/pm-brigade-jour"));
        Assert.True(rules.GetProperty("recoveryBlockedDuringPeak").GetBoolean());
        Assert.Equal(14, rules.GetProperty("maxContinuousSummerLeaveDays").GetInt32());
    }
}
