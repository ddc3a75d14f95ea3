using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Application.Contracts;
using Saison.Functions.Tests.Infrastructure;
using static Saison.Functions.Tests.Leave.LeaveScenario;

namespace Saison.Functions.Tests.Leave;

public sealed class LeaveDecisionTests : IClassFixture<LeaveTestApp>
{
    private readonly LeaveTestApp _app;

    public LeaveDecisionTests(LeaveTestApp app) => _app = app;

    private DateOnly PeakMonday => MondayFrom(_app.Season.Peaks[0].First.AddDays(14));

    [Fact]
    public async Task Overriding_a_failed_rule_needs_a_written_justification_which_is_audited()
    {
        var team = await CreateAsync(_app, 3, new { maxSimultaneousAbsences = new { count = 1 } });
        await team.ApproveAsync(0, "annualLeave", PeakMonday, PeakMonday.AddDays(4));
        var (id, etag, _) = await team.AskAndCheckAsync(1, "annualLeave", PeakMonday.AddDays(2), PeakMonday.AddDays(2));

        var without = await team.DecideAsync(team.Manager, id, etag, approve: true);
        var problem = await without.AssertProblemAsync(409);
        Assert.Contains("justification", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("2 agents seraient absents", problem.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var tooShort = await team.DecideAsync(team.Manager, id, etag, approve: true, justification: "ok");
        Assert.Equal("justification", (await tooShort.AssertProblemAsync(400)).GetProperty("field").GetString());

        const string justification = "Mariage de sa sœur, renfort assuré par l'équipe voirie-interventions.";
        var approved = await team.DecideAsync(team.Manager, id, etag, approve: true, justification);
        var view = await approved.ReadAsync<JsonElement>();
        var decision = view.GetProperty("request").GetProperty("decision");
        Assert.Equal(justification, decision.GetProperty("overrideJustification").GetString());
        Assert.Equal("max-simultaneous-absences", decision.GetProperty("overriddenRules")[0].GetString());

        var audit = await _app.ClientAs("Admin").GetAsync(new Uri("/api/audit?month=2027-03", UriKind.Relative));
        var entries = await audit.ReadAsync<JsonElement>();
        var entry = entries.EnumerateArray().Single(e => e.GetProperty("target").GetString()!.EndsWith(id, StringComparison.Ordinal) && e.GetProperty("action").GetString() == "leave.request.approve-override");
        Assert.Equal(justification, entry.GetProperty("justification").GetString());
        Assert.Equal("resp-" + team.TeamId, entry.GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task Two_managers_approving_the_last_free_slot_at_once_one_wins_the_other_gets_409()
    {
        var team = await CreateAsync(_app, 3, new { minimums = new[] { new { count = 2 } } });
        var day = PeakMonday.AddDays(1);
        var first = await team.AskAndCheckAsync(0, "annualLeave", day, day);
        var second = await team.AskAndCheckAsync(1, "annualLeave", day, day);
        var managerA = _app.ClientAs("Manager", "resp-a-" + team.TeamId, [team.TeamId]);
        var managerB = _app.ClientAs("Manager", "resp-b-" + team.TeamId, [team.TeamId]);

        var responses = await Task.WhenAll(team.DecideAsync(managerA, first.Id, first.ETag, true), team.DecideAsync(managerB, second.Id, second.ETag, true));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.AssertProblemAsync(409);
        Assert.Contains($"Le {day:dd/MM/yyyy}, 1 agent resterait présent", problem.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var coverage = await team.Manager.GetFromJsonAsync<JsonElement>(Url($"/coverage?teamId={team.TeamId}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"));
        Assert.Equal(2, coverage.GetProperty("teams")[0].GetProperty("days")[0].GetProperty("onDuty").GetInt32());
    }

    [Fact]
    public async Task A_conflict_with_an_assigned_crew_task_is_shown_before_the_decision()
    {
        var skill = "montage-" + Guid.NewGuid().ToString("N")[..8];
        var team = await CreateAsync(_app, 3, skills: [skill]);
        var (eventId, tasks) = await CrewTasks.PlanAsync(_app, team, skill, PeakMonday.AddDays(2), agenda: false);
        var task = tasks[0];
        var agent = team.Agents.ToList().IndexOf(task.GetProperty("agentId").GetString()!);
        var day = CrewTasks.LocalDay(task);

        var (id, _, _) = await team.AskAndCheckAsync(agent, "annualLeave", day, day);
        var view = await (await team.Manager.GetAsync(Url($"/leave/{id}"))).ReadAsync<JsonElement>();
        var conflict = Assert.Single(view.GetProperty("evaluation").GetProperty("conflicts").EnumerateArray());
        Assert.Equal(eventId, conflict.GetProperty("eventId").GetString());
        Assert.Equal(task.GetProperty("title").GetString(), conflict.GetProperty("title").GetString());
        Assert.Equal(day, DateOnly.Parse(conflict.GetProperty("first").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_request_inside_a_blackout_window_derived_from_the_agenda_is_refused()
    {
        var skill = "montage-" + Guid.NewGuid().ToString("N")[..8];
        var team = await CreateAsync(_app, 4, new { derivedBlackoutMarginDays = 1 }, skills: [skill]);
        var eventDay = PeakMonday.AddDays(9);
        var (_, tasks) = await CrewTasks.PlanAsync(_app, team, skill, eventDay, agenda: true);
        var busy = tasks.Select(t => t.GetProperty("agentId").GetString()).ToHashSet();
        var free = team.Agents.ToList().FindIndex(a => !busy.Contains(a));

        // An agent without a task, the day before the agenda event: inside the one-day margin.
        var (id, etag, view) = await team.AskAndCheckAsync(free, "annualLeave", eventDay.AddDays(-1), eventDay.AddDays(-1));
        var blackout = view.GetProperty("evaluation").GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("rule").GetString() == "blackout");
        Assert.False(blackout.GetProperty("passed").GetBoolean());
        Assert.Contains("agenda de l'été", blackout.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        await (await team.DecideAsync(team.Manager, id, etag, true)).AssertProblemAsync(409);

        // Two days before, outside the window: accepted.
        var before = await team.ApproveAsync(free, "annualLeave", eventDay.AddDays(-2), eventDay.AddDays(-2));
        Assert.Equal("approved", before.GetProperty("request").GetProperty("status").GetString());

        var coverage = await team.Manager.GetFromJsonAsync<JsonElement>(Url($"/coverage?teamId={team.TeamId}&from={eventDay.AddDays(-2):yyyy-MM-dd}&to={eventDay:yyyy-MM-dd}"));
        var days = coverage.GetProperty("teams")[0].GetProperty("days");
        Assert.False(days[0].GetProperty("blackout").GetBoolean());
        Assert.True(days[1].GetProperty("blackout").GetBoolean());
        Assert.True(days[2].GetProperty("blackout").GetBoolean());
    }

    [Fact]
    public async Task An_event_outside_the_agenda_derives_no_blackout_window()
    {
        var skill = "montage-" + Guid.NewGuid().ToString("N")[..8];
        var team = await CreateAsync(_app, 4, new { derivedBlackoutMarginDays = 1 }, skills: [skill]);
        var eventDay = PeakMonday.AddDays(16);
        var (_, tasks) = await CrewTasks.PlanAsync(_app, team, skill, eventDay, agenda: false);
        var busy = tasks.Select(t => t.GetProperty("agentId").GetString()).ToHashSet();
        var free = team.Agents.ToList().FindIndex(a => !busy.Contains(a));
        var (_, _, view) = await team.AskAndCheckAsync(free, "annualLeave", eventDay.AddDays(-1), eventDay.AddDays(-1));
        Assert.True(view.GetProperty("evaluation").GetProperty("passed").GetBoolean());
    }
}
