using Saison.Domain.Leave;
using static Saison.Domain.Tests.Leave.LeaveBuilders;

namespace Saison.Domain.Tests.Leave;

public sealed class AnnualisedProjectionTests
{
    [Fact]
    public void A_cycle_with_all_leave_taken_in_winter_lands_near_1607_hours()
    {
        var projection = AnnualisedProjection.Project(2027, Season, Weekdays, 42m, 31.5m, 25, [], []);
        Assert.False(projection.Warning, projection.Message);
        Assert.InRange(projection.Projected, 1593m, 1621m);
    }

    [Fact]
    public void Summer_leave_makes_the_plan_drift_and_warns()
    {
        // Three weeks in the peak at 8.4 h a day instead of 6.5 h in winter.
        var summer = Booking("a1", D(7, 19), D(8, 6));
        var projection = AnnualisedProjection.Project(2027, Season, Weekdays, 42m, 31.5m, 25 - summer.Days, [summer], []);
        var baseline = AnnualisedProjection.Project(2027, Season, Weekdays, 42m, 31.5m, 25, [], []);
        Assert.True(projection.Projected < baseline.Projected);
        Assert.True(projection.Warning, projection.Message);
        Assert.Contains("le plan dérive", projection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crew_tasks_on_days_off_add_their_hours()
    {
        var sunday = new AgentTask("t1", "Feu d'artifice", "ev-2", D(7, 18), D(7, 18), 6);
        var with = AnnualisedProjection.Project(2027, Season, Weekdays, 42m, 31.5m, 25, [], [sunday]);
        var without = AnnualisedProjection.Project(2027, Season, Weekdays, 42m, 31.5m, 25, [], []);
        Assert.Equal(6m, with.Projected - without.Projected);
    }
}
