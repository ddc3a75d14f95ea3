using Azure;
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

/// <summary>A change as a user action records it (<see cref="AuditTrail.Prepare"/>).</summary>
public sealed record AuditRecord(string Action, string Target, object? Before, object? After, string? Justification = null);

/// <summary>An action's audit entries, made before its transaction, with the row that writes them in it (<see cref="Action"/>).</summary>
public sealed class PendingAudit
{
    internal PendingAudit(string table, string partitionKey, string rowKey, IReadOnlyList<AuditEntry> entries, IReadOnlyList<Fact> facts, TableEntity row)
    {
        (Table, PartitionKey, RowKey, Entries, Facts, Row) = (table, partitionKey, rowKey, entries, facts, row);
    }

    public string Table { get; }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public IReadOnlyList<AuditEntry> Entries { get; }

    internal IReadOnlyList<Fact> Facts { get; }

    private TableEntity Row { get; }

    /// <summary>The row's insertion, to join the action's own transaction (same table and partition).</summary>
    public TableTransactionAction Action => TableTransactionAction.Add(Row);
}

/// <summary>An action's entries waiting to join the trail, each with its records' types (to tell the followers after a stop).</summary>
public sealed record PendingAuditRow(IReadOnlyList<PendingAuditEntry> Entries);

public sealed record PendingAuditEntry(AuditEntry Entry, string? BeforeType, string? AfterType);

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
    private readonly ITableStore _store;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentTable<PendingAuditRow>> _pendingRows = new(StringComparer.Ordinal);

    /// <summary>An audit trail whose facts <paramref name="followers"/> follow (notices to tell, milestones done by a fact).</summary>
    public AuditTrail(ITableStore store, TimeProvider time, IEnumerable<IFactFollower> followers)
    {
        _table = new DocumentTable<AuditEntry>(store, TableName, e => [new("Action", e.Action), new("Target", e.Target), new("ActorId", e.ActorId)]);
        _time = time;
        _store = store;
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
        var record = new AuditRecord(action, target, before, after, justification);
        var entry = EntryOf(caller, at, record);
        await WriteAsync([entry], [new Fact(caller, action, target, before, after, at) { EntryId = entry.Id }], cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>
    /// What a user action records, made before its transaction so that it is written in it: a row of the action's own
    /// partition (<see cref="PendingPrefix"/>) holding its entries. Once the transaction committed,
    /// <see cref="CompleteAsync"/> moves them to the trail and tells the followers; a process that stopped in between
    /// leaves the row, and <see cref="DrainAsync"/> does it later. So an action is never written without its record,
    /// and the people it concerns are told at least once.
    /// </summary>
    public PendingAudit Prepare(Caller caller, string table, string partitionKey, IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        var at = _time.GetUtcNow();
        var entries = records.Select(r => EntryOf(caller, at, r)).ToList();
        var row = new PendingAuditRow([.. entries.Zip(records, (e, r) => new PendingAuditEntry(e, TypeNameOf(r.Before), TypeNameOf(r.After)))]);
        var rowKey = RowKeyOfPending(entries[0]);
        return new PendingAudit(table, partitionKey, rowKey, entries, [.. records.Zip(entries, (r, e) => new Fact(caller, r.Action, r.Target, r.Before, r.After, at) { EntryId = e.Id })], PendingRows(table).ToEntity(partitionKey, rowKey, row));
    }

    /// <summary>
    /// A user action that writes one partition of <paramref name="table"/>: its <paramref name="writes"/> and its audit row
    /// in one transaction (<see cref="Prepare"/>), then its entries join the trail (<see cref="CompleteAsync"/>). Returns the
    /// writes' ETags, in order; the store's refusal (409, 412, 404) is the caller's, and nothing is written then.
    /// </summary>
    public async Task<IReadOnlyList<ETag?>> SubmitAsync<T>(Caller caller, DocumentTable<T> table, IReadOnlyList<TableTransactionAction> writes, AuditRecord record, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentOutOfRangeException.ThrowIfZero(writes.Count);
        var pending = Prepare(caller, table.Table, writes[0].Entity.PartitionKey, [record]);
        var etags = await table.SubmitAsync([.. writes, pending.Action], cancellationToken).ConfigureAwait(false);
        await CompleteAsync(pending, cancellationToken).ConfigureAwait(false);
        return [.. etags.Take(writes.Count)];
    }

    /// <summary>Inserts a new record with its action's audit row (<see cref="SubmitAsync"/>); 409 if the key is taken.</summary>
    public async Task<ETag> InsertAsync<T>(Caller caller, DocumentTable<T> table, string partitionKey, string rowKey, T value, AuditRecord record, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return (await SubmitAsync(caller, table, [TableTransactionAction.Add(table.ToEntity(partitionKey, rowKey, value))], record, cancellationToken).ConfigureAwait(false))[0]!.Value;
    }

    /// <summary>Replaces a record if it still has <paramref name="ifMatch"/>, with its action's audit row (<see cref="SubmitAsync"/>); 412 otherwise.</summary>
    public async Task<ETag> ReplaceAsync<T>(Caller caller, DocumentTable<T> table, string partitionKey, string rowKey, T value, ETag ifMatch, AuditRecord record, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return (await SubmitAsync(caller, table, [TableTransactionAction.UpdateReplace(table.ToEntity(partitionKey, rowKey, value), ifMatch)], record, cancellationToken).ConfigureAwait(false))[0]!.Value;
    }

    /// <summary>
    /// After the action's transaction committed: its entries join the trail, its followers are told, its row goes. The
    /// action is written whatever happens here: a store that fails now leaves the row, and <see cref="DrainAsync"/>
    /// completes it later (the caller is not told of a failure that is not theirs, nor asked to do again what is done).
    /// </summary>
    public async Task CompleteAsync(PendingAudit pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        try
        {
            await WriteAsync(pending.Entries, pending.Facts, cancellationToken).ConfigureAwait(false);
            Forget(pending);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            // Left for the drain (the AuditOutbox timer, the next start).
        }
    }

    /// <summary>
    /// Completes the actions of a partition whose process stopped after their transaction (rows at least
    /// <paramref name="olderThan"/> old, so that a running action completes its own): their entries join the trail
    /// (once: an entry already there is kept), their followers are told with the records read back. Returns how many.
    /// </summary>
    public async Task<int> DrainAsync(string table, string partitionKey, TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var rows = PendingRows(table);
        IReadOnlyList<Versioned<PendingAuditRow>> pending;
        try
        {
            pending = await rows.ListAsync(partitionKey, PendingPrefix, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsNotFound)
        {
            return 0;
        }

        var cutoff = (_time.GetUtcNow() - olderThan).UtcTicks;
        var drained = 0;
        foreach (var row in pending)
        {
            var entries = row.Value.Entries;
            if (entries.Count == 0 || entries[0].Entry.At.UtcTicks > cutoff)
            {
                continue;
            }

            var facts = entries.Select(e => new Fact(
                new Caller(e.Entry.ActorId, e.Entry.ActorName, e.Entry.ActorRoles.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)),
                e.Entry.Action,
                e.Entry.Target,
                Parse(e.Entry.Before, e.BeforeType),
                Parse(e.Entry.After, e.AfterType),
                e.Entry.At) { EntryId = e.Entry.Id }).ToList();
            await WriteAsync([.. entries.Select(e => e.Entry)], facts, cancellationToken).ConfigureAwait(false);
            await ForgetAsync(table, partitionKey, RowKeyOfPending(entries[0].Entry), row.ETag, cancellationToken).ConfigureAwait(false);
            drained++;
        }

        return drained;
    }

    /// <summary>RowKey prefix, in an area's partition, of an action's audit entries not yet in the trail.</summary>
    public const string PendingPrefix = "audit-pending~";

    private static string RowKeyOfPending(AuditEntry first) =>
        PendingPrefix + first.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" + first.Id;

    private AuditEntry EntryOf(Caller caller, DateTimeOffset at, AuditRecord record) => new(
        Guid.NewGuid().ToString("N"),
        at,
        caller.Id,
        caller.Name,
        [.. caller.RoleSet.Order(StringComparer.Ordinal)],
        record.Action,
        record.Target,
        record.Before is null ? null : JsonSerializer.Serialize(record.Before, SaisonJson.Options),
        record.After is null ? null : JsonSerializer.Serialize(record.After, SaisonJson.Options),
        record.Justification);

    // Entries join the trail once (an entry already there, from a completion that stopped before its row went, stays).
    private async Task WriteAsync(IReadOnlyList<AuditEntry> entries, IReadOnlyList<Fact> facts, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            try
            {
                await _table.InsertAsync(PartitionOf(entry.At), RowKeyOf(entry), entry, cancellationToken).ConfigureAwait(false);
            }
            catch (TableStoreException e) when (e.IsConflict)
            {
                // Written by an earlier completion of the same action.
            }
        }

        foreach (var fact in facts)
        {
            foreach (var follower in _followers)
            {
                await follower.FollowAsync(fact, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Completed actions' rows, deleted in the background a partition's hundred at a time: one write for many actions, not
    // one more write per action on the store every writer shares. A row still there when its process stops is completed
    // again by the drain, harmlessly (its entries are in the trail already, its notices have the same ids).
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingAudit> _completed = new();
    private int _forgetting;
    private Task _forgotten = Task.CompletedTask;

    private void Forget(PendingAudit pending)
    {
        _completed.Enqueue(pending);
        if (Interlocked.Exchange(ref _forgetting, 1) == 0)
        {
            _forgotten = Task.Run(ForgetCompletedAsync);
        }
    }

    /// <summary>Waits until the rows of the actions completed so far are deleted (tests that count a partition's rows).</summary>
    public async Task SettledAsync()
    {
        while (Volatile.Read(ref _forgetting) != 0 || !_completed.IsEmpty)
        {
            await _forgotten.ConfigureAwait(false);
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private async Task ForgetCompletedAsync()
    {
        try
        {
            await ForgetCompletedLoopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store went away (the app stops): the rows left are the drain's.
            Volatile.Write(ref _forgetting, 0);
        }
    }

    private async Task ForgetCompletedLoopAsync()
    {
        while (true)
        {
            // A moment for the actions of the same instant to join.
            await Task.Delay(TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
            var rows = new List<PendingAudit>();
            while (_completed.TryDequeue(out var row))
            {
                rows.Add(row);
            }

            foreach (var group in rows.GroupBy(r => (r.Table, r.PartitionKey)))
            {
                foreach (var chunk in group.Chunk(TableRules.MaxTransactionActions))
                {
                    try
                    {
                        await _store.SubmitTransactionAsync(group.Key.Table, [.. chunk.Select(r => TableTransactionAction.Delete(r.PartitionKey, r.RowKey, ETag.All))]).ConfigureAwait(false);
                    }
                    catch (Exception e) when (IsStoreFailure(e))
                    {
                        // One of them was drained meanwhile (404 fails the batch), or the store failed: one by one, what can be.
                        foreach (var row in chunk)
                        {
                            try
                            {
                                await ForgetAsync(row.Table, row.PartitionKey, row.RowKey, ETag.All, CancellationToken.None).ConfigureAwait(false);
                            }
                            catch (Exception again) when (IsStoreFailure(again))
                            {
                                // Left for the drain.
                            }
                        }
                    }
                }
            }

            Volatile.Write(ref _forgetting, 0);
            if (_completed.IsEmpty || Interlocked.Exchange(ref _forgetting, 1) != 0)
            {
                return;
            }
        }
    }

    private async Task ForgetAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await _store.DeleteEntityAsync(table, partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableStoreException e) when (e.IsNotFound || e.IsPreconditionFailed)
        {
            // Completed by another process meanwhile.
        }
    }

    // What a store that fails throws (the embedded store, the Table service, the network): the row waits for the drain.
    private static bool IsStoreFailure(Exception e) => e is TableStoreException or RequestFailedException or HttpRequestException or TimeoutException;

    private DocumentTable<PendingAuditRow> PendingRows(string table) => _pendingRows.GetOrAdd(table, t => new DocumentTable<PendingAuditRow>(_store, t));

    // A record's type, to read it back as the followers know it: the app's own records only.
    private static string? TypeNameOf(object? value) =>
        value?.GetType() is { } type && type.FullName is { } name && name.StartsWith("Saison.", StringComparison.Ordinal) ? name + ", " + type.Assembly.GetName().Name : null;

    private static object? Parse(string? json, string? typeName)
    {
        if (json is null)
        {
            return null;
        }

        var type = typeName is not null && typeName.StartsWith("Saison.", StringComparison.Ordinal) ? Type.GetType(typeName, throwOnError: false) : null;
        return type is null ? JsonSerializer.Deserialize<JsonElement>(json, SaisonJson.Options) : JsonSerializer.Deserialize(json, type, SaisonJson.Options);
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
