using Saison.Domain.Calendar;

namespace Saison.Domain.Leave;

/// <summary>The season's bounds and peak periods as leave rules read them (summer = the season's bounds).</summary>
public sealed record SeasonWindow(DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<DateRange> Peaks)
{
    public bool InSeason(DateOnly date) => date >= FirstDay && date <= LastDay;

    public bool InPeak(DateOnly date) => Peaks.Any(p => p.Contains(date));

    public bool Applies(RulePeriod period, DateOnly date) => period == RulePeriod.Peak ? InPeak(date) : InSeason(date);
}

/// <summary>An agent of the team as the rules see them: skills and working days.</summary>
public sealed record TeamMember(string AgentId, IReadOnlyList<string> Skills, WorkPattern Pattern)
{
    public bool Has(string? skill) => skill is null || Skills.Contains(skill, StringComparer.Ordinal);
}

/// <summary>A crew task assigned to the agent, on local days (for conflicts and the annualised projection).</summary>
public sealed record AgentTask(string TaskId, string Title, string? EventId, DateOnly First, DateOnly Last, decimal Hours);

/// <summary>A summer tourism agenda event a team works on (through its agents' crew tasks).</summary>
public sealed record AgendaEventDays(string EventId, string Title, DateOnly First, DateOnly Last);

/// <summary>Blackout windows derived from the summer tourism agenda.</summary>
public static class DerivedBlackouts
{
    /// <summary>Each event's days widened by <paramref name="marginDays"/> on each side (setup, teardown).</summary>
    public static IReadOnlyList<BlackoutWindow> From(IEnumerable<AgendaEventDays> events, int marginDays)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events
            .GroupBy(e => e.EventId, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(e => e.First)
            .Select(e => new BlackoutWindow(e.First.AddDays(-marginDays), e.Last.AddDays(marginDays), $"agenda de l'été : {e.Title}", e.EventId))];
    }
}
