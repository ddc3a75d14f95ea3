using System.Globalization;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Leave;

/// <summary>
/// Table <c>Leave</c>: one partition per season and team (<c>2027~regie-plateau</c>) holding the
/// team's ledger (<c>ledger</c>), presence rules (<c>rules</c>) and requests (<c>request~id</c>),
/// so what must change together can be written in one entity-group transaction.
/// </summary>
public sealed class LeaveStore
{
    public const string TableName = "Leave";
    public const string LedgerKey = "ledger";
    public const string RulesKey = "rules";
    public const string RequestPrefix = "request~";

    public LeaveStore(ITableStore store)
    {
        Ledgers = new DocumentTable<LeaveLedger>(store, TableName);
        Rules = new DocumentTable<PresenceRulesRecord>(store, TableName);
        Requests = new DocumentTable<LeaveRequest>(store, TableName, r => [new("AgentId", r.AgentId), new("Status", r.Status.ToString())]);
    }

    public DocumentTable<LeaveLedger> Ledgers { get; }

    public DocumentTable<PresenceRulesRecord> Rules { get; }

    public DocumentTable<LeaveRequest> Requests { get; }

    public static string Partition(int season, string teamId) => season.ToString(CultureInfo.InvariantCulture) + "~" + teamId;

    public Task<Versioned<LeaveLedger>?> LedgerAsync(int season, string teamId, CancellationToken cancellationToken = default) =>
        Ledgers.GetAsync(Partition(season, teamId), LedgerKey, cancellationToken);

    public Task<IReadOnlyList<Versioned<LeaveRequest>>> RequestsOfTeamAsync(int season, string teamId, CancellationToken cancellationToken = default) =>
        Requests.ListAsync(Partition(season, teamId), RequestPrefix, cancellationToken);
}
