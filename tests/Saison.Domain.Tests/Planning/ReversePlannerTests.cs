using Saison.Domain.Tests.Destinations;
using Saison.Domain.Planning;
using static Saison.Domain.Tests.Planning.Templates;

namespace Saison.Domain.Tests.Planning;

public sealed class ReversePlannerTests
{
    private static DateOnly D(int month, int day) => new(2027, month, day);

    private static Milestone Get(EventPlan plan, string key) => plan.Milestones.Single(m => m.Key == key);

    [Fact]
    public void Generate_counts_working_days_back_over_Ascension_and_Whit_Monday()
    {
        // Thursday 3 June: J-20 skips Whit Monday (17 May), the 8 May Saturday and Ascension (6 May).
        var plan = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(3, 1), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        Assert.Equal(D(5, 4), Get(plan, "fiche").Due);
        Assert.Equal(D(5, 12), Get(plan, "demande").Due);
        Assert.Equal(D(5, 24), Get(plan, "reponse").Due);
        Assert.Equal(D(6, 10), Get(plan, "bilan").Due);
        Assert.All(plan.Milestones, m => Assert.False(m.IsCompressed));
        Assert.Equal("e1.fiche", Get(plan, "fiche").Id);
    }

    [Fact]
    public void Generate_moves_a_due_date_on_14_July_earlier()
    {
        var template = new PlanTemplate("t", "T", [], [], [M("veille", -1)]);
        var plan = ReversePlanner.Generate(template, 2027, "e1", D(7, 15), D(7, 15), D(3, 1), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        Assert.Equal(D(7, 13), Get(plan, "veille").Due);
    }

    [Fact]
    public void Generate_compresses_when_the_plan_starts_too_late()
    {
        // Proposed on 24 May for 3 June: fiche (ideal 4 May) cannot be before 24 May.
        var plan = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(5, 24), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var fiche = Get(plan, "fiche");
        Assert.Equal(D(5, 24), fiche.Due);
        Assert.Equal(CompressionCause.LateStart, fiche.Compression);
        Assert.Equal(12, fiche.CompressedBy);

        // demande: never before fiche + 2 working days.
        var demande = Get(plan, "demande");
        Assert.Equal(D(5, 26), demande.Due);
        Assert.Equal(CompressionCause.Predecessor, demande.Compression);
        Assert.Equal(WorkingDaysBetween(D(5, 12), D(5, 26)), demande.CompressedBy);

        // reponse: ideal 24 May, but demande + 3 = 31 May.
        var reponse = Get(plan, "reponse");
        Assert.Equal(D(5, 31), reponse.Due);
        Assert.Equal(5, reponse.CompressedBy);
        Assert.Equal(CompressionCause.None, Get(plan, "bilan").Compression);
    }

    [Fact]
    public void A_plan_started_days_before_the_event_says_which_milestones_fall_beyond_it()
    {
        // Proposed on Monday 31 May for Thursday 3 June: fiche 31 May, demande 2 June, reponse 7 June (after the event).
        var plan = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(5, 31), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        Assert.Equal(D(6, 7), Get(plan, "reponse").Due);
        Assert.True(plan.IsBeyondEvent(Get(plan, "reponse")));
        Assert.False(plan.IsBeyondEvent(Get(plan, "demande")));
        Assert.False(plan.IsBeyondEvent(Get(plan, "bilan")));
    }

    [Fact]
    public void Generate_starting_on_a_weekend_floors_to_the_next_working_day() =>
        Assert.Equal(D(5, 18), Get(ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(5, 15), null, DateTimeOffset.UnixEpoch, SampleRules.Working), "fiche").Due);

    [Fact]
    public void Recompute_after_a_move_keeps_done_milestones_and_moves_open_ones()
    {
        var first = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(3, 1), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var done = first.WithMilestones([.. first.Milestones.Select(m => m.Key == "fiche" ? m.MarkDone(D(4, 30), "Asso") : m)], DateTimeOffset.UnixEpoch);
        var moved = ReversePlanner.Generate(Small, 2027, "e1", D(6, 10), D(6, 10), D(5, 3), done, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var fiche = Get(moved, "fiche");
        Assert.True(fiche.IsDone);
        Assert.Equal(D(5, 4), fiche.Due);
        Assert.Equal(D(4, 30), fiche.DoneOn);
        Assert.Equal(D(5, 20), Get(moved, "demande").Due);
        Assert.Equal(first.Revision + 2, moved.Revision);
    }

    [Fact]
    public void Done_milestones_absent_from_a_new_template_are_kept()
    {
        var first = ReversePlanner.Generate(Small, 2027, "e1", D(6, 3), D(6, 3), D(3, 1), null, DateTimeOffset.UnixEpoch, SampleRules.Working);
        var done = first.WithMilestones([.. first.Milestones.Select(m => m.Key == "fiche" ? m.MarkDone(D(4, 30), "Asso") : m)], DateTimeOffset.UnixEpoch);
        var other = new PlanTemplate("autre", "Autre", [], [], [M("convention", -30)]);
        var replanned = ReversePlanner.Generate(other, 2027, "e1", D(6, 3), D(6, 3), D(5, 3), done, DateTimeOffset.UnixEpoch, SampleRules.Working);
        Assert.Equal(["convention", "fiche"], replanned.Milestones.Select(m => m.Key).Order());
    }

    private static int WorkingDaysBetween(DateOnly from, DateOnly to) => SampleRules.Working.Between(from, to);
}
