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

/// <summary>How a leave use case ended, for the HTTP layer to map.</summary>
public enum LeaveOutcome
{
    Done,
    Created,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    BusinessRule,
    Stale,
}

/// <summary>A leave use case's result: a value, or a refusal with its field or reasons.</summary>
public sealed record LeaveResult<T>(LeaveOutcome Outcome, T? Value = default, string? Detail = null, IReadOnlyList<Reason>? Reasons = null, string? Field = null, Azure.ETag? ETag = null)
{
    public static LeaveResult<T> Ok(T value, Azure.ETag? etag = null) => new(LeaveOutcome.Done, value, ETag: etag);

    public static LeaveResult<T> Created(T value, Azure.ETag etag) => new(LeaveOutcome.Created, value, ETag: etag);

    public static LeaveResult<T> Invalid(string field, string detail) => new(LeaveOutcome.Invalid, Detail: detail, Field: field);

    public static LeaveResult<T> NotFound(string detail) => new(LeaveOutcome.NotFound, Detail: detail);

    public static LeaveResult<T> Forbidden(string detail) => new(LeaveOutcome.Forbidden, Detail: detail);

    public static LeaveResult<T> Conflict(string detail, IEnumerable<Reason>? reasons = null) => new(LeaveOutcome.Conflict, Detail: detail, Reasons: reasons?.ToList());

    public static LeaveResult<T> Rule(string detail, IEnumerable<Reason> reasons, string? field = null) => new(LeaveOutcome.BusinessRule, Detail: detail, Reasons: [.. reasons], Field: field);

    public static LeaveResult<T> Stale() => new(LeaveOutcome.Stale);

    /// <summary>The same refusal for another value type.</summary>
    public LeaveResult<TOther> As<TOther>() => new(Outcome, default, Detail, Reasons, Field, ETag);
}
