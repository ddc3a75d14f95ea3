namespace Saison.Domain.Leave;

/// <summary>
/// A year-end projection of an annualised agent's hours against the legal 1,607 h: the cycle's
/// hours over the year's working days, less leave taken at the hours of its days, less the annual
/// leave still due (assumed taken in winter), plus crew task hours on days off.
/// </summary>
public sealed record AnnualisedProjection(decimal CycleHours, decimal LeaveHours, decimal RemainingLeaveHours, decimal ExtraTaskHours, decimal Projected, decimal Target, decimal Drift, bool Warning, string Message)
{
    /// <summary>The legal annual working time (DOMAIN.md).</summary>
    public const decimal LegalAnnualHours = 1607m;

    /// <summary>How far the projection may drift before warning: two working days of seven hours.</summary>
    public const decimal Tolerance = 14m;

    /// <summary>Projects the year-end hours of an annualised cycle (summer hours inside the season's bounds).</summary>
    public static AnnualisedProjection Project(
        int year,
        SeasonWindow season,
        WorkPattern pattern,
        decimal summerWeeklyHours,
        decimal winterWeeklyHours,
        decimal remainingAnnualLeaveDays,
        IEnumerable<BookedLeave> approved,
        IEnumerable<AgentTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(season);
        ArgumentNullException.ThrowIfNull(pattern);
        decimal Daily(DateOnly d) => (season.InSeason(d) ? summerWeeklyHours : winterWeeklyHours) / pattern.DaysPerWeek;

        var cycle = 0m;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            cycle += pattern.IsWorkingDay(d) ? Daily(d) : 0m;
        }

        var leave = approved.Sum(b => b.Period.EachDay().Where(d => d.Year == year && pattern.IsWorkingDay(d)).Sum(d => b.Period.FractionOn(d) * Daily(d)));
        var remaining = Math.Max(0m, remainingAnnualLeaveDays) * winterWeeklyHours / pattern.DaysPerWeek;
        var extra = tasks.Where(t => t.First.Year == year && !pattern.IsWorkingDay(t.First)).Sum(t => t.Hours);
        var projected = Math.Round(cycle - leave - remaining + extra, 1);
        var drift = projected - LegalAnnualHours;
        var warning = Math.Abs(drift) > Tolerance;
        var message = warning
            ? $"Projection de fin d'année : {LeaveText.Number(projected)} h pour {LeaveText.Number(LegalAnnualHours)} h (écart {Signed(drift)} h) : le plan dérive, revoir le cycle ou les congés."
            : $"Projection de fin d'année : {LeaveText.Number(projected)} h pour {LeaveText.Number(LegalAnnualHours)} h (écart {Signed(drift)} h).";
        return new AnnualisedProjection(Math.Round(cycle, 1), Math.Round(leave, 1), Math.Round(remaining, 1), extra, projected, LegalAnnualHours, drift, warning, message);
    }

    private static string Signed(decimal value) => (value >= 0 ? "+" : "−") + LeaveText.Number(Math.Abs(value));
}
