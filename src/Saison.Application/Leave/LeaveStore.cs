using System.Globalization;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Leave;

/// <summary>
/// Table <c>Leave</c>: one partition per season and team (<c>{season}~{team}</c>) holding the
/// team's ledger (<c>ledger</c>), presence rules (<c>rules</c>) and requests (<c>request~id</c>),
/// so what must change together can be written in one entity-group transaction.
/// </summary>
public sealed class LeaveStore
{
    /// <summary>The table's name.</summary>
    public const string TableName = "Leave";
    /// <summary>RowKey of a team's ledger.</summary>
    public const string LedgerKey = "ledger";
    /// <summary>RowKey of a team's presence rules.</summary>
    public const string RulesKey = "rules";
    /// <summary>RowKey prefix of requests.</summary>
    public const string RequestPrefix = "request~";

    /// <summary>The leave tables on a store.</summary>
    public LeaveStore(ITableStore store)
    {
        Ledgers = new DocumentTable<LeaveLedger>(store, TableName);
        Rules = new DocumentTable<PresenceRulesRecord>(store, TableName);
        Requests = new DocumentTable<LeaveRequest>(store, TableName, r => [new("AgentId", r.AgentId), new("Status", r.Status.ToString())]);
    }

    /// <summary>Teams' ledgers.</summary>
    public DocumentTable<LeaveLedger> Ledgers { get; }

    /// <summary>Teams' presence rules.</summary>
    public DocumentTable<PresenceRulesRecord> Rules { get; }

    /// <summary>Leave requests.</summary>
    public DocumentTable<LeaveRequest> Requests { get; }

    /// <summary>The partition of a team's season: ledger, rules and requests together.</summary>
    public static string Partition(int season, string teamId) => season.ToString(CultureInfo.InvariantCulture) + "~" + teamId;

    /// <summary>A team's ledger with its ETag; null before the first request.</summary>
    public Task<Versioned<LeaveLedger>?> LedgerAsync(int season, string teamId, CancellationToken cancellationToken = default) =>
        Ledgers.GetAsync(Partition(season, teamId), LedgerKey, cancellationToken);

    /// <summary>Every request of a team's season.</summary>
    public Task<IReadOnlyList<Versioned<LeaveRequest>>> RequestsOfTeamAsync(int season, string teamId, CancellationToken cancellationToken = default) =>
        Requests.ListAsync(Partition(season, teamId), RequestPrefix, cancellationToken);
}
