using Saison.Domain.Crews;
using Saison.Domain.Decisions;
using Saison.Domain.Logistics;

namespace Saison.Application.Crews;

/// <summary>A crew of technical services: its home service and members, each with the skills they bring.</summary>
public sealed record Crew(string Id, string Name, string ServiceId, IReadOnlyList<CrewMemberRecord> Members);

/// <summary>A crew member: an agent of the staff directory and their skills within the crew.</summary>
public sealed record CrewMemberRecord(string AgentId, IReadOnlyList<string> Skills);

/// <summary>A crew as technical services write it.</summary>
public sealed record CrewInput(string? Id, string? Name, string? ServiceId, IReadOnlyList<CrewMemberInput>? Members);

public sealed record CrewMemberInput(string? AgentId, IReadOnlyList<string>? Skills);

/// <summary>
/// The head of a season's crew schedule: which generation of tasks is the current plan and which one
/// is published (re-planning disturbs the published one as little as possible), with the plan's counts.
/// </summary>
public sealed record CrewScheduleHead(
    int Season,
    int Version,
    string Generation,
    DateTimeOffset PlannedAt,
    string PlannedBy,
    int Tasks,
    int Assigned,
    int Unstaffed,
    int Kept,
    int Moved,
    string? PublishedGeneration,
    DateTimeOffset? PublishedAt);

/// <summary>One generation of tasks written by a plan, for the version the plan was made for.</summary>
public sealed record ScheduleGeneration(string Id, int Version, DateTimeOffset CreatedAt);

/// <summary>One task of a plan as stored: the agent who does it (and their crew), or why nobody could.</summary>
public sealed record ScheduledTaskRecord(CrewTask Task, string? AgentId, string? CrewId, IReadOnlyList<Reason>? Reasons);

/// <summary>A task in a schedule, with who does it.</summary>
public sealed record ScheduledTaskView(
    string TaskId,
    CrewTaskKind Kind,
    string Title,
    string? EventId,
    string RequestId,
    string Skill,
    DateTimeOffset Start,
    DateTimeOffset End,
    PriorityClass Priority,
    string AgentId,
    string? AgentName,
    string CrewId,
    bool Published,
    bool ToReplan = false);

/// <summary>A task nobody could take, with why.</summary>
public sealed record UnstaffedTaskView(string TaskId, CrewTaskKind Kind, string Title, string? EventId, string Skill, DateTimeOffset Start, DateTimeOffset End, PriorityClass Priority, IReadOnlyList<Reason> Reasons, bool ToReplan = false);

/// <summary>An event whose lines moved after the plan was made: its tasks (<c>toReplan</c>) are to be planned again.</summary>
public sealed record ReplanView(string EventId, DateTimeOffset ChangedAt, string Reason);

/// <summary>
/// A crew schedule as the API shows it (whole, per crew or per agent). A page of it holds some of <see cref="Tasks"/> and
/// <see cref="Unstaffed"/>; <see cref="AssignedCount"/> and <see cref="UnstaffedCount"/> count the whole schedule shown.
/// </summary>
public sealed record ScheduleView(
    int Season,
    int Version,
    DateTimeOffset PlannedAt,
    DateTimeOffset? PublishedAt,
    bool UpToDateWithPublished,
    int Kept,
    int Moved,
    IReadOnlyList<ScheduledTaskView> Tasks,
    IReadOnlyList<UnstaffedTaskView> Unstaffed,
    IReadOnlyList<ReplanView> Replan)
{
    /// <summary>How many assigned tasks the schedule shown holds, on every page.</summary>
    public int AssignedCount { get; init; } = Tasks.Count;

    /// <summary>How many unstaffed tasks the schedule shown holds, on every page.</summary>
    public int UnstaffedCount { get; init; } = Unstaffed.Count;
}
