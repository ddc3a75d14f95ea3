using System.Text.Json;
using Azure;
using Saison.Storage;

namespace Saison.Application.Persistence;

/// <summary>
/// Records of one kind kept as JSON in table entities (property <c>Data</c>, split over
/// <c>Data1</c>, <c>Data2</c>… past the service's 64 KiB string limit). Extra properties from
/// <paramref name="indexes"/> are stored beside the JSON for filters. Updates carry the ETag read.
/// </summary>
public sealed class DocumentTable<T>
    where T : class
{
    private const int ChunkChars = 30_000;
    private readonly ITableStore _store;
    private readonly Func<T, IEnumerable<KeyValuePair<string, object>>>? _indexes;
    private int _created;

    public DocumentTable(ITableStore store, string table, Func<T, IEnumerable<KeyValuePair<string, object>>>? indexes = null)
    {
        _store = store;
        Table = table;
        _indexes = indexes;
        TableRules.ValidateTableName(table);
    }

    public string Table { get; }

    public async Task<Versioned<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _store.GetEntityIfExistsAsync(Table, partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<T>(Deserialize(entity), entity.ETag);
    }

    /// <summary>Every record of a partition (optionally those whose RowKey starts with a prefix), following continuations.</summary>
    public async Task<IReadOnlyList<Versioned<T>>> ListAsync(string partitionKey, string? rowKeyPrefix = null, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var query = rowKeyPrefix is null ? TableQuery.Partition(partitionKey) : TableQuery.RowKeyPrefix(partitionKey, rowKeyPrefix);
        var results = new List<Versioned<T>>();
        await foreach (var entity in _store.QueryAllAsync(Table, query, cancellationToken).ConfigureAwait(false))
        {
            results.Add(new Versioned<T>(Deserialize(entity), entity.ETag));
        }

        return results;
    }

    /// <summary>The records of a partition whose RowKey starts with <paramref name="rowKeyPrefix"/> and whose indexed <paramref name="property"/> equals <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<Versioned<T>>> ListWhereAsync(string partitionKey, string rowKeyPrefix, string property, string value, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var query = TableQuery.RowKeyPrefix(partitionKey, rowKeyPrefix).Where(property, FilterOperator.Equal, value);
        var results = new List<Versioned<T>>();
        await foreach (var entity in _store.QueryAllAsync(Table, query, cancellationToken).ConfigureAwait(false))
        {
            results.Add(new Versioned<T>(Deserialize(entity), entity.ETag));
        }

        return results;
    }

    /// <summary>Inserts a new record; a <see cref="TableStoreException"/> with 409 if the key is taken.</summary>
    public async Task<ETag> InsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return await _store.AddEntityAsync(Table, ToEntity(partitionKey, rowKey, value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a record if it still has <paramref name="ifMatch"/>; 412 otherwise.</summary>
    public async Task<ETag> ReplaceAsync(string partitionKey, string rowKey, T value, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return await _store.UpdateEntityAsync(Table, ToEntity(partitionKey, rowKey, value), ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts or replaces without a condition: for seeding and idempotent imports only.</summary>
    public async Task<ETag> UpsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return await _store.UpsertEntityAsync(Table, ToEntity(partitionKey, rowKey, value), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await _store.DeleteEntityAsync(Table, partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Several writes of one partition, all or nothing.</summary>
    public async Task<IReadOnlyList<ETag?>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return await _store.SubmitTransactionAsync(Table, actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entity a record is stored as, for transactions.</summary>
    public TableEntity ToEntity(string partitionKey, string rowKey, T value)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        var json = JsonSerializer.Serialize(value, SaisonJson.Options);
        for (int i = 0, part = 0; i < json.Length || part == 0; i += ChunkChars, part++)
        {
            entity[part == 0 ? "Data" : "Data" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.Substring(i, Math.Min(ChunkChars, json.Length - i));
        }

        if (_indexes is not null)
        {
            foreach (var (name, index) in _indexes(value))
            {
                entity[name] = index;
            }
        }

        return entity;
    }

    public static T Deserialize(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var json = entity.GetString("Data") ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) holds no Data.");
        for (var part = 1; entity.GetString("Data" + part.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chunk; part++)
        {
            json += chunk;
        }

        return JsonSerializer.Deserialize<T>(json, SaisonJson.Options)
            ?? throw new InvalidDataException($"Entity ({entity.PartitionKey}, {entity.RowKey}) holds null.");
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _store.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
