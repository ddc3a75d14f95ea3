using Saison.Domain.Events;
using Saison.Domain.Planning;
using static Saison.Domain.Tests.Planning.Templates;

namespace Saison.Domain.Tests.Planning;

public sealed class PlanTemplateRulesTests
{
    [Fact]
    public void Check_refuses_unknown_predecessors_duplicates_and_cycles()
    {
        Assert.Equal("unknown-predecessor", PlanTemplateRules.Check([M("a", -5, ("z", 1))]).Reasons[0].Code);
        Assert.Equal("duplicate-milestone", PlanTemplateRules.Check([M("a", -5), M("a", -3)]).Reasons[0].Code);
        Assert.Equal("cycle", PlanTemplateRules.Check([M("a", -5, ("b", 1)), M("b", -3, ("a", 1))]).Reasons[0].Code);
        Assert.Equal("template-empty", PlanTemplateRules.Check([]).Reasons[0].Code);
    }

    [Fact]
    public void TopologicalOrder_puts_predecessors_first()
    {
        var order = PlanTemplateRules.TopologicalOrder([M("late", -30, ("early", 1)), M("early", -10)]);
        Assert.Equal(["early", "late"], order!.Select(m => m.Key));
    }

    [Fact]
    public void Choose_prefers_kind_over_size_over_any_and_never_the_season_template()
    {
        var any = new PlanTemplate("any", "Tout", [], [], [M("a", -1)]);
        var small = new PlanTemplate("small", "Petit", [], [SizeClass.Small], [M("a", -1)]);
        var visit = new PlanTemplate("visit", "Visite", ["visite"], [], [M("a", -1)]);
        var season = new PlanTemplate(PlanTemplateRules.SeasonTemplateId, "Saison", [], [], [M("a", -1)]);
        PlanTemplate[] all = [season, any, small, visit];
        Assert.Equal("visit", PlanTemplateRules.Choose(all, "visite", SizeClass.Small)!.Id);
        Assert.Equal("small", PlanTemplateRules.Choose(all, "concert", SizeClass.Small)!.Id);
        Assert.Equal("any", PlanTemplateRules.Choose(all, "concert", SizeClass.Major)!.Id);
        Assert.Null(PlanTemplateRules.Choose([season], "concert", SizeClass.Major));
    }
}
