using System.Security.Cryptography;
using System.Text;
using Azure;
using Saison.Application.Persistence;
using Saison.Calendars.Outlook;
using Saison.Storage;

namespace Saison.Application.Calendars;

/// <summary>
/// The Outlook sync state in table <c>OutlookSync</c>: one partition per mailbox calendar, one row
/// per Saison event (keys are hashes: mailbox, calendar and event ids may hold characters the
/// Table service forbids in keys). Writes go in entity-group transactions of at most 100.
/// </summary>
public sealed class OutlookSyncStateTable : IOutlookSyncState
{
    public const string TableName = "OutlookSync";
    private const int TransactionLimit = 100;
    private readonly DocumentTable<SyncedEvent> _table;

    public OutlookSyncStateTable(ITableStore store)
    {
        _table = new DocumentTable<SyncedEvent>(store, TableName);
    }

    public async Task<IReadOnlyDictionary<string, SyncedEvent>> LoadAsync(OutlookTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var rows = await _table.ListAsync(PartitionOf(target), cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Value.SaisonId, r => r.Value, StringComparer.Ordinal);
    }

    public async Task SaveAsync(OutlookTarget target, IReadOnlyList<SyncedEvent> upserts, IReadOnlyList<string> removals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var partition = PartitionOf(target);
        var actions = upserts.Select(u => TableTransactionAction.UpsertReplace(_table.ToEntity(partition, RowOf(u.SaisonId), u)))
            .Concat(removals.Distinct(StringComparer.Ordinal).Select(r => TableTransactionAction.Delete(partition, RowOf(r), ETag.All)))
            .ToList();
        for (var offset = 0; offset < actions.Count; offset += TransactionLimit)
        {
            var chunk = actions.Skip(offset).Take(TransactionLimit).ToList();
            try
            {
                await _table.SubmitAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableStoreException e) when (e.IsNotFound)
            {
                // A row to remove was already gone (a run that crashed after removing it): one by one, absence is fine.
                foreach (var action in chunk)
                {
                    if (action.ActionType == TableTransactionActionType.Delete)
                    {
                        try
                        {
                            await _table.DeleteAsync(partition, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                        }
                        catch (TableStoreException gone) when (gone.IsNotFound)
                        {
                            // Already removed.
                        }
                    }
                    else
                    {
                        await _table.SubmitAsync([action], cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static string PartitionOf(OutlookTarget target) => "t-" + Hash(target.Key.ToLowerInvariant());

    private static string RowOf(string saisonId) => Hash(saisonId);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
