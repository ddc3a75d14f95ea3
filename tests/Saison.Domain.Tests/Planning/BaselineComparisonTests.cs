using Saison.Domain.Tests.Destinations;
using Saison.Domain.Planning;
using static Saison.Domain.Tests.Planning.Templates;

namespace Saison.Domain.Tests.Planning;

public sealed class BaselineComparisonTests
{
    private static DateOnly D(int month, int day) => new(2027, month, day);

    [Fact]
    public void Compare_gives_each_milestone_its_slip_largest_first()
    {
        var before = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(3, 1), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var baseline = PlanBaseline.Freeze("b1", 2027, "Validation de l'agenda", D(3, 1), "Cellule", before.Milestones);
        var after = ReversePlanner.Generate(Small, 2027, "e1", D(6, 10), D(6, 10), D(3, 1), before, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var slips = BaselineComparison.Compare(baseline, after.Milestones, SampleRules.Working);
        Assert.Equal(4, slips.Count);
        Assert.All(slips, s => Assert.Equal(SlipKind.Later, s.Kind));
        var fiche = slips.Single(s => s.MilestoneId == "e1.fiche");
        Assert.Equal(D(5, 4), fiche.BaselineDue);
        Assert.Equal(D(5, 12), fiche.CurrentDue);
        Assert.Equal(5, fiche.SlipWorkingDays);
        Assert.Equal(8, fiche.SlipDays);
    }

    [Fact]
    public void Compare_reports_added_and_removed_milestones()
    {
        var plan = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(3, 1), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var baseline = new PlanBaseline("b1", 2027, "Réf", D(3, 1), "Cellule", [new BaselineEntry("gone.x", D(5, 1))]);
        var slips = BaselineComparison.Compare(baseline, plan.Milestones, SampleRules.Working);
        Assert.Equal(SlipKind.Removed, slips.Single(s => s.MilestoneId == "gone.x").Kind);
        Assert.Equal(4, slips.Count(s => s.Kind == SlipKind.Added));
    }
}
