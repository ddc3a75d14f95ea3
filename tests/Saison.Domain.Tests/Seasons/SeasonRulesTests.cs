using Saison.Domain.Tests.Destinations;
using Saison.Domain.Calendar;
using Saison.Domain.Seasons;

namespace Saison.Domain.Tests.Seasons;

public sealed class SeasonRulesTests
{
    private static DateOnly D(int month, int day) => new(2027, month, day);

    private static Season Season(SeasonStatus status = SeasonStatus.Draft, Tonality? tonality = null) =>
        new(2027, "Saint-Nazaire", "Europe/Paris", new DateRange(D(6, 1), D(9, 19)), [new DateRange(D(7, 3), D(8, 29))], tonality ?? SampleRules.Themes, status, []);

    [Fact]
    public void CheckPeaks_refuses_a_peak_outside_the_bounds()
    {
        var decision = SeasonRules.CheckPeaks(new DateRange(D(6, 1), D(9, 19)), [new DateRange(D(5, 20), D(6, 10))]);
        Assert.Equal("peak-outside-bounds", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void CheckPeaks_refuses_overlapping_peaks() =>
        Assert.Contains(SeasonRules.CheckPeaks(new DateRange(D(6, 1), D(9, 19)), [new DateRange(D(7, 1), D(7, 31)), new DateRange(D(7, 20), D(8, 10))]).Reasons, r => r.Code == "peaks-overlap");

    [Fact]
    public void CheckTonality_refuses_shares_over_100_and_duplicates()
    {
        var decision = SeasonRules.CheckTonality([new("a", "A", 60), new("a", "A bis", 50)], ["p", "p"]);
        Assert.True(decision.IsRefused);
        Assert.Contains(decision.Reasons, r => r.Code == "shares-over-100");
        Assert.Contains(decision.Reasons, r => r.Code == "duplicate-theme");
        Assert.Contains(decision.Reasons, r => r.Code == "duplicate-priority");
    }

    [Fact]
    public void CheckTransition_goes_forward_one_step_at_a_time()
    {
        Assert.True(SeasonRules.CheckTransition(Season(), SeasonStatus.OrientationsSet, D(3, 1)).IsAccepted);
        Assert.Equal("skipped-step", SeasonRules.CheckTransition(Season(), SeasonStatus.AgendaValidated, D(3, 1)).Reasons[0].Code);
        Assert.Equal("backward-transition", SeasonRules.CheckTransition(Season(SeasonStatus.AgendaValidated), SeasonStatus.OrientationsSet, D(3, 1)).Reasons[0].Code);
    }

    [Fact]
    public void CheckTransition_needs_themes_to_set_orientations() =>
        Assert.Equal("no-themes", SeasonRules.CheckTransition(Season(tonality: new Tonality([], [])), SeasonStatus.OrientationsSet, D(3, 1)).Reasons[0].Code);

    [Fact]
    public void CheckTransition_runs_from_a_week_before_and_closes_after_the_last_day()
    {
        Assert.Equal("too-early-to-run", SeasonRules.CheckTransition(Season(SeasonStatus.AgendaValidated), SeasonStatus.Running, D(5, 24)).Reasons[0].Code);
        Assert.True(SeasonRules.CheckTransition(Season(SeasonStatus.AgendaValidated), SeasonStatus.Running, D(5, 25)).IsAccepted);
        Assert.Equal("not-over", SeasonRules.CheckTransition(Season(SeasonStatus.Running), SeasonStatus.Closed, D(9, 19)).Reasons[0].Code);
        Assert.True(SeasonRules.CheckTransition(Season(SeasonStatus.Running), SeasonStatus.Closed, D(9, 20)).IsAccepted);
    }

    [Fact]
    public void CheckNewBounds_keeps_programmed_days_inside_and_freezes_after_validation()
    {
        var outside = SeasonRules.CheckNewBounds(Season(), new DateRange(D(6, 15), D(9, 19)), [], [D(6, 5)]);
        Assert.Equal("events-outside-bounds", Assert.Single(outside.Reasons).Code);
        var frozen = SeasonRules.CheckNewBounds(Season(SeasonStatus.AgendaValidated), new DateRange(D(6, 1), D(9, 30)), [], []);
        Assert.Contains(frozen.Reasons, r => r.Code == "bounds-frozen");
    }

    [Fact]
    public void Season_is_immutable_and_raises_its_revision()
    {
        var season = Season();
        var changed = season.PlusDecision(new CopilDecision("d1", D(1, 19), "Bornes arrêtées", "Cellule projet"));
        Assert.Empty(season.Decisions);
        Assert.Single(changed.Decisions);
        Assert.Equal(season.Revision + 1, changed.Revision);
        Assert.True(changed.IsPeak(D(7, 14)));
        Assert.False(changed.IsPeak(D(6, 14)));
    }
}
