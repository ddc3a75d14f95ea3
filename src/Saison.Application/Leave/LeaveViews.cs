using Saison.Domain.Decisions;
using Saison.Domain.Leave;

namespace Saison.Application.Leave;

/// <summary>What an agent or their manager sends to ask for leave (or to evaluate a request without saving it).</summary>
public sealed record LeaveRequestInput(string? AgentId, LeaveKind? Kind, DateOnly? First, DateOnly? Last, bool StartsAfternoon = false, bool EndsAtNoon = false, string? Comment = null);

/// <summary>A manager's decision: approve or refuse; approving against failed rules needs a justification.</summary>
public sealed record LeaveDecisionInput(DecisionVerb? Decision, string? Comment = null, string? Justification = null);

/// <summary>Overtime credited as recovery time.</summary>
public sealed record RecoveryCreditInput(string? AgentId, decimal? Hours, DateOnly? WorkedOn, string? Reason);

/// <summary>A request with what the manager needs to decide: the evaluation (pending requests), the balances, the annualised projection.</summary>
public sealed record LeaveRequestView(LeaveRequest Request, LeaveEvaluation? Evaluation, LeaveBalance Balance, AnnualisedProjection? Projection);

/// <summary>A dry run: the evaluation of a request that is not saved.</summary>
public sealed record LeaveEvaluationView(string AgentId, string TeamId, LeaveKind Kind, LeavePeriod Period, decimal Days, LeaveEvaluation Evaluation, Decision BalanceCheck, LeaveBalance Balance, AnnualisedProjection? Projection);

/// <summary>A team's coverage on a day, without names or kinds of leave.</summary>
public sealed record CoverageDay(DateOnly Date, int Scheduled, int OnDuty, int Absent, int? Minimum, bool BelowMinimum, bool Blackout);

public sealed record TeamCoverageView(string TeamId, string TeamName, int Headcount, IReadOnlyList<CoverageDay> Days);

public sealed record CoverageView(int Season, DateOnly From, DateOnly To, IReadOnlyList<TeamCoverageView> Teams);
