using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using SdkEntity = Azure.Data.Tables.TableEntity;
using SdkUpdateMode = Azure.Data.Tables.TableUpdateMode;

namespace Saison.Storage.AzureTables;

/// <summary>
/// The Azure Table service backend, through the Azure SDK (<see cref="TableServiceClient"/> and
/// <see cref="TableClient"/>): retries with exponential backoff and per-try timeouts
/// (<see cref="AzureTableStoreOptions"/>), the account key of a connection string
/// (<c>UseDevelopmentStorage=true</c> for Azurite) or an Entra ID <see cref="TokenCredential"/>
/// (managed identity in production). The SDK checks none of the service's rules before sending, so
/// names, keys, sizes and queries are checked here first (<see cref="TableRules"/>), exactly as the
/// SQLite backend does; the service's refusals become <see cref="TableStoreException"/>s.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    /// <summary>The OAuth scope of Azure Storage for Entra ID tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly TableServiceClient _service;

    /// <summary>A store from a storage connection string (account key, or <c>UseDevelopmentStorage=true</c>).</summary>
    public AzureTableStore(string connectionString, AzureTableStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _service = new TableServiceClient(connectionString, options ?? new AzureTableStoreOptions());
    }

    /// <summary>A store authenticated with Entra ID tokens (scope <see cref="StorageScope"/>), e.g. <c>DefaultAzureCredential</c>.</summary>
    public AzureTableStore(Uri tableEndpoint, TokenCredential credential, AzureTableStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _service = new TableServiceClient(tableEndpoint, credential, options ?? new AzureTableStoreOptions());
    }

    /// <inheritdoc />
    public string Kind => "azure-table";

    /// <summary>The Table service address this store talks to.</summary>
    public Uri Endpoint => _service.Uri;

    /// <inheritdoc />
    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        return Call(() => _service.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken));
    }

    /// <inheritdoc />
    public async Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateKey("PartitionKey", partitionKey);
        TableRules.ValidateKey("RowKey", rowKey);

        // Absent entity or absent table: both are "not there" for a point read.
        var found = await Call(() => _service.GetTableClient(table).GetEntityIfExistsAsync<SdkEntity>(partitionKey, rowKey, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return found.HasValue ? FromSdk(found.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        TableRules.ValidateTableName(table);
        TableRules.ValidateQuery(query);
        string? sdkToken = null;
        if (continuationToken is not null)
        {
            if (!ContinuationToken.TryDecode(continuationToken, out var nextPartitionKey, out var nextRowKey))
            {
                throw new TableStoreException(400, TableErrorCodes.InvalidInput, "The continuation token is not one this store issued.");
            }

            // The SDK's own token is "NextPartitionKey NextRowKey", as the service's continuation headers give them.
            sdkToken = nextRowKey is null ? nextPartitionKey : nextPartitionKey + " " + nextRowKey;
        }

        var pages = _service.GetTableClient(table).QueryAsync<SdkEntity>(Filter(query), query.PageSize, cancellationToken: cancellationToken).AsPages(sdkToken, query.PageSize);
        try
        {
            // One page only: the service pages at 1,000 entities or 5 s, and a page may be empty yet continue.
            await foreach (var page in pages.ConfigureAwait(false))
            {
                return new TablePage([.. page.Values.Select(FromSdk)], Token(page.ContinuationToken));
            }
        }
        catch (RequestFailedException e)
        {
            throw Failure(e);
        }

        return new TablePage([], null);
    }

    /// <inheritdoc />
    public async Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        var response = await Call(() => _service.GetTableClient(table).AddEntityAsync(ToSdk(entity), cancellationToken)).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <inheritdoc />
    public async Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        var response = await Call(() => _service.GetTableClient(table).UpsertEntityAsync(ToSdk(entity), Mode(mode), cancellationToken)).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <inheritdoc />
    public async Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        RequireIfMatch(ifMatch);
        var response = await Call(() => _service.GetTableClient(table).UpdateEntityAsync(ToSdk(entity), ifMatch, Mode(mode), cancellationToken)).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <inheritdoc />
    public async Task DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateKey("PartitionKey", partitionKey);
        TableRules.ValidateKey("RowKey", rowKey);
        RequireIfMatch(ifMatch);

        // The SDK treats deleting an absent entity as success; the store's contract says 404, as the service does.
        var response = await Call(() => _service.GetTableClient(table).DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken)).ConfigureAwait(false);
        if (response.Status == 404)
        {
            throw new TableStoreException(404, TableErrorCodes.ResourceNotFound, $"The Table service answered 404: no entity ({partitionKey}, {rowKey}) in {table}.");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateTransaction(actions);
        var batch = actions.Select(a => a.ActionType switch
        {
            TableTransactionActionType.Add => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Add, ToSdk(a.Entity)),
            TableTransactionActionType.UpsertMerge => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpsertMerge, ToSdk(a.Entity)),
            TableTransactionActionType.UpsertReplace => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpsertReplace, ToSdk(a.Entity)),
            TableTransactionActionType.UpdateMerge => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpdateMerge, ToSdk(a.Entity), a.IfMatch),
            TableTransactionActionType.UpdateReplace => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpdateReplace, ToSdk(a.Entity), a.IfMatch),
            _ => new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.Delete, new SdkEntity(a.Entity.PartitionKey, a.Entity.RowKey), a.IfMatch),
        }).ToList();

        var responses = await Call(() => _service.GetTableClient(table).SubmitTransactionAsync(batch, cancellationToken)).ConfigureAwait(false);
        var etags = new ETag?[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            etags[i] = actions[i].ActionType == TableTransactionActionType.Delete ? null : responses.Value[i].Headers.ETag;
        }

        return etags;
    }

    /// <summary>The OData filter of a query, every literal formatted and escaped by the SDK (<see cref="TableClient.CreateQueryFilter(FormattableString)"/>).</summary>
    internal static string? Filter(TableQuery query)
    {
        var clauses = new List<string>();
        if (query.PartitionKey is { } partitionKey)
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));
        }

        if (query.RowKeyFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {from}"));
        }

        if (query.RowKeyTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {to}"));
        }

        foreach (var filter in query.Filters)
        {
            // Property names were checked by TableRules (letters, digits, underscores); only the value is a literal.
            var value = filter.Value is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)) : filter.Value;
            clauses.Add(filter.Property + " " + Operator(filter.Operator) + " " + TableClient.CreateQueryFilter($"{value}"));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static string Operator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "eq",
        FilterOperator.NotEqual => "ne",
        FilterOperator.GreaterThan => "gt",
        FilterOperator.GreaterThanOrEqual => "ge",
        FilterOperator.LessThan => "lt",
        _ => "le",
    };

    private static string? Token(string? sdkToken)
    {
        if (string.IsNullOrEmpty(sdkToken))
        {
            return null;
        }

        var space = sdkToken.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? ContinuationToken.Encode(sdkToken, null) : ContinuationToken.Encode(sdkToken[..space], sdkToken[(space + 1)..]);
    }

    private static SdkUpdateMode Mode(TableUpdateMode mode) => mode == TableUpdateMode.Merge ? SdkUpdateMode.Merge : SdkUpdateMode.Replace;

    private static SdkEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (value is double d && double.IsInfinity(d))
            {
                // The SDK writes doubles as JSON numbers, which have no infinity; the service takes
                // "Infinity" and "-Infinity" as typed Edm.Double strings, and the SDK reads them back.
                sdk[name] = double.IsPositiveInfinity(d) ? "Infinity" : "-Infinity";
                sdk[name + "@odata.type"] = "Edm.Double";
                continue;
            }

            sdk[name] = value;
        }

        return sdk;
    }

    private static TableEntity FromSdk(SdkEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey) { ETag = sdk.ETag, Timestamp = sdk.Timestamp };
        foreach (var (name, value) in sdk)
        {
            if (value is null || name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            entity[name] = value switch
            {
                BinaryData binary => binary.ToArray(),
                DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                _ => value,
            };
        }

        return entity;
    }

    private static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? throw new TableStoreException(502, "MissingETag", "The service answered a write without an ETag.");

    private static void RequireIfMatch(ETag ifMatch)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update or delete must name the ETag it read, or ETag.All explicitly.", nameof(ifMatch));
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failure(e);
        }
    }

    private static async Task Call(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Failure(e);
        }
    }

    /// <summary>The service's refusal as the store reports it: status, error code, and for a transaction the failing action.</summary>
    private static TableStoreException Failure(RequestFailedException e)
    {
        var code = string.IsNullOrEmpty(e.ErrorCode) ? "Unknown" : e.ErrorCode;
        var index = (e as TableTransactionFailedException)?.FailedTransactionActionIndex;
        var text = FirstLine(e.Message);
        var message = index is { } i
            ? string.Create(CultureInfo.InvariantCulture, $"Action {i}: the Table service answered {e.Status} {code}: {text}")
            : string.Create(CultureInfo.InvariantCulture, $"The Table service answered {e.Status} {code}: {text}");
        return new TableStoreException(e.Status, code, message, index, e);
    }

    private static string FirstLine(string text)
    {
        var cut = text.IndexOf('\n', StringComparison.Ordinal);
        return (cut < 0 ? text : text[..cut]).Trim();
    }
}
