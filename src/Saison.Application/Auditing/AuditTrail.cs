using System.Globalization;
using System.Text.Json;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Auditing;

/// <summary>One state-changing call: who, when, what, and the record before and after (JSON).</summary>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    IReadOnlyList<string> ActorRoles,
    string Action,
    string Target,
    string? Before,
    string? After,
    string? Justification = null);

/// <summary>
/// The audit trail, kept in table <c>Audit</c> partitioned by month, newest first (inverted ticks
/// in the RowKey), so Admin reads recent activity page by page.
/// </summary>
public sealed class AuditTrail
{
    public const string TableName = "Audit";
    private readonly DocumentTable<AuditEntry> _table;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IFactFollower> _followers;

    /// <summary>An audit trail whose facts <paramref name="followers"/> follow (notices to tell, milestones done by a fact).</summary>
    public AuditTrail(ITableStore store, TimeProvider time, IEnumerable<IFactFollower> followers)
    {
        _table = new DocumentTable<AuditEntry>(store, TableName, e => [new("Action", e.Action), new("Target", e.Target), new("ActorId", e.ActorId)]);
        _time = time;
        _followers = [.. followers];
    }

    /// <summary>An audit trail nobody follows (one area's tests).</summary>
    public AuditTrail(ITableStore store, TimeProvider time)
        : this(store, time, [])
    {
    }

    /// <summary>Records a change; <paramref name="before"/> and <paramref name="after"/> are serialised as the API shows them.</summary>
    public async Task<AuditEntry> RecordAsync(Caller caller, string action, string target, object? before, object? after, string? justification = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var at = _time.GetUtcNow();
        var entry = new AuditEntry(
            Guid.NewGuid().ToString("N"),
            at,
            caller.Id,
            caller.Name,
            [.. caller.RoleSet.Order(StringComparer.Ordinal)],
            action,
            target,
            before is null ? null : JsonSerializer.Serialize(before, SaisonJson.Options),
            after is null ? null : JsonSerializer.Serialize(after, SaisonJson.Options),
            justification);
        await _table.InsertAsync(PartitionOf(at), RowKeyOf(entry), entry, cancellationToken).ConfigureAwait(false);
        if (_followers.Count > 0)
        {
            var fact = new Fact(caller, action, target, before, after, at);
            foreach (var follower in _followers)
            {
                await follower.FollowAsync(fact, cancellationToken).ConfigureAwait(false);
            }
        }

        return entry;
    }

    /// <summary>The entries of one month (<c>yyyy-MM</c>), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string month, CancellationToken cancellationToken = default)
    {
        var rows = await _table.ListAsync(month, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.Value)];
    }

    public static string PartitionOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string RowKeyOf(AuditEntry entry) =>
        (DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + entry.Id;
}
