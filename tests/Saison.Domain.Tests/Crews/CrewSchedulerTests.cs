using Saison.Domain.Crews;
using Saison.Domain.Logistics;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Crews;

public sealed class CrewSchedulerTests
{
    private static CrewTask Task(string id, DateTimeOffset start, double hours, string skill = "regie", PriorityClass priority = PriorityClass.Other) =>
        new(id, "req", "l1", "evt", "Tâche " + id, CrewTaskKind.Presence, skill, start, start.AddHours(hours), priority);

    private static CrewMember Member(string id, params string[] skills) => new(id, "crew-regie", skills.Length > 0 ? skills.ToHashSet() : new HashSet<string> { "regie" });

    [Fact]
    public void Tasks_go_to_agents_with_the_skill()
    {
        var schedule = CrewScheduler.Plan([Task("t1", At(7, 13, 8), 4, "manutention")], [Member("a1"), Member("a2", "manutention")], []);
        Assert.Equal("a2", schedule.Assignments.Single().AgentId);
        Assert.Empty(schedule.Unstaffed);
    }

    [Fact]
    public void A_task_nobody_can_do_is_reported_with_no_skill()
    {
        var schedule = CrewScheduler.Plan([Task("t1", At(7, 13, 8), 4, "electricite")], [Member("a1")], []);
        Assert.Equal("no-skill", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void Approved_leave_is_never_overridden_and_everyone_away_is_reported()
    {
        var schedule = CrewScheduler.Plan(
            [Task("t1", At(7, 13, 8), 4)],
            [Member("a1"), Member("a2")],
            [new AgentAbsence("a1", At(7, 12), At(7, 19)), new AgentAbsence("a2", At(7, 13, 11), At(7, 14))]);
        Assert.Equal("all-absent", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void Agenda_tasks_are_staffed_first()
    {
        var other = Task("other", At(7, 13, 8), 6, priority: PriorityClass.Other);
        var agenda = Task("agenda", At(7, 13, 10), 6, priority: PriorityClass.TourismAgenda);
        var schedule = CrewScheduler.Plan([other, agenda], [Member("a1")], []);
        Assert.Equal("agenda", schedule.Assignments.Single().TaskId);
        Assert.Equal("busy", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void No_more_than_ten_hours_a_day()
    {
        var schedule = CrewScheduler.Plan([Task("morning", At(7, 13, 6), 6), Task("evening", At(7, 13, 14), 5)], [Member("a1")], []);
        Assert.Equal("daily-max", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void Eleven_hours_of_daily_rest()
    {
        // 14:00–22:00 then 06:00–10:00 the next day: 8 h of rest only.
        var schedule = CrewScheduler.Plan([Task("late", At(7, 13, 14), 8), Task("early", At(7, 14, 6), 4)], [Member("a1")], []);
        Assert.Equal("daily-rest", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void No_more_than_48_hours_a_week()
    {
        // Monday 12 July to Saturday 17 July 2027, 9 h a day: the sixth day would make 54 h.
        var tasks = Enumerable.Range(0, 6).Select(d => Task("d" + d, At(7, 12, 8).AddDays(d), 9)).ToList();
        var schedule = CrewScheduler.Plan(tasks, [Member("a1")], []);
        Assert.Equal(5, schedule.Assignments.Count);
        Assert.Equal("weekly-max", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void Thirty_five_hours_of_weekly_rest()
    {
        // Short shifts every day of the week: within 48 h, but never 35 h off in a row.
        var tasks = Enumerable.Range(0, 7).Select(d => Task("d" + d, At(7, 12, 12).AddDays(d), 3)).ToList();
        var schedule = CrewScheduler.Plan(tasks, [Member("a1")], []);
        Assert.Equal("weekly-rest", schedule.Unstaffed.Single().Reasons.Single().Code);
    }

    [Fact]
    public void Replanning_keeps_published_assignments_that_still_hold()
    {
        var tasks = Enumerable.Range(0, 6).Select(d => Task("t" + d, At(7, 12, 8).AddDays(d), 4)).ToList();
        var members = new[] { Member("a1"), Member("a2"), Member("a3") };
        var first = CrewScheduler.Plan(tasks, members, []);
        var published = first.Assignments.ToDictionary(a => a.TaskId, a => a.AgentId);

        // a2 goes on leave on one of their days: only their tasks in that window move.
        var a2Task = first.Assignments.First(a => a.AgentId == "a2");
        var day = tasks.Single(t => t.Id == a2Task.TaskId).Start;
        var second = CrewScheduler.Plan(tasks, members, [new AgentAbsence("a2", day.AddHours(-1), day.AddHours(6))], published);

        Assert.Equal(1, second.Moved);
        Assert.Equal(tasks.Count - 1, second.Kept);
        Assert.NotEqual("a2", second.Assignments.Single(a => a.TaskId == a2Task.TaskId).AgentId);
    }

    [Fact]
    public void A_busy_season_respects_every_guarantee_for_every_agent()
    {
        var random = new Random(11);
        var tasks = new List<CrewTask>();
        for (var i = 0; i < 1500; i++)
        {
            var start = At(6, 1, 6).AddDays(random.Next(0, 90)).AddMinutes(30 * random.Next(0, 28));
            tasks.Add(Task("t" + i, start, random.Next(1, 9), random.Next(0, 3) == 0 ? "manutention" : "regie", (PriorityClass)random.Next(0, 3)));
        }

        var members = Enumerable.Range(0, 30).Select(i => Member("a" + i, i % 3 == 0 ? ["regie", "manutention"] : ["regie"])).ToList();
        var absences = Enumerable.Range(0, 10).Select(i => new AgentAbsence("a" + i, At(7, 1).AddDays(i * 3), At(7, 1).AddDays((i * 3) + 10))).ToList();
        var schedule = CrewScheduler.Plan(tasks, members, absences);

        Assert.NotEmpty(schedule.Unstaffed);
        Assert.Equal(tasks.Count, schedule.Assignments.Count + schedule.Unstaffed.Count);
        var byId = tasks.ToDictionary(t => t.Id);
        foreach (var agent in schedule.Assignments.GroupBy(a => a.AgentId))
        {
            var work = agent.Select(a => (byId[a.TaskId].Start, byId[a.TaskId].End)).ToList();
            Assert.Empty(WorkingTimeRules.PublicService.Violations(work));
            Assert.DoesNotContain(work, w => absences.Any(x => x.AgentId == agent.Key && x.Start < w.End && w.Start < x.End));
            Assert.All(agent, a => Assert.Contains(byId[a.TaskId].Skill, members.Single(m => m.AgentId == agent.Key).Skills));
        }
    }
}
