using Saison.Domain.Decisions;

namespace Saison.Domain.Leave;

/// <summary>Days (or hours) entitled, taken (approved), reserved by pending requests, and what remains.</summary>
public sealed record BalanceLine(decimal Entitled, decimal Taken, decimal Pending)
{
    /// <summary>What is left once approved and pending requests are deducted.</summary>
    public decimal Remaining => Entitled - Taken - Pending;
}

/// <summary>
/// Annual leave with its fractionnement: <see cref="Base"/> is five times the weekly working days;
/// <see cref="Fractionnement"/> the days earned by <see cref="DaysOutsideSummer"/> taken outside 1 May–31 October.
/// </summary>
public sealed record AnnualLeaveLine(decimal Base, int Fractionnement, decimal DaysOutsideSummer, decimal Taken, decimal Pending)
{
    /// <summary>Base days plus fractionnement days.</summary>
    public decimal Entitled => Base + Fractionnement;

    /// <summary>What is left once approved and pending requests are deducted.</summary>
    public decimal Remaining => Entitled - Taken - Pending;
}

/// <summary>An agent's balances for a year: annual leave (days), RTT (days), recovery (hours).</summary>
public sealed record LeaveBalance(string AgentId, int Year, AnnualLeaveLine AnnualLeave, BalanceLine Rtt, BalanceLine RecoveryHours, decimal HoursPerDay)
{
    /// <summary>Whether <paramref name="days"/> more of <paramref name="kind"/> fit in what remains.</summary>
    public Decision Allows(LeaveKind kind, decimal days)
    {
        var (remaining, needed, unit) = kind switch
        {
            LeaveKind.AnnualLeave => (AnnualLeave.Remaining, days, "jour(s) de congés annuels"),
            LeaveKind.Rtt => (Rtt.Remaining, days, "jour(s) de RTT"),
            LeaveKind.Recovery => (RecoveryHours.Remaining, days * HoursPerDay, "heure(s) de récupération"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return needed <= remaining
            ? Decision.Accepted(new Reason("balance", $"Solde suffisant : {LeaveText.Number(remaining)} {unit} disponibles, {LeaveText.Number(needed)} demandés."))
            : Decision.Refused(new Reason("insufficient-balance", $"Solde insuffisant : {LeaveText.Number(remaining)} {unit} disponibles (demandes en attente déduites) pour {LeaveText.Number(needed)} demandés."));
    }
}

/// <summary>The balance rules of DOMAIN.md (public service): entitlement, fractionnement, RTT, recovery.</summary>
public static class LeaveBalances
{
    /// <summary>
    /// Jours de fractionnement: one when 5 to 7 days of annual leave are taken outside 1 May–31
    /// October, two from 8 days.
    /// </summary>
    public static int FractionnementDays(decimal daysOutsideSummer) => daysOutsideSummer switch
    {
        >= 8 => 2,
        >= 5 => 1,
        _ => 0,
    };

    /// <summary>Whether a day is inside the 1 May–31 October period that earns no fractionnement.</summary>
    public static bool InMayToOctober(DateOnly date) => date.Month is >= 5 and <= 10;

    /// <summary>Computes an agent's balances for <paramref name="year"/> from their bookings (approved and pending) and credits.</summary>
    public static LeaveBalance Compute(
        string agentId,
        int year,
        WorkPattern pattern,
        int rttDays,
        decimal hoursPerDay,
        IEnumerable<BookedLeave> bookings,
        IEnumerable<RecoveryCredit> credits)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var own = bookings.Where(b => b.AgentId == agentId).ToList();

        decimal Sum(LeaveKind kind, LeaveStatus status) => own.Where(b => b.Kind == kind && b.Status == status).Sum(b => b.Days);

        var outside = own
            .Where(b => b.Kind == LeaveKind.AnnualLeave && b.IsApproved)
            .Sum(b => b.Period.EachDay().Where(d => d.Year == year && !InMayToOctober(d) && pattern.IsWorkingDay(d)).Sum(b.Period.FractionOn));
        var annual = new AnnualLeaveLine(5 * pattern.DaysPerWeek, FractionnementDays(outside), outside, Sum(LeaveKind.AnnualLeave, LeaveStatus.Approved), Sum(LeaveKind.AnnualLeave, LeaveStatus.Pending));
        var rtt = new BalanceLine(rttDays, Sum(LeaveKind.Rtt, LeaveStatus.Approved), Sum(LeaveKind.Rtt, LeaveStatus.Pending));
        var recovery = new BalanceLine(
            credits.Where(c => c.AgentId == agentId).Sum(c => c.Hours),
            Sum(LeaveKind.Recovery, LeaveStatus.Approved) * hoursPerDay,
            Sum(LeaveKind.Recovery, LeaveStatus.Pending) * hoursPerDay);
        return new LeaveBalance(agentId, year, annual, rtt, recovery, hoursPerDay);
    }
}
