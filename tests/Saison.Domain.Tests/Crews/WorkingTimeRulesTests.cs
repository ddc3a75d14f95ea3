using Saison.Domain.Crews;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Crews;

public sealed class WorkingTimeRulesTests
{
    private static readonly WorkingTimeRules Rules = WorkingTimeRules.PublicService;

    [Fact]
    public void A_normal_week_has_no_violation() =>
        Assert.Empty(Rules.Violations(Enumerable.Range(0, 5).Select(d => (At(7, 12, 8).AddDays(d), At(7, 12, 17).AddDays(d)))));

    [Fact]
    public void Each_guarantee_is_named_when_broken()
    {
        Assert.Contains(Rules.Violations([(At(7, 12, 6), At(7, 12, 17))]), r => r.Code == "daily-max");
        Assert.Contains(Rules.Violations([(At(7, 12, 14), At(7, 12, 22)), (At(7, 13, 6), At(7, 13, 9))]), r => r.Code == "daily-rest");
        Assert.Contains(Rules.Violations(Enumerable.Range(0, 6).Select(d => (At(7, 12, 8).AddDays(d), At(7, 12, 17).AddDays(d)))), r => r.Code == "weekly-max");
        Assert.Contains(Rules.Violations(Enumerable.Range(0, 7).Select(d => (At(7, 12, 12).AddDays(d), At(7, 12, 15).AddDays(d)))), r => r.Code == "weekly-rest");
        Assert.Contains(Rules.Violations([(At(7, 12, 8), At(7, 12, 12)), (At(7, 12, 11), At(7, 12, 13))]), r => r.Code == "overlap");
    }

    [Fact]
    public void Work_past_midnight_counts_on_each_day()
    {
        var parts = WorkingTimeRules.SplitByDay(At(7, 13, 22), At(7, 14, 2)).ToList();
        Assert.Equal([(new DateOnly(2027, 7, 13), TimeSpan.FromHours(2)), (new DateOnly(2027, 7, 14), TimeSpan.FromHours(2))], parts);
    }
}
