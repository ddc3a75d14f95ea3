using Saison.Domain.Crews;
using Saison.Domain.Logistics;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Crews;

public sealed class CrewTaskPlannerTests
{
    [Fact]
    public void Equipment_brings_setup_from_delivery_and_teardown_up_to_pickup()
    {
        var line = new ApprovedLine("req", "l1", "evt", "Fête du port", PriorityClass.TourismAgenda, Barriers(), 100, At(7, 12, 8), At(7, 15, 10), At(7, 13, 10), At(7, 14, 23));
        var tasks = CrewTaskPlanner.TasksFor(line);

        var setups = tasks.Where(t => t.Kind == CrewTaskKind.Setup).ToList();
        var teardowns = tasks.Where(t => t.Kind == CrewTaskKind.Teardown).ToList();
        Assert.Equal(2, setups.Count); // 100 barriers, 50 per agent
        Assert.All(setups, t => Assert.Equal(At(7, 12, 8), t.Start));
        Assert.All(teardowns, t => Assert.Equal(At(7, 15, 10), t.End));
        Assert.All(tasks, t => Assert.Equal("manutention", t.Skill));
        Assert.All(tasks, t => Assert.Equal(PriorityClass.TourismAgenda, t.Priority));
    }

    [Fact]
    public void Stage_managers_are_present_over_the_event_in_shifts_no_longer_than_eight_hours()
    {
        var line = new ApprovedLine("req", "l2", "evt", "Fête du port", PriorityClass.City, StageManagers(), 2, At(7, 13, 8), At(7, 13, 23), At(7, 13, 10), At(7, 13, 22));
        var tasks = CrewTaskPlanner.TasksFor(line);
        Assert.Equal(4, tasks.Count); // 12 h → two shifts of 6 h, two stage managers each
        Assert.All(tasks, t => Assert.Equal(TimeSpan.FromHours(6), t.Duration));
        Assert.Equal(At(7, 13, 10), tasks.Min(t => t.Start));
        Assert.Equal(At(7, 13, 22), tasks.Max(t => t.End));
    }
}
