using Saison.Application.Identity;

namespace Saison.Application.Auditing;

/// <summary>
/// A state change as the audit trail records it, with the records before and after as the use case had them
/// (a <c>RequestView</c>, a <c>LeaveRequest</c>, a <c>SeasonEvent</c>…), for what follows from it.
/// </summary>
public sealed record Fact(Caller Caller, string Action, string Target, object? Before, object? After, DateTimeOffset At)
{
    /// <summary>The audit entry that records it: the same when the fact is followed again after a stop (<see cref="AuditTrail.DrainAsync"/>).</summary>
    public string? EntryId { get; init; }
}

/// <summary>
/// What follows from the facts the audit trail records, once the change is committed: the people concerned
/// are told (<c>Notices.DecisionNotices</c>), a milestone tied to an action is done (<c>Planning.MilestoneFacts</c>).
/// A follower never fails the change it follows: the change is already written; it keeps its own failures.
/// </summary>
public interface IFactFollower
{
    Task FollowAsync(Fact fact, CancellationToken cancellationToken = default);
}
