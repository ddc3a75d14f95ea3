using Azure;
using Saison.Storage;

namespace Saison.Application.Persistence;

/// <summary>
/// This process's own writes of one revision entity (see <see cref="GuardedRevision"/>), each from the ETag it replaced to
/// the one it wrote, with what it wrote: a list read under one of these ETags follows them to a later one without reading
/// the store again. Writes queue for their submission only (<see cref="SubmitAsync"/>), so each knows the revision it replaces.
/// </summary>
/// <typeparam name="TWrite">What one transaction wrote, as a cached list applies it.</typeparam>
public sealed class RevisionWriteLog<TWrite>
    where TWrite : class
{
    private const int Kept = 8192;
    private readonly List<(ETag? From, ETag To, TWrite Write)> _writes = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KnownRevision _known;

    /// <summary>
    /// Submits one transaction with, last, the revision guarded by what this process knows of it (see
    /// <see cref="GuardedRevision"/>), one of this process's writes at a time, and keeps it if nobody else wrote in between.
    /// </summary>
    /// <param name="written">What the transaction wrote, given the ETags written; null if a list cannot follow it.</param>
    public async Task<IReadOnlyList<ETag?>> SubmitAsync<T>(DocumentTable<T> table, List<TableTransactionAction> actions, TableEntity revision, Func<IReadOnlyList<ETag?>, TWrite?> written, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(written);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            KnownRevision from;
            lock (_lock)
            {
                from = _known;
            }

            var (etags, followed) = await GuardedRevision.SubmitAsync(table, actions, revision, from, cancellationToken).ConfigureAwait(false);
            Record(followed ? from : KnownRevision.Unknown, etags[^1], written(etags));
            return etags;
        }
        catch (Exception e) when (!GuardedRevision.WroteNothing(e))
        {
            // After anything but a refusal, the revision is not trusted.
            Record(KnownRevision.Unknown, null, null);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A write from <paramref name="from"/> (unknown: another process may have written before it, the chain breaks) to
    /// <paramref name="to"/> (null: not known either); <paramref name="write"/> null when it cannot be followed.
    /// </summary>
    private void Record(KnownRevision from, ETag? to, TWrite? write)
    {
        lock (_lock)
        {
            if (from.Known && to is { } t && write is not null)
            {
                if (_writes.Count >= Kept)
                {
                    _writes.RemoveRange(0, Kept / 2);
                }

                _writes.Add((from.ETag, t, write));
            }
            else
            {
                _writes.Clear();
            }

            _known = to is { } written ? KnownRevision.At(written) : KnownRevision.Unknown;
        }
    }

    /// <summary>The revision as a reader found it (null: absent), kept only while this process knows nothing fresher.</summary>
    public void Note(ETag? read)
    {
        lock (_lock)
        {
            if (!_known.Known)
            {
                _known = read is { } etag ? KnownRevision.At(etag) : KnownRevision.Absent;
            }
        }
    }

    /// <summary>
    /// The writes, in order, that took the revision from <paramref name="from"/> to <paramref name="to"/> (null: absent);
    /// none when they are equal; <c>null</c> when this process does not know them all (another process wrote, or too long ago).
    /// </summary>
    public IReadOnlyList<TWrite>? Between(ETag? from, ETag? to)
    {
        if (from == to)
        {
            return [];
        }

        lock (_lock)
        {
            var start = _writes.FindIndex(w => w.From == from);
            if (start < 0)
            {
                return null;
            }

            // Each write kept follows the one before it (a write that did not is never kept: it clears the log).
            var writes = new List<TWrite>();
            for (var i = start; i < _writes.Count; i++)
            {
                writes.Add(_writes[i].Write);
                if (_writes[i].To == to)
                {
                    return writes;
                }
            }

            return null;
        }
    }
}
