using Saison.Domain.Staff;

namespace Saison.Application.Staff;

/// <summary>
/// An agent as the staff directory keeps it: the shared <see cref="Agent"/> plus what leave needs
/// (RTT days a year, and for an annualised cycle its summer and winter weekly hours).
/// </summary>
public sealed record AgentRecord(
    string Id,
    string Name,
    string TeamId,
    string ServiceId,
    IReadOnlyList<string> Skills,
    WorkCycleKind Cycle,
    decimal WeeklyHours,
    int WorkingDaysPerWeek,
    int RttDays,
    decimal? SummerWeeklyHours,
    decimal? WinterWeeklyHours)
{
    /// <summary>The agent as the shared contract shows it.</summary>
    public Agent ToAgent() => new(Id, Name, TeamId, ServiceId, Skills, Cycle, WeeklyHours, WorkingDaysPerWeek);
}

/// <summary>What a caller sends to create (with an optional id) or replace an agent.</summary>
[Saison.Application.Persistence.ReadBack(typeof(AgentRecord))]
public sealed record AgentInput(
    string? Id,
    string? Name,
    string? TeamId,
    IReadOnlyList<string>? Skills,
    WorkCycleKind? Cycle,
    decimal? WeeklyHours,
    int? WorkingDaysPerWeek,
    int? RttDays,
    decimal? SummerWeeklyHours,
    decimal? WinterWeeklyHours);

/// <summary>What a caller sends to create (with an optional id) or replace a team.</summary>
public sealed record TeamInput(string? Id, string? Name, string? ServiceId, IReadOnlyList<string>? ManagerIds);

/// <summary>The directory at a glance: services and teams with their head counts (no names of agents).</summary>
public sealed record StaffOverview(int Season, IReadOnlyList<Service> Services, IReadOnlyList<TeamOverview> Teams, int AgentCount);

public sealed record TeamOverview(string Id, string Name, string ServiceId, int AgentCount, IReadOnlyList<string> Skills);
