using Saison.Application.Contracts;
using Saison.Application.Copil;
using Saison.Domain.Calendar;
using Saison.Domain.Organisers;
using Saison.Domain.Staff;

namespace Saison.Application.Tests.Copil;

public sealed class CopilDashboardServiceTests
{
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    private static readonly SeasonSummary Season = new(2027, "Ville", "Europe/Paris", new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 30), [new DateRange(new DateOnly(2027, 6, 14), new DateOnly(2027, 6, 20))], "orientationsSet");

    private static readonly TonalitySummary Tonality = new(2027, [new("industrie", "Industrie", 50), new("plages", "Plages", 50)], ["Priorité"], [new("d1", new DateOnly(2027, 2, 1), "Décision", "Cellule")]);

    [Fact]
    public void ThemeShares_split_an_event_with_two_themes_evenly_and_ignore_unknown_themes()
    {
        var shares = CopilDashboardService.ThemeShares(Tonality, [Event("a", 7, "industrie"), Event("b", 8, "industrie", "plages"), Event("c", 9, "autre")]);

        Assert.Equal(50m, shares[0].ActualPercent); // 1 + 0.5 out of 3 events
        Assert.Equal(2, shares[0].Events);
        Assert.Equal(16.7m, shares[1].ActualPercent); // 0.5 out of 3
        Assert.Equal(-33.3m, shares[1].GapPoints);
    }

    [Fact]
    public void Weeks_cover_the_season_from_its_first_Monday_and_flag_the_peak()
    {
        var weeks = CopilDashboardService.Weeks(Season, [Event("a", 2), Event("b", 15), Event("c", 16)]);

        Assert.Equal(new DateOnly(2027, 5, 31), weeks[0].WeekStart);
        Assert.Equal(5, weeks.Count);
        Assert.Equal([false, false, true, false, false], weeks.Select(w => w.Peak));
        Assert.Equal(2, weeks[2].Occurrences);
        Assert.Equal(1, weeks[0].Occurrences);
    }

    [Fact]
    public void A_recurring_event_counts_each_occurrence_in_its_week()
    {
        var weekly = Event("r", 1) with { Occurrences = [Occurrence(1), Occurrence(8), Occurrence(15)] };

        var weeks = CopilDashboardService.Weeks(Season, [weekly]);

        Assert.Equal([1, 1, 1, 0, 0], weeks.Select(w => w.Occurrences));
        Assert.Equal([1, 1, 1, 0, 0], weeks.Select(w => w.Events));
    }

    [Fact]
    public async Task Sources_an_area_does_not_offer_are_listed_as_unavailable()
    {
        var service = new CopilDashboardService(new OneSeason(), new NoStaff());

        var dashboard = await service.ComputeAsync(2027);

        Assert.NotNull(dashboard);
        Assert.Equal(["themes", "weeks", "sites", "decisions", "load", "coverage", "plan", "envelopes", "requests"], dashboard.Unavailable);
        Assert.Null(await service.ComputeAsync(2031));
    }

    [Fact]
    public async Task Load_counts_task_hours_against_weekly_hours_less_absences()
    {
        var agents = new StaffOf([new Agent("a1", "A", "t", "regie", [], WorkCycleKind.Weekly, 35m), new Agent("a2", "B", "t", "regie", [], WorkCycleKind.Weekly, 35m)]);
        var monday = new DateTimeOffset(2027, 6, 14, 8, 0, 0, Summer);
        var crews = new Tasks([new AssignedTask("t1", "a1", "c", null, "Montage", monday, monday.AddHours(7), true)]);
        var absences = new Away([new Absence("a2", "t", monday.AddHours(-8), monday.AddDays(2).AddHours(-8))]);
        var service = new CopilDashboardService(new OneSeason(), agents, availability: absences, crews: crews);

        var dashboard = await service.ComputeAsync(2027);

        var week = dashboard!.Load.Single(l => l.WeekStart == new DateOnly(2027, 6, 14));
        Assert.Equal(7m, week.LoadHours);
        Assert.Equal(56m, week.CapacityHours); // 70 h less two days of 7 h
        Assert.Equal(12.5m, week.LoadPercent);
    }

    private static EventSummary Event(string id, int juneDay, params string[] themes)
    {
        var start = new DateTimeOffset(2027, 6, juneDay, 10, 0, 0, Summer);
        return new EventSummary(id, 2027, id, "org", OrganiserKind.Association, "site-" + id, "Site " + id, start, start.AddHours(2), false, false, "small", "confirmed", themes, [], 1, start);
    }

    private static EventOccurrence Occurrence(int juneDay)
    {
        var start = new DateTimeOffset(2027, 6, juneDay, 10, 0, 0, Summer);
        return new EventOccurrence(start, start.AddHours(2));
    }

    private sealed class OneSeason : ISeasons
    {
        public Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default) =>
            Task.FromResult(season == 2027 ? Season : null);
    }

    private class StaffOf(IReadOnlyList<Agent> agents) : IStaffDirectory
    {
        public Task<IReadOnlyList<Agent>> ListAgentsAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult(agents);

        public Task<IReadOnlyList<Team>> ListTeamsAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Team>>([]);
    }

    private sealed class NoStaff() : StaffOf([]);

    private sealed class Tasks(IReadOnlyList<AssignedTask> tasks) : ICrewAssignments
    {
        public Task<IReadOnlyList<AssignedTask>> ListAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Task.FromResult(tasks);
    }

    private sealed class Away(IReadOnlyList<Absence> absences) : IAgentAvailability
    {
        public Task<IReadOnlyList<Absence>> ListAbsencesAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Task.FromResult(absences);
    }
}
