using Saison.Domain.Leave;

namespace Saison.Application.Leave;

/// <summary>
/// One team's leave for a season in one entity: what is pending or approved, and the recovery
/// credits. Every submission, decision and cancellation rewrites it with If-Match, so approving
/// against the last free slot is atomic (two managers racing: one wins, the other re-evaluates).
/// </summary>
public sealed record LeaveLedger(int Season, string TeamId, IReadOnlyList<BookedLeave> Bookings, IReadOnlyList<RecoveryCredit> Credits)
{
    /// <summary>The ledger of a team nobody has asked leave in yet.</summary>
    public static LeaveLedger Empty(int season, string teamId) => new(season, teamId, [], []);

    public IEnumerable<BookedLeave> Approved => Bookings.Where(b => b.IsApproved);

    /// <summary>The ledger with this booking added or replaced (same request id).</summary>
    public LeaveLedger With(BookedLeave booking) =>
        this with { Bookings = [.. Bookings.Where(b => b.RequestId != booking.RequestId), booking] };

    /// <summary>The ledger without this request (refused or cancelled).</summary>
    public LeaveLedger Without(string requestId) =>
        this with { Bookings = [.. Bookings.Where(b => b.RequestId != requestId)] };

    /// <summary>The ledger with one more recovery credit.</summary>
    public LeaveLedger With(RecoveryCredit credit) => this with { Credits = [.. Credits, credit] };
}
