using System.Globalization;
using Azure;
using Microsoft.Data.Sqlite;

namespace Saison.Storage.Sqlite;

/// <summary>
/// The embedded backend: one SQLite file (WAL), one SQL table per store table, every write in a
/// transaction so a crash leaves nothing half written. Writers are serialised in-process and
/// take the database's write lock up front (BEGIN IMMEDIATE) so conditional updates never race.
/// </summary>
public sealed class SqliteTableStore : ITableStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly HashSet<string> _knownTables = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SqliteTableStore(string databasePath, TimeProvider? timeProvider = null, bool flushEachCommit = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        DatabasePath = databasePath;
        _time = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();

        _synchronous = flushEachCommit ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    // Set on every connection opened (the setting is the connection's): see StorageOptions.FlushEachCommit.
    private readonly string _synchronous;

    public string Kind => "sqlite";

    public string DatabasePath { get; }

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureTableAsync(connection, table, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateKey("PartitionKey", partitionKey);
        TableRules.ValidateKey("RowKey", rowKey);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await TableExistsAsync(connection, table, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // A large entity read before is sent again only if its ETag changed (every write gives a new one, a GUID in it):
        // a team's leave ledger, read by every list and evaluation of its team, is tens of kilobytes of JSON to parse.
        var key = (table, partitionKey, rowKey);
        _kept.TryGetValue(key, out var kept);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pk, rk, etag, ts, CASE WHEN etag = $known THEN NULL ELSE props END FROM {Quote(table)} WHERE pk = $pk AND rk = $rk";
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        command.Parameters.AddWithValue("$known", kept?.ETag.ToString() ?? string.Empty);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (kept is not null && reader.IsDBNull(4))
        {
            return kept.Clone();
        }

        var props = reader.GetString(4);
        var entity = Materialize(reader, props);
        Keep(key, entity, props.Length);
        return entity;
    }

    // Large entities as last read by key (never a reader's own instance: each reader gets a clone), within a budget of characters.
    private const int KeptFrom = 8 * 1024;
    private const long KeptChars = 16L * 1024 * 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, string PartitionKey, string RowKey), TableEntity> _kept = new();
    private long _keptChars;

    private void Keep((string, string, string) key, TableEntity entity, int chars)
    {
        if (chars < KeptFrom)
        {
            _kept.TryRemove(key, out _);
            return;
        }

        if (Interlocked.Add(ref _keptChars, chars) > KeptChars)
        {
            // Past the budget (many seasons, many large records), start again rather than track each one's age.
            _kept.Clear();
            Interlocked.Exchange(ref _keptChars, chars);
        }

        _kept[key] = entity.Clone();
    }

    public async Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        TableRules.ValidateTableName(table);
        TableRules.ValidateQuery(query);

        string? afterPk = null, fromRk = null;
        if (continuationToken is not null && !ContinuationToken.TryDecode(continuationToken, out afterPk, out fromRk))
        {
            throw new TableStoreException(400, TableErrorCodes.InvalidInput, "The continuation token is not one this store issued.");
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await TableExistsAsync(connection, table, cancellationToken).ConfigureAwait(false))
        {
            throw new TableStoreException(404, TableErrorCodes.TableNotFound, $"Table '{table}' does not exist.");
        }

        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.PartitionKey is not null)
        {
            where.Add("pk = $pk");
            command.Parameters.AddWithValue("$pk", query.PartitionKey);
        }

        if (query.RowKeyFrom is not null)
        {
            where.Add("rk >= $rkFrom");
            command.Parameters.AddWithValue("$rkFrom", query.RowKeyFrom);
        }

        if (query.RowKeyTo is not null)
        {
            where.Add("rk < $rkTo");
            command.Parameters.AddWithValue("$rkTo", query.RowKeyTo);
        }

        if (afterPk is not null)
        {
            // The token names the next entity to return (inclusive), as the service's continuation does.
            where.Add("(pk > $cpk OR (pk = $cpk AND rk >= $crk))");
            command.Parameters.AddWithValue("$cpk", afterPk);
            command.Parameters.AddWithValue("$crk", fromRk ?? string.Empty);
        }

        command.CommandText = $"SELECT pk, rk, etag, ts, props FROM {Quote(table)}"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY pk, rk";

        var results = new List<TableEntity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entity = Materialize(reader);
            if (!EntityFilter.Matches(entity, query.Filters))
            {
                continue;
            }

            if (results.Count == query.PageSize)
            {
                return new TablePage(results, ContinuationToken.Encode(entity.PartitionKey, entity.RowKey));
            }

            results.Add(entity);
        }

        return new TablePage(results, null);
    }

    public Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        return WriteAsync(table, (connection, tx, ct) => ApplyAsync(connection, tx, table, TableTransactionAction.Add(entity), ct), cancellationToken);
    }

    public Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        var action = mode == TableUpdateMode.Merge ? TableTransactionAction.UpsertMerge(entity) : TableTransactionAction.UpsertReplace(entity);
        return WriteAsync(table, (connection, tx, ct) => ApplyAsync(connection, tx, table, action, ct), cancellationToken);
    }

    public Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        var action = mode == TableUpdateMode.Merge ? TableTransactionAction.UpdateMerge(entity, ifMatch) : TableTransactionAction.UpdateReplace(entity, ifMatch);
        return WriteAsync(table, (connection, tx, ct) => ApplyAsync(connection, tx, table, action, ct), cancellationToken);
    }

    public Task DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        var action = TableTransactionAction.Delete(partitionKey, rowKey, ifMatch);
        TableRules.ValidateTransaction([action]);
        return WriteAsync(table, (connection, tx, ct) => ApplyAsync(connection, tx, table, action, ct), cancellationToken);
    }

    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateTransaction(actions);
        var etags = new ETag?[actions.Count];
        await WriteAsync(
            table,
            async (connection, tx, ct) =>
            {
                for (var i = 0; i < actions.Count; i++)
                {
                    try
                    {
                        var etag = await ApplyAsync(connection, tx, table, actions[i], ct).ConfigureAwait(false);
                        etags[i] = actions[i].ActionType == TableTransactionActionType.Delete ? null : etag;
                    }
                    catch (TableStoreException e)
                    {
                        throw new TableStoreException(e.Status, e.ErrorCode, $"Action {i}: {e.Message}", i, e);
                    }
                }

                return default;
            },
            cancellationToken).ConfigureAwait(false);
        return etags;
    }

    public void Dispose()
    {
        _writeLock.Dispose();

        // Close this file's pooled connections only (other stores in the process keep theirs), so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<ETag> WriteAsync(string table, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<ETag>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            // BEGIN IMMEDIATE: take the database's write lock before reading what the write depends on
            // (ETag checks), so another process on the same file cannot slip in between.
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (!await TableExistsAsync(connection, table, cancellationToken, transaction).ConfigureAwait(false))
            {
                throw new TableStoreException(404, TableErrorCodes.TableNotFound, $"Table '{table}' does not exist.");
            }

            var etag = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return etag;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<ETag> ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, string table, TableTransactionAction action, CancellationToken cancellationToken)
    {
        var entity = action.Entity;
        var existing = await ReadAsync(connection, transaction, table, entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add when existing is not null:
                throw new TableStoreException(409, TableErrorCodes.EntityAlreadyExists, $"The entity ({entity.PartitionKey}, {entity.RowKey}) already exists.");
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete when existing is null:
                throw new TableStoreException(404, TableErrorCodes.ResourceNotFound, $"The entity ({entity.PartitionKey}, {entity.RowKey}) does not exist.");
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete
                when action.IfMatch != ETag.All && existing!.ETag != action.IfMatch:
                throw new TableStoreException(412, TableErrorCodes.UpdateConditionNotSatisfied, $"The entity ({entity.PartitionKey}, {entity.RowKey}) changed since it was read (ETag mismatch).");
        }

        if (action.ActionType == TableTransactionActionType.Delete)
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {Quote(table)} WHERE pk = $pk AND rk = $rk";
            delete.Parameters.AddWithValue("$pk", entity.PartitionKey);
            delete.Parameters.AddWithValue("$rk", entity.RowKey);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return default;
        }

        var merged = entity;
        if (existing is not null && action.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge)
        {
            merged = existing.Clone();
            foreach (var (name, value) in entity)
            {
                merged[name] = value;
            }

            try
            {
                TableRules.ValidateEntity(merged);
            }
            catch (TableRuleViolationException e)
            {
                // Only the merge result breaks the rule, which the service finds out on its side too (400).
                throw new TableStoreException(400, TableErrorCodes.EntityTooLarge, $"Merging into ({entity.PartitionKey}, {entity.RowKey}) would break a rule: {e.Message}", null, e);
            }
        }

        var now = _time.GetUtcNow();
        var etag = new ETag($"W/\"datetime'{now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}'-{Guid.NewGuid():N}\"");
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"INSERT INTO {Quote(table)} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) "
            + "ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = excluded.props";
        upsert.Parameters.AddWithValue("$pk", entity.PartitionKey);
        upsert.Parameters.AddWithValue("$rk", entity.RowKey);
        upsert.Parameters.AddWithValue("$etag", etag.ToString());
        upsert.Parameters.AddWithValue("$ts", now.UtcTicks);
        upsert.Parameters.AddWithValue("$props", EntityJson.Write(merged));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return etag;
    }

    private static async Task<TableEntity?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pk, rk, etag, ts, props FROM {Quote(table)} WHERE pk = $pk AND rk = $rk";
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Materialize(reader) : null;
    }

    private static TableEntity Materialize(SqliteDataReader reader) => Materialize(reader, reader.GetString(4));

    private static TableEntity Materialize(SqliteDataReader reader, string props)
    {
        var entity = new TableEntity(reader.GetString(0), reader.GetString(1))
        {
            ETag = new ETag(reader.GetString(2)),
            Timestamp = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        };
        EntityJson.Read(props, entity);
        return entity;
    }

    // A command on a connection with a pending transaction must name it (Microsoft.Data.Sqlite refuses otherwise).
    private async Task<bool> TableExistsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        lock (_knownTables)
        {
            if (_knownTables.Contains(table))
            {
                return true;
            }
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", SqlName(table));
        var exists = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        if (exists)
        {
            lock (_knownTables)
            {
                _knownTables.Add(table);
            }
        }

        return exists;
    }

    private async Task EnsureTableAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {Quote(table)} (pk TEXT NOT NULL, rk TEXT NOT NULL, etag TEXT NOT NULL, ts INTEGER NOT NULL, props TEXT NOT NULL, PRIMARY KEY (pk, rk)) WITHOUT ROWID";
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        lock (_knownTables)
        {
            _knownTables.Add(table);
        }
    }

    // Table names are validated alphanumerics, so quoting is only a guard against SQL keywords.
    private static string SqlName(string table) => "t_" + table;

    private static string Quote(string table) => "\"" + SqlName(table) + "\"";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, _synchronous);
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, _synchronous);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
