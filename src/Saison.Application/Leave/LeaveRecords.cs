using Saison.Domain.Leave;

namespace Saison.Application.Leave;

/// <summary>A team's presence rules as stored, with who set them last.</summary>
public sealed record PresenceRulesRecord(int Season, string TeamId, PresenceRules Rules, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>A leave request and, once taken, its decision.</summary>
public sealed record LeaveRequest(
    string Id,
    int Season,
    string TeamId,
    string AgentId,
    LeaveKind Kind,
    LeavePeriod Period,
    decimal Days,
    LeaveStatus Status,
    string? Comment,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    LeaveDecision? Decision = null,
    LeaveCancellation? Cancellation = null)
{
    /// <summary>The request as the ledger holds it.</summary>
    public BookedLeave ToBooking() => new(Id, AgentId, Kind, Period, Days, Status);
}

/// <summary>A manager's decision; an approval against failed rules carries its written justification.</summary>
public sealed record LeaveDecision(string By, DateTimeOffset At, bool Approved, string? Comment, string? OverrideJustification, IReadOnlyList<string> OverriddenRules);

public sealed record LeaveCancellation(string By, DateTimeOffset At, string? Comment);
