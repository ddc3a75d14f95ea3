using System.Globalization;
using Saison.Application.Persistence;
using Saison.Domain.Logistics;
using Saison.Storage;

namespace Saison.Application.Logistics;

/// <summary>
/// Where logistics records live: the catalogue and its policy (table <c>LogisticsCatalog</c>,
/// partition = season), requests (<c>LogisticsRequests</c>, partition = season, indexed by
/// organiser) and one allocation ledger per resource (<c>LogisticsAllocations</c>, partition =
/// season and item, so a resource's allocations change together).
/// </summary>
public sealed class LogisticsStore
{
    public const string CatalogTable = "LogisticsCatalog";
    public const string RequestTable = "LogisticsRequests";
    public const string AllocationTable = "LogisticsAllocations";
    private const string LedgerRow = "ledger";
    private const string PolicyRow = "policy";
    private const string ItemPrefix = "item-";

    public LogisticsStore(ITableStore store)
    {
        Items = new DocumentTable<CatalogItem>(store, CatalogTable, i => [new("Kind", i.Kind.ToString()), new("ServiceId", i.ServiceId)]);
        Policies = new DocumentTable<CatalogPolicy>(store, CatalogTable);
        Requests = new DocumentTable<StoredRequest>(store, RequestTable, r => [new("OrganiserId", r.OrganiserId), new("EventId", r.EventId), new("Stage", r.Stage.ToString())]);
        Ledgers = new DocumentTable<AllocationLedger>(store, AllocationTable);
    }

    public DocumentTable<CatalogItem> Items { get; }

    public DocumentTable<CatalogPolicy> Policies { get; }

    public DocumentTable<StoredRequest> Requests { get; }

    public DocumentTable<AllocationLedger> Ledgers { get; }

    public static string SeasonKey(int season) => season.ToString(CultureInfo.InvariantCulture);

    public static string ItemRow(string itemId) => ItemPrefix + itemId;

    public static string LedgerPartition(int season, string itemId) => SeasonKey(season) + "-" + itemId;

    public async Task<IReadOnlyList<Versioned<CatalogItem>>> ListItemsAsync(int season, CancellationToken cancellationToken = default) =>
        await Items.ListAsync(SeasonKey(season), ItemPrefix, cancellationToken).ConfigureAwait(false);

    public Task<Versioned<CatalogItem>?> GetItemAsync(int season, string itemId, CancellationToken cancellationToken = default) =>
        Items.GetAsync(SeasonKey(season), ItemRow(itemId), cancellationToken);

    public async Task<CatalogPolicy> GetPolicyAsync(int season, CancellationToken cancellationToken = default) =>
        (await Policies.GetAsync(SeasonKey(season), PolicyRow, cancellationToken).ConfigureAwait(false))?.Value ?? CatalogPolicy.Empty;

    public Task<Versioned<CatalogPolicy>?> GetVersionedPolicyAsync(int season, CancellationToken cancellationToken = default) =>
        Policies.GetAsync(SeasonKey(season), PolicyRow, cancellationToken);

    public Task UpsertPolicyAsync(int season, CatalogPolicy policy, CancellationToken cancellationToken = default) =>
        Policies.UpsertAsync(SeasonKey(season), PolicyRow, policy, cancellationToken);

    public Task<Versioned<StoredRequest>?> GetRequestAsync(int season, string id, CancellationToken cancellationToken = default) =>
        Requests.GetAsync(SeasonKey(season), id, cancellationToken);

    public Task<IReadOnlyList<Versioned<StoredRequest>>> ListRequestsAsync(int season, CancellationToken cancellationToken = default) =>
        Requests.ListAsync(SeasonKey(season), cancellationToken: cancellationToken);

    /// <summary>The ledger of one resource (empty, without ETag, when nothing was ever allocated).</summary>
    public async Task<(AllocationLedger Ledger, Azure.ETag? ETag)> GetLedgerAsync(int season, string itemId, CancellationToken cancellationToken = default)
    {
        var found = await Ledgers.GetAsync(LedgerPartition(season, itemId), LedgerRow, cancellationToken).ConfigureAwait(false);
        return found is null ? (new AllocationLedger(itemId, []), null) : (found.Value, found.ETag);
    }

    /// <summary>Writes a ledger read with <paramref name="etag"/> (inserted when it did not exist): a 412 or 409 means someone wrote first.</summary>
    public async Task SaveLedgerAsync(int season, AllocationLedger ledger, Azure.ETag? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var partition = LedgerPartition(season, ledger.ItemId);
        if (etag is { } match)
        {
            await Ledgers.ReplaceAsync(partition, LedgerRow, ledger, match, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Ledgers.InsertAsync(partition, LedgerRow, ledger, cancellationToken).ConfigureAwait(false);
        }
    }
}
