namespace Saison.Domain.Leave;

/// <summary>
/// A request as the team's ledger holds it while it counts: pending (reserving the balance) or
/// approved (absent). Refused and cancelled requests leave the ledger.
/// </summary>
public sealed record BookedLeave(string RequestId, string AgentId, LeaveKind Kind, LeavePeriod Period, decimal Days, LeaveStatus Status)
{
    /// <summary>Whether the agent is away (approved), not just asking.</summary>
    public bool IsApproved => Status == LeaveStatus.Approved;
}

/// <summary>Overtime banked as recovery time (hours), with what it was worked for.</summary>
public sealed record RecoveryCredit(string Id, string AgentId, decimal Hours, DateOnly WorkedOn, string Reason);
