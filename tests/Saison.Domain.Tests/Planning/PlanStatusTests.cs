using Saison.Domain.Tests.Destinations;
using Saison.Domain.Planning;
using static Saison.Domain.Tests.Planning.Templates;

namespace Saison.Domain.Tests.Planning;

public sealed class PlanStatusTests
{
    private static DateOnly D(int month, int day) => new(2027, month, day);

    private static EventPlan Plan(DateOnly earliest) => ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), earliest, null, DateTimeOffset.UnixEpoch, SampleRules.Working);

    [Fact]
    public void On_time_milestones_are_to_do_with_working_days_left()
    {
        var status = PlanStatus.Evaluate(Plan(D(3, 1)), D(5, 3), SampleRules.Working);
        Assert.Equal(MilestoneState.ToDo, status["fiche"].State);
        Assert.Equal(1, status["fiche"].WorkingDaysLeft);
    }

    [Fact]
    public void Past_due_and_open_is_late_and_its_successor_at_risk()
    {
        var status = PlanStatus.Evaluate(Plan(D(3, 1)), D(5, 5), SampleRules.Working);
        Assert.Equal(MilestoneState.Late, status["fiche"].State);
        Assert.Equal(MilestoneState.AtRisk, status["demande"].State);
        Assert.Equal("predecessor-late", status["demande"].Reasons[0].Code);
        Assert.Equal(MilestoneState.ToDo, status["reponse"].State);
    }

    [Fact]
    public void Compressed_milestones_and_their_successors_are_at_risk()
    {
        var status = PlanStatus.Evaluate(Plan(D(5, 24)), D(5, 24), SampleRules.Working);
        Assert.Equal(MilestoneState.AtRisk, status["fiche"].State);
        Assert.Equal("compressed", status["fiche"].Reasons[0].Code);
        Assert.Contains(status["demande"].Reasons, r => r.Code == "predecessor-compressed");
    }

    [Fact]
    public void Done_is_done_even_when_past_due()
    {
        var plan = Plan(D(3, 1));
        plan = plan.WithMilestones([.. plan.Milestones.Select(m => m.Key == "fiche" ? m.MarkDone(D(5, 6), "Asso") : m)], DateTimeOffset.UnixEpoch);
        var status = PlanStatus.Evaluate(plan, D(5, 10), SampleRules.Working);
        Assert.Equal(MilestoneState.Done, status["fiche"].State);
        Assert.Equal(MilestoneState.ToDo, status["demande"].State);
    }
}
