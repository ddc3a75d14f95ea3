using Saison.Domain.Tests.Destinations;
using Saison.Domain.Events;
using Saison.Domain.Planning;
using static Saison.Domain.Tests.Planning.Templates;

namespace Saison.Domain.Tests.Planning;

public sealed class MilestoneFactTests
{
    private static readonly PlanTemplate WithFacts = new("leger", "Petit", [], [SizeClass.Small],
    [
        M("fiche", -20),
        M("demande", -15, ("fiche", 2)) with { DoneWhen = MilestoneFact.RequestSubmitted },
        M("reponse", -8, ("demande", 3)) with { DoneWhen = MilestoneFact.RequestAnswered },
    ]);

    private static EventPlan Plan(EventPlan? previous = null) =>
        ReversePlanner.Generate(WithFacts, 2027, "e1", new DateOnly(2027, 6, 3), new DateOnly(2027, 6, 3), new DateOnly(2027, 3, 1), previous, DateTimeOffset.UnixEpoch, SampleRules.Working);

    [Fact]
    public void A_fact_marks_only_its_open_milestones_done_with_the_date_and_author()
    {
        var done = Plan().Following(MilestoneFact.RequestSubmitted, new DateOnly(2027, 3, 2), "Organisateur", DateTimeOffset.UnixEpoch)!;
        var demande = done.Milestones.Single(m => m.Key == "demande");
        Assert.Equal((new DateOnly(2027, 3, 2), "Organisateur"), (demande.DoneOn, demande.DoneBy));
        Assert.All(done.Milestones.Where(m => m.Key != "demande"), m => Assert.False(m.IsDone));
        Assert.Equal(Plan().Revision + 1, done.Revision);

        // Done already: the same fact again changes nothing.
        Assert.Null(done.Following(MilestoneFact.RequestSubmitted, new DateOnly(2027, 3, 9), "Autre", DateTimeOffset.UnixEpoch));
        Assert.Null(Plan().Following(MilestoneFact.AgendaDecided, new DateOnly(2027, 3, 2), "Cellule", DateTimeOffset.UnixEpoch));
        Assert.Null(Plan().AsCancelled(DateTimeOffset.UnixEpoch).Following(MilestoneFact.RequestSubmitted, new DateOnly(2027, 3, 2), "Organisateur", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_regenerated_plan_keeps_which_fact_each_milestone_follows()
    {
        var done = Plan().Following(MilestoneFact.RequestSubmitted, new DateOnly(2027, 3, 2), "Organisateur", DateTimeOffset.UnixEpoch)!;
        var regenerated = Plan(done);
        Assert.Equal(MilestoneFact.RequestAnswered, regenerated.Milestones.Single(m => m.Key == "reponse").DoneWhen);
        Assert.Equal(MilestoneFact.RequestSubmitted, regenerated.Milestones.Single(m => m.Key == "demande").DoneWhen);
        Assert.True(regenerated.Milestones.Single(m => m.Key == "demande").IsDone);
    }
}
