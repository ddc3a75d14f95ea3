using Azure;

namespace Saison.Storage;

/// <summary>
/// A table-entity store shaped like the Azure Table service. Two backends implement it — embedded
/// SQLite and the Table service through the Azure SDK (Azure.Data.Tables) — and both pass one contract test suite.
/// Keys, names and sizes are checked against the service's rules before any I/O
/// (<see cref="TableRules"/>); a refusal by the store is a <see cref="TableStoreException"/>.
/// </summary>
public interface ITableStore
{
    /// <summary>Which backend this is: <c>sqlite</c> or <c>azure-table</c>.</summary>
    string Kind { get; }

    /// <summary>Creates the table if it does not exist yet.</summary>
    Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Point read; <c>null</c> when the entity (or the table) does not exist.</summary>
    Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>One page of a query, ordered by PartitionKey then RowKey. A page may be empty yet continue.</summary>
    Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new entity; <see cref="TableErrorCodes.EntityAlreadyExists"/> (409) if it exists.</summary>
    Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts or merges/replaces without a condition.</summary>
    Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges (the default, as the Azure SDK does) or replaces an existing entity if its ETag still
    /// matches <paramref name="ifMatch"/> (<see cref="ETag.All"/> to opt out explicitly); 412 on mismatch, 404 when absent.
    /// </summary>
    Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Deletes an entity if its ETag matches (<see cref="ETag.All"/> for any); 404 when absent, 412 on mismatch.</summary>
    Task DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// An entity-group transaction: one partition, at most 100 entities each named once; all or nothing.
    /// Returns the new ETag of each action in order (<c>null</c> for deletes).
    /// </summary>
    Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}

/// <summary>How an update treats properties absent from the sent entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep properties the sent entity does not name.</summary>
    Merge,

    /// <summary>The sent entity becomes the whole entity.</summary>
    Replace,
}

/// <summary>One page of entities and the opaque token for the next one (<c>null</c> at the end).</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities, string? ContinuationToken);
