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

    // Records parsed from the store, by key, with the ETag they were read at (null: every read parses).
    private readonly ParsedRecords? _parsed;

    public DocumentTable(ITableStore store, string table, Func<T, IEnumerable<KeyValuePair<string, object>>>? indexes = null)
        : this(store, table, indexes, null)
    {
    }

    private DocumentTable(ITableStore store, string table, Func<T, IEnumerable<KeyValuePair<string, object>>>? indexes, ParsedRecords? parsed)
    {
        _store = store;
        Table = table;
        _indexes = indexes;
        _parsed = parsed;
        TableRules.ValidateTableName(table);
    }

    public string Table { get; }

    /// <summary>
    /// A table of set-up records (seasons, organisers, sites, the catalogue), read at every request and rarely
    /// written: each record read is kept as parsed with its ETag, and a later read that finds the same ETag
    /// takes it instead of parsing its JSON again. The store is still read every time, so a write by another
    /// process (a new ETag) is seen by the next read. <typeparamref name="T"/> must be immutable: the same
    /// instance is handed to every reader.
    /// </summary>
    public static DocumentTable<T> KeepingParsed(ITableStore store, string table, Func<T, IEnumerable<KeyValuePair<string, object>>>? indexes = null) =>
        new(store, table, indexes, new ParsedRecords());

    public async Task<Versioned<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _store.GetEntityIfExistsAsync(Table, partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<T>(Parse(entity), entity.ETag);
    }

    /// <summary>Every record of a partition (optionally those whose RowKey starts with a prefix), following continuations; an action's audit row waiting there is not one.</summary>
    public async Task<IReadOnlyList<Versioned<T>>> ListAsync(string partitionKey, string? rowKeyPrefix = null, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var query = rowKeyPrefix is null ? TableQuery.Partition(partitionKey) : TableQuery.RowKeyPrefix(partitionKey, rowKeyPrefix);
        var results = new List<Versioned<T>>();
        await foreach (var entity in _store.QueryAllAsync(Table, query, cancellationToken).ConfigureAwait(false))
        {
            if (rowKeyPrefix is null && entity.RowKey.StartsWith(Auditing.AuditTrail.PendingPrefix, StringComparison.Ordinal))
            {
                // An action's audit entries waiting for the trail (AuditTrail.Prepare), not one of the partition's records.
                continue;
            }

            results.Add(new Versioned<T>(Parse(entity), entity.ETag));
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
            results.Add(new Versioned<T>(Parse(entity), entity.ETag));
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

    /// <summary>The record an entity holds: as kept when its ETag is the one it was parsed at, else parsed.</summary>
    private T Parse(TableEntity entity) => _parsed is null ? Deserialize(entity) : _parsed.Get(entity);

    /// <summary>Records parsed, by (PartitionKey, RowKey) with their ETag: every write of an entity gives it a new ETag.</summary>
    private sealed class ParsedRecords
    {
        // Set-up partitions hold tens of records; past this many (a store holding many seasons), start again.
        private const int Kept = 4096;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string PartitionKey, string RowKey), (ETag ETag, T Value)> _records = new();

        public T Get(TableEntity entity)
        {
            if (entity.ETag == default)
            {
                // Nothing to tell one version from another.
                return Deserialize(entity);
            }

            var key = (entity.PartitionKey, entity.RowKey);
            if (_records.TryGetValue(key, out var kept) && kept.ETag == entity.ETag)
            {
                return kept.Value;
            }

            var value = Deserialize(entity);
            if (_records.Count >= Kept)
            {
                _records.Clear();
            }

            _records[key] = (entity.ETag, value);
            return value;
        }
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
