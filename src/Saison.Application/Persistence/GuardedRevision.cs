using Azure;
using Saison.Storage;

namespace Saison.Application.Persistence;

/// <summary>What a process knows of a revision entity before it writes one: nothing, that it does not exist yet, or its ETag.</summary>
public readonly record struct KnownRevision(bool Known, ETag? ETag)
{
    public static KnownRevision Unknown => default;

    public static KnownRevision Absent => new(true, null);

    public static KnownRevision At(ETag etag) => new(true, etag);
}

/// <summary>
/// A transaction whose last action rewrites a revision entity (the one a cached list is read under), guarded by what this
/// process knows of it: replaced only if it still has the ETag known (inserted if known absent), so nobody wrote in
/// between and what the process keeps of the state before the write, with this write applied, is the state after it. If
/// another process wrote (the revision's action refused, nothing written), the transaction is submitted again with the
/// revision written whatever it was, and <c>Followed</c> says the process must read again.
/// </summary>
public static class GuardedRevision
{
    public static async Task<(IReadOnlyList<ETag?> ETags, bool Followed)> SubmitAsync<T>(DocumentTable<T> table, List<TableTransactionAction> actions, TableEntity revision, KnownRevision known, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(actions);
        actions.Add(known switch
        {
            { Known: false } => TableTransactionAction.UpsertReplace(revision),
            { ETag: { } read } => TableTransactionAction.UpdateReplace(revision, read),
            _ => TableTransactionAction.Add(revision),
        });
        try
        {
            return (await table.SubmitAsync(actions, cancellationToken).ConfigureAwait(false), known.Known);
        }
        catch (TableStoreException e) when (known.Known && e.FailedActionIndex == actions.Count - 1 && (e.IsPreconditionFailed || e.IsNotFound || e.IsConflict))
        {
            actions[^1] = TableTransactionAction.UpsertReplace(revision);
            return (await table.SubmitAsync(actions, cancellationToken).ConfigureAwait(false), false);
        }
    }

    /// <summary>Whether an exception leaves the store as it was: a transaction the store refused (4xx) wrote nothing.</summary>
    public static bool WroteNothing(Exception exception) => exception is TableStoreException { Status: >= 400 and < 500 };
}
