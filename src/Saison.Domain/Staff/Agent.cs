namespace Saison.Domain.Staff;

/// <summary>How an agent's working time is organised over the year.</summary>
public enum WorkCycleKind
{
    /// <summary>The same hours every week.</summary>
    Weekly,

    /// <summary>Annualised: more hours a week in summer, fewer in winter, 1,607 hours over the year.</summary>
    AnnualisedSeasonal,
}

/// <summary>A staff member: their team and service, skills and work cycle. Shared by crews (scheduling) and leave.</summary>
public sealed record Agent(
    string Id,
    string Name,
    string TeamId,
    string ServiceId,
    IReadOnlyList<string> Skills,
    WorkCycleKind Cycle,
    decimal WeeklyHours,
    int WorkingDaysPerWeek = 5);

/// <summary>A team of agents within a service, with the managers who decide its leave.</summary>
public sealed record Team(string Id, string Name, string ServiceId, IReadOnlyList<string> ManagerIds);
