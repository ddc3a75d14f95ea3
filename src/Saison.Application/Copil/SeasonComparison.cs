using Saison.Application.Contracts;

namespace Saison.Application.Copil;

/// <summary>
/// One season's headline figures, to compare seasons side by side: bounds and peak, programme, the busiest week,
/// crew hours against capacity, coverage risks, the reverse plan's lateness, logistics lines and envelopes.
/// </summary>
public sealed record SeasonFigures(
    int Year,
    string City,
    string Status,
    DateOnly FirstDay,
    DateOnly LastDay,
    int Days,
    int PeakDays,
    int Events,
    int Occurrences,
    WeekEvents? BusiestWeek,
    decimal CrewHours,
    decimal CapacityHours,
    decimal? LoadPercent,
    int CoverageRiskDays,
    int Milestones,
    int MilestonesLate,
    int RequestLines,
    int ApprovedLines,
    decimal EnvelopeAmount,
    decimal EnvelopeConsumed);

/// <summary>Seasons side by side, oldest first; <see cref="Missing"/> lists the years asked for that do not exist.</summary>
public sealed record SeasonComparison(IReadOnlyList<SeasonFigures> Seasons, IReadOnlyList<int> Missing);

/// <summary>Compares seasons year after year from each one's COPIL dashboard.</summary>
public sealed class SeasonComparer(CopilDashboardService dashboards, ISeasons seasons)
{
    /// <summary>At most this many seasons in one comparison.</summary>
    public const int MaxSeasons = 6;

    /// <summary>The seasons of <paramref name="years"/> side by side, oldest first.</summary>
    public async Task<SeasonComparison> CompareAsync(IReadOnlyCollection<int> years, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(years);
        var wanted = years.Distinct().Order().ToList();
        var figures = new List<SeasonFigures>();
        var missing = new List<int>();
        foreach (var year in wanted)
        {
            if (await dashboards.ComputeAsync(year, cancellationToken).ConfigureAwait(false) is not { } dashboard
                || await seasons.FindAsync(year, cancellationToken).ConfigureAwait(false) is not { } summary)
            {
                missing.Add(year);
                continue;
            }

            figures.Add(Figures(dashboard, summary.Status));
        }

        return new SeasonComparison(figures, missing);
    }

    public static SeasonFigures Figures(CopilDashboard dashboard, string status)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var crewHours = dashboard.Load.Sum(l => l.LoadHours);
        var capacity = dashboard.Load.Sum(l => l.CapacityHours);
        return new SeasonFigures(
            dashboard.Season,
            dashboard.City,
            status,
            dashboard.FirstDay,
            dashboard.LastDay,
            dashboard.LastDay.DayNumber - dashboard.FirstDay.DayNumber + 1,
            dashboard.Peaks.Sum(p => p.Last.DayNumber - p.First.DayNumber + 1),
            dashboard.EventCount,
            dashboard.Weeks.Sum(w => w.Occurrences),
            dashboard.Weeks.OrderByDescending(w => w.Occurrences).ThenBy(w => w.WeekStart).FirstOrDefault(),
            crewHours,
            capacity,
            capacity == 0m ? null : Math.Round(100m * crewHours / capacity, 1),
            dashboard.CoverageRisks.Select(r => r.Day).Distinct().Count(),
            dashboard.Plan.Sum(p => p.Milestones),
            dashboard.Plan.Sum(p => p.Late),
            dashboard.Requests.Sum(r => r.Lines),
            dashboard.Requests.Sum(r => r.Approved + r.PartlyApproved),
            dashboard.Envelopes.Sum(e => e.Amount),
            dashboard.Envelopes.Sum(e => e.Consumed));
    }
}

/// <summary>The comparison as CSV: one row per figure, one column per season.</summary>
public static class SeasonComparisonCsv
{
    public static string Write(SeasonComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var s = comparison.Seasons;
        IReadOnlyList<object?> Line(string label, Func<SeasonFigures, object?> value) => [label, .. s.Select(value)];
        return CopilCsv.Format(
        [
            ["Indicateur", .. s.Select(f => (object?)("Saison " + f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            Line("Premier jour", f => f.FirstDay),
            Line("Dernier jour", f => f.LastDay),
            Line("Jours", f => f.Days),
            Line("Jours de haute saison", f => f.PeakDays),
            Line("Événements", f => f.Events),
            Line("Occurrences", f => f.Occurrences),
            Line("Semaine la plus chargée (du)", f => f.BusiestWeek?.WeekStart),
            Line("Occurrences de cette semaine", f => f.BusiestWeek?.Occurrences),
            Line("Heures d'équipe planifiées", f => f.CrewHours),
            Line("Heures disponibles", f => f.CapacityHours),
            Line("Charge (%)", f => f.LoadPercent),
            Line("Jours à risque de couverture", f => f.CoverageRiskDays),
            Line("Jalons", f => f.Milestones),
            Line("Jalons en retard", f => f.MilestonesLate),
            Line("Lignes de logistique demandées", f => f.RequestLines),
            Line("Lignes accordées", f => f.ApprovedLines),
            Line("Enveloppes (€)", f => f.EnvelopeAmount),
            Line("Enveloppes consommées (€)", f => f.EnvelopeConsumed),
        ]);
    }
}
