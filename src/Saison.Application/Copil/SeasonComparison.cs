using Saison.Application.Contracts;

namespace Saison.Application.Copil;

/// <summary>
/// One season's headline figures, to compare seasons side by side: bounds and peak, programme and visitors, the busiest week,
/// crew hours against capacity, coverage risks, the reverse plan's lateness, logistics lines, and the money view's costs,
/// receipts and private funding.
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
    int ExpectedAttendance,
    decimal CrewHours,
    decimal OvertimeHours,
    decimal CapacityHours,
    decimal? LoadPercent,
    int CoverageRiskDays,
    int Milestones,
    int MilestonesLate,
    int RequestLines,
    int ApprovedLines,
    decimal Logistics,
    decimal Crew,
    decimal Entered,
    decimal Costs,
    decimal TourismTax,
    decimal PrivateSecured,
    decimal Receipts,
    decimal? PrivateSharePercent,
    decimal? CostPerVisitor,
    int EventsWithoutPrivateFunding);

/// <summary>Seasons side by side, oldest first; <see cref="Missing"/> lists the years asked for that do not exist.</summary>
public sealed record SeasonComparison(IReadOnlyList<SeasonFigures> Seasons, IReadOnlyList<int> Missing);

/// <summary>Compares seasons year after year from each one's COPIL dashboard and money view.</summary>
public sealed class SeasonComparer(CopilDashboardService dashboards, CopilMoneyService money, ISeasons seasons)
{
    /// <summary>At most this many seasons in one comparison.</summary>
    public const int MaxSeasons = 6;

    /// <summary>The seasons of <paramref name="years"/> side by side, oldest first.</summary>
    public async Task<SeasonComparison> CompareAsync(IReadOnlyCollection<int> years, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(years);
        var figures = new List<SeasonFigures>();
        var missing = new List<int>();
        foreach (var year in years.Distinct().Order())
        {
            if (await seasons.FindAsync(year, cancellationToken).ConfigureAwait(false) is not { } summary
                || await dashboards.ComputeAsync(year, cancellationToken).ConfigureAwait(false) is not { } dashboard
                || await money.ComputeAsync(year, cancellationToken).ConfigureAwait(false) is not { } accounts)
            {
                missing.Add(year);
                continue;
            }

            figures.Add(Figures(dashboard, accounts, summary.Status));
        }

        return new SeasonComparison(figures, missing);
    }

    public static SeasonFigures Figures(CopilDashboard dashboard, CopilMoney money, string status)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(money);
        var capacity = dashboard.Load.Sum(l => l.CapacityHours);
        var totals = money.Accounts.Totals;
        var visitors = money.Accounts.Events.Sum(e => e.ExpectedAttendance);
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
            visitors,
            totals.CrewHours,
            totals.OvertimeHours,
            capacity,
            capacity == 0m ? null : Math.Round(100m * dashboard.Load.Sum(l => l.LoadHours) / capacity, 1),
            dashboard.CoverageRisks.Select(r => r.Day).Distinct().Count(),
            dashboard.Plan.Sum(p => p.Milestones),
            dashboard.Plan.Sum(p => p.Late),
            dashboard.Requests.Sum(r => r.Lines),
            dashboard.Requests.Sum(r => r.Approved + r.PartlyApproved),
            totals.Logistics,
            totals.Crew,
            totals.Entered,
            totals.Costs,
            totals.TourismTax,
            totals.PrivateSecured,
            totals.Receipts,
            totals.PrivateSharePercent,
            visitors > 0 ? Math.Round(totals.Costs / visitors, 2, MidpointRounding.AwayFromZero) : null,
            money.Accounts.Events.Count(e => e.WithoutPrivateFunding));
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
            Line("Visiteurs attendus", f => f.ExpectedAttendance),
            Line("Heures d'équipe planifiées", f => f.CrewHours),
            Line("dont heures supplémentaires", f => f.OvertimeHours),
            Line("Heures disponibles", f => f.CapacityHours),
            Line("Charge (%)", f => f.LoadPercent),
            Line("Jours à risque de couverture", f => f.CoverageRiskDays),
            Line("Jalons", f => f.Milestones),
            Line("Jalons en retard", f => f.MilestonesLate),
            Line("Lignes de logistique demandées", f => f.RequestLines),
            Line("Lignes accordées", f => f.ApprovedLines),
            Line("Logistique accordée (€)", f => f.Logistics),
            Line("Heures des équipes (€)", f => f.Crew),
            Line("Dépenses saisies (€)", f => f.Entered),
            Line("Total des coûts (€)", f => f.Costs),
            Line("Taxe de séjour (€)", f => f.TourismTax),
            Line("Partenaires privés (€)", f => f.PrivateSecured),
            Line("Total des recettes (€)", f => f.Receipts),
            Line("Part du financement privé (%)", f => f.PrivateSharePercent),
            Line("Coût par visiteur (€)", f => f.CostPerVisitor),
            Line("Événements sans financement privé", f => f.EventsWithoutPrivateFunding),
        ]);
    }
}
