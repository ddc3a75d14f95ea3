using System.Collections.Concurrent;
using System.Globalization;
using Azure;
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
        // A ledger is read by every request, list and evaluation of its team, and written by each of its changes only.
        Ledgers = DocumentTable<LeaveLedger>.KeepingParsed(store, TableName);
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

    // Each team's requests as last listed, with the ETag its ledger had when they were: every write of a request writes
    // the ledger in the same transaction, so the same ledger ETag means the same requests.
    private readonly ConcurrentDictionary<string, (ETag? Ledger, IReadOnlyList<Versioned<LeaveRequest>> Requests)> _listed = new(StringComparer.Ordinal);

    /// <summary>
    /// Every request of a team's season. The team's ledger is read first (one point read): while it keeps its ETag, the
    /// requests listed before are the team's requests still, and are not read and parsed again (a manager's page, the
    /// lists of leave, read every team's). A write in between changes the ledger, so the next read lists them again.
    /// </summary>
    public async Task<IReadOnlyList<Versioned<LeaveRequest>>> RequestsOfTeamAsync(int season, string teamId, CancellationToken cancellationToken = default)
    {
        var partition = Partition(season, teamId);
        var ledger = await Ledgers.GetAsync(partition, LedgerKey, cancellationToken).ConfigureAwait(false);
        if (_listed.TryGetValue(partition, out var cached) && cached.Ledger == ledger?.ETag)
        {
            return cached.Requests;
        }

        var requests = await Requests.ListAsync(partition, RequestPrefix, cancellationToken).ConfigureAwait(false);
        _listed[partition] = (ledger?.ETag, requests);
        return requests;
    }
}
