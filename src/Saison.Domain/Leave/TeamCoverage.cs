namespace Saison.Domain.Leave;

/// <summary>How many agents of a team are on duty on a day, counting half days.</summary>
public static class TeamCoverage
{
    /// <summary>
    /// Agents working that day and present, morning and afternoon counted apart and the lower kept:
    /// a half-day absence leaves the team one short for that half.
    /// </summary>
    public static int OnDuty(DateOnly date, IEnumerable<TeamMember> members, IEnumerable<BookedLeave> absences, string? skill = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(absences);
        var away = absences.Where(a => a.Period.Contains(date)).ToList();
        int morning = 0, afternoon = 0;
        foreach (var member in members.Where(m => m.Has(skill) && m.Pattern.IsWorkingDay(date)))
        {
            var own = away.Where(a => a.AgentId == member.AgentId).ToList();
            morning += own.Any(a => a.Period.CoversMorning(date)) ? 0 : 1;
            afternoon += own.Any(a => a.Period.CoversAfternoon(date)) ? 0 : 1;
        }

        return Math.Min(morning, afternoon);
    }

    /// <summary>Agents of the team working that day.</summary>
    public static int Scheduled(DateOnly date, IEnumerable<TeamMember> members, string? skill = null) =>
        members.Count(m => m.Has(skill) && m.Pattern.IsWorkingDay(date));

    /// <summary>Agents away for at least half of that day.</summary>
    public static int Absent(DateOnly date, IEnumerable<BookedLeave> absences) =>
        absences.Where(a => a.Period.FractionOn(date) > 0).Select(a => a.AgentId).Distinct(StringComparer.Ordinal).Count();
}
