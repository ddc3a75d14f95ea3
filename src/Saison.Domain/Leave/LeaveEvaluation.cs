using Saison.Domain.Decisions;

namespace Saison.Domain.Leave;

/// <summary>One presence rule's verdict on a request, with its reasons (the failing days and numbers).</summary>
public sealed record RuleVerdict(string Rule, bool Passed, IReadOnlyList<Reason> Reasons);

/// <summary>A team's coverage on one day, before and after the request.</summary>
public sealed record DayCoverage(DateOnly Date, int Scheduled, int OnDutyBefore, int OnDutyAfter, int? Minimum, IReadOnlyList<SkillCoverage> Skills);

/// <summary>Coverage of one skill that a minimum names.</summary>
public sealed record SkillCoverage(string Skill, int Before, int After, int Minimum);

/// <summary>A crew task already assigned to the agent on a day of the request.</summary>
public sealed record TaskConflict(string TaskId, string Title, string? EventId, DateOnly First, DateOnly Last);

/// <summary>
/// What a manager sees before deciding: each rule's verdict against the leave already approved, the
/// coverage day by day, the crew conflicts, and — when colleagues' requests are still pending on the
/// same days — what the rules would say if all of those were granted too (<see cref="IfPendingGranted"/>).
/// </summary>
public sealed record LeaveEvaluation(IReadOnlyList<RuleVerdict> Verdicts, IReadOnlyList<DayCoverage> Coverage, IReadOnlyList<TaskConflict> Conflicts, PendingOutlook? IfPendingGranted = null)
{
    public bool Passed => Verdicts.All(v => v.Passed);

    public IReadOnlyList<string> FailedRules => [.. Verdicts.Where(v => !v.Passed).Select(v => v.Rule)];

    public IReadOnlyList<Reason> FailureReasons => [.. Verdicts.Where(v => !v.Passed).SelectMany(v => v.Reasons)];
}

/// <summary>A request to evaluate, and everything the rules read.</summary>
public sealed record LeaveEvaluationInput(
    BookedLeave Candidate,
    IReadOnlyList<TeamMember> Team,
    IReadOnlyList<BookedLeave> Ledger,
    PresenceRules Rules,
    SeasonWindow Season,
    IReadOnlyList<BlackoutWindow> DerivedBlackouts,
    IReadOnlyList<AgentTask> AgentTasks);

/// <summary>
/// The rules' verdicts and coverage if every colleague's pending request on the same days were granted
/// as well (« si toutes les demandes en attente étaient accordées… »): first come is not first served
/// by accident, and a manager sees the requests that compete for the same days.
/// </summary>
public sealed record PendingOutlook(IReadOnlyList<string> PendingRequestIds, IReadOnlyList<RuleVerdict> Verdicts, IReadOnlyList<DayCoverage> Coverage)
{
    public bool Passed => Verdicts.All(v => v.Passed);
}
