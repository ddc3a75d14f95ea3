using Saison.Application.Outcomes;
using Saison.Application.Contracts;
using Saison.Application.Crews;
using Saison.Application.Logistics;
using Saison.Domain.Crews;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;
using Saison.Domain.Staff;
using static Saison.Application.Tests.Logistics.LogisticsWorld;

namespace Saison.Application.Tests.Logistics;

public sealed class CrewSchedulesTests : IDisposable
{
    private readonly LogisticsWorld _world = new();

    public void Dispose() => _world.Dispose();

    private async Task CrewAsync(params (string Agent, string Skill)[] members)
    {
        foreach (var (agent, skill) in members)
        {
            _world.Staff.Agents.Add(new Agent(agent, "Agent " + agent, "team-1", "logistique-evenementielle", [skill], WorkCycleKind.Weekly, 35m));
        }

        await _world.CrewStore.UpsertCrewAsync(2027, new Crew("equipe", "Équipe", "logistique-evenementielle", [.. members.Select(m => new CrewMemberRecord(m.Agent, []))]));
    }

    [Fact]
    public async Task Approved_lines_become_assigned_tasks_and_leave_is_respected()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        await CrewAsync(("a1", "manutention"), ("a2", "manutention"));
        _world.Availability.Absences.Add(new Absence("a1", "team-1", At(7, 1), At(7, 31)));
        await _world.SubmitAsync(_world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14)), "chaises", 80);

        var plan = await _world.Crews.PlanAsync(Technician, 2027);

        Assert.True(plan.IsSuccess);
        Assert.Equal(2, plan.Value!.Tasks.Count); // setup and teardown
        Assert.All(plan.Value.Tasks, t => Assert.Equal("a2", t.AgentId));
        Assert.Empty(plan.Value.Unstaffed);
        var drafts = await _world.Crews.ListAsync(2027, new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 31));
        Assert.All(drafts, d => Assert.False(d.Published));
        Assert.Equal(2, drafts.Count);
        Assert.Equal(2, (await _world.Crews.ListAsync(2027, DateOnly.MinValue, DateOnly.MaxValue)).Count);
        Assert.Single(await _world.Crews.ListAsync(2027, new DateOnly(2027, 7, 15), new DateOnly(2027, 7, 15)));
        Assert.Empty(await _world.Crews.ListAsync(2027, new DateOnly(2027, 8, 1), new DateOnly(2027, 8, 31)));
    }

    [Fact]
    public async Task Lines_whose_event_moved_without_them_follow_it_before_their_tasks_are_planned()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        await CrewAsync(("a1", "manutention"));
        var ev = _world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14));
        var request = await _world.SubmitAsync(ev, "chaises", 80);
        Assert.Equal(RequestStatus.Approved, request.Status);

        // The event moved a week later and the process died before its requests followed (their own transaction).
        _world.Events.Put(ev with { Start = ev.Start.AddDays(7), End = ev.End.AddDays(7) });
        var plan = await _world.Crews.PlanAsync(Technician, 2027);

        Assert.All(plan.Value!.Tasks, t => Assert.True(t.Start >= At(7, 20), t.Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        var followed = await _world.GetAsync(request.Id);
        Assert.Equal(request.Lines[0].Delivery.AddDays(7), followed.Lines[0].Delivery);
        Assert.Equal("event-changed", followed.History[^1].Action);
        Assert.Equal(RequestStatus.Approved, followed.Status);
    }

    [Fact]
    public async Task A_task_without_anyone_skilled_is_reported_and_publishing_shows_assignments_to_leave()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.AddItemAsync("coffrets", 10, skill: "electricite");
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100), ("coffrets", 2)));
        await CrewAsync(("a1", "manutention"));
        var ev = _world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14));
        await _world.SubmitAsync(ev, "chaises", 80);
        await _world.SubmitAsync(ev, "coffrets", 1);

        var plan = await _world.Crews.PlanAsync(Technician, 2027);
        Assert.All(plan.Value!.Unstaffed, u => Assert.Equal("no-skill", u.Reasons.Single().Code));
        Assert.Equal(2, plan.Value.Unstaffed.Count);

        var published = await _world.Crews.PublishAsync(Technician, 2027, plan.ETag!.Value);
        Assert.True(published.Value!.UpToDateWithPublished);
        var assigned = await _world.Crews.ListAsync(2027, new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 31));
        Assert.Equal(2, assigned.Count);
        Assert.All(assigned, a => Assert.True(a.Published));

        // Re-planning after a new absence moves nothing that still holds, and reports what it cannot staff.
        _world.Availability.Absences.Add(new Absence("a1", "team-1", At(7, 13), At(7, 14)));
        var again = await _world.Crews.PlanAsync(Technician, 2027);
        Assert.Equal(1, again.Value!.Kept);
        Assert.Equal(1, again.Value.Moved);
        Assert.Contains(again.Value.Unstaffed, u => u.Kind == CrewTaskKind.Setup && u.Reasons.Single().Code == "all-absent");
    }

    [Fact]
    public async Task A_plan_is_switched_to_whole_and_only_the_plans_nobody_points_to_are_deleted()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        await CrewAsync(("a1", "manutention"), ("a2", "manutention"));
        await _world.SubmitAsync(_world.AddEvent("fete", OrganiserKind.Association, false, At(7, 14, 14)), "chaises", 80);

        var first = await _world.Crews.PlanAsync(Technician, 2027);
        await _world.Crews.PublishAsync(Technician, 2027, first.ETag!.Value);

        // A plan killed after writing part of its tasks leaves a generation no head points to.
        var orphan = new ScheduleGeneration("orphan", 2, At(3, 1));
        await _world.CrewStore.WriteGenerationAsync(2027, orphan, [new ScheduledTaskRecord(new CrewTask("t", "r", "l1", null, "Tâche", CrewTaskKind.Setup, "manutention", At(7, 14, 8), At(7, 14, 9), PriorityClass.Other), "a1", "equipe", null)]);

        var second = await _world.Crews.PlanAsync(Technician, 2027);
        var third = await _world.Crews.PlanAsync(Technician, 2027);

        // Kept: the published plan (first) and the current one (third); the second and the orphan are gone.
        var head = (await _world.CrewStore.GetHeadAsync(2027))!.Value;
        Assert.Equal(3, head.Version);
        var markers = await _world.CrewStore.Generations.ListAsync("2027", CrewStore.GenerationPrefix);
        Assert.Equal(new[] { head.Generation, head.PublishedGeneration! }.Order(StringComparer.Ordinal), markers.Select(m => m.Value.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await _world.CrewStore.ReadGenerationAsync(2027, "orphan"));
        Assert.Equal(2, (await _world.CrewStore.ReadGenerationAsync(2027, head.PublishedGeneration!)).Count);
        Assert.Equal(second.Value!.Tasks.Select(t => t.TaskId), third.Value!.Tasks.Select(t => t.TaskId));
        Assert.All(third.Value.Tasks, t => Assert.True(t.Published));

        // A stale ETag does not publish; the current one does, and the older published plan is deleted.
        Assert.Equal(OutcomeKind.PreconditionFailed, (await _world.Crews.PublishAsync(Technician, 2027, second.ETag!.Value)).Kind);
        Assert.True((await _world.Crews.PublishAsync(Technician, 2027, third.ETag!.Value)).IsSuccess);
        Assert.Single(await _world.CrewStore.Generations.ListAsync("2027", CrewStore.GenerationPrefix));
    }

    [Fact]
    public async Task Two_plans_at_once_both_answer_and_the_head_points_to_one_whole_plan()
    {
        await _world.AddItemAsync("chaises", 500);
        await _world.SetPolicyAsync(Standard(OrganiserKind.Association, ("chaises", 100)));
        await CrewAsync(("a1", "manutention"), ("a2", "manutention"));
        for (var day = 1; day <= 20; day++)
        {
            await _world.SubmitAsync(_world.AddEvent("fete-" + day, OrganiserKind.Association, false, At(7, day, 14)), "chaises", 80);
        }

        var plans = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _world.Crews.PlanAsync(Technician, 2027)));

        Assert.All(plans, p => Assert.True(p.IsSuccess, p.Detail));
        var schedule = await _world.Crews.GetScheduleAsync(2027);
        Assert.Equal(40, schedule.Value!.Tasks.Count + schedule.Value.Unstaffed.Count);
        Assert.Equal(4, schedule.Value.Version);
    }
}
