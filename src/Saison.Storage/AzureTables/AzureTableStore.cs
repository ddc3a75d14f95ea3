using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Saison.Storage.AzureTables;

/// <summary>
/// The Azure Table service backend, over its REST protocol (learn.microsoft.com "Table service
/// REST API") on Azure.Core's <see cref="HttpPipeline"/>: retries with exponential backoff,
/// per-try timeouts and Azure.Core's request logging (see <see cref="AzureTableStoreOptions"/>).
/// Authenticates with the account key (SharedKeyLite; Azurite) or an Entra ID
/// <see cref="TokenCredential"/> (managed identity in production). Rules on names, keys and sizes
/// are checked before any I/O (<see cref="TableRules"/>), exactly as the SQLite backend does.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    /// <summary>The OAuth scope of Azure Storage for Entra ID tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private const string JsonMinimal = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = RequestMethod.Patch;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>A store authenticated with the account key of <paramref name="connection"/>.</summary>
    public AzureTableStore(TableConnectionString connection, AzureTableStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.AccountKey is null)
        {
            throw new ArgumentException("This connection string names no AccountKey; use Storage:AccountUri with Entra ID instead.", nameof(connection));
        }

        _endpoint = connection.TableEndpoint;
        _pipeline = HttpPipelineBuilder.Build(options ?? new AzureTableStoreOptions(), [], [new SharedKeyLitePolicy(connection.AccountName, connection.AccountKey)], new ResponseClassifier());
    }

    /// <summary>A store authenticated with Entra ID tokens (scope <see cref="StorageScope"/>), e.g. <c>DefaultAzureCredential</c>.</summary>
    public AzureTableStore(Uri tableEndpoint, TokenCredential credential, AzureTableStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _endpoint = tableEndpoint;
        _pipeline = HttpPipelineBuilder.Build(options ?? new AzureTableStoreOptions(), [], [new BearerTokenAuthenticationPolicy(credential, StorageScope)], new ResponseClassifier());
    }

    /// <inheritdoc />
    public string Kind => "azure-table";

    /// <summary>The Table service address this store talks to.</summary>
    public Uri Endpoint => _endpoint;

    /// <inheritdoc />
    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is 201 or 204 || (response.Status == 409 && ErrorCode(response) == "TableAlreadyExists"))
        {
            return;
        }

        throw Failure(response);
    }

    /// <inheritdoc />
    public async Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateKey("PartitionKey", partitionKey);
        TableRules.ValidateKey("RowKey", rowKey);
        using var message = CreateMessage(RequestMethod.Get, EntityPath(table, partitionKey, rowKey));
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404)
        {
            // Absent entity or absent table: both are "not there" for a point read.
            return null;
        }

        if (response.Status != 200)
        {
            throw Failure(response);
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        return ODataEntity.Read(json.RootElement, response.Headers.ETag?.ToString());
    }

    /// <inheritdoc />
    public async Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        TableRules.ValidateTableName(table);
        TableRules.ValidateQuery(query);
        string? nextPartitionKey = null, nextRowKey = null;
        if (continuationToken is not null && !ContinuationToken.TryDecode(continuationToken, out nextPartitionKey, out nextRowKey))
        {
            throw new TableStoreException(400, TableErrorCodes.InvalidInput, "The continuation token is not one this store issued.");
        }

        using var message = CreateMessage(RequestMethod.Get, table + "()");
        var uri = message.Request.Uri;
        if (ODataEntity.Filter(query) is { } filter)
        {
            uri.AppendQuery("$filter", filter);
        }

        uri.AppendQuery("$top", query.PageSize.ToString(CultureInfo.InvariantCulture));
        if (nextPartitionKey is not null)
        {
            uri.AppendQuery("NextPartitionKey", nextPartitionKey);
            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey);
            }
        }

        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw Failure(response);
        }

        var entities = new List<TableEntity>();
        using (var json = JsonDocument.Parse(response.Content.ToMemory()))
        {
            foreach (var item in json.RootElement.GetProperty("value").EnumerateArray())
            {
                entities.Add(ODataEntity.Read(item));
            }
        }

        // The service pages at 1,000 entities or 5 s; a page may be empty yet continue.
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
        var token = string.IsNullOrEmpty(nextPk) ? null : ContinuationToken.Encode(nextPk, string.IsNullOrEmpty(nextRk) ? null : nextRk);
        return new TablePage(entities, token);
    }

    /// <inheritdoc />
    public async Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        using var message = CreateMessage(RequestMethod.Post, table);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message, ODataEntity.Write(entity));
        return await SendWriteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);

        // Without If-Match, MERGE/PUT on an entity address is "insert or merge/replace".
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(table, entity.PartitionKey, entity.RowKey));
        SetJson(message, ODataEntity.Write(entity));
        return await SendWriteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateEntity(entity);
        RequireIfMatch(ifMatch);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(table, entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", IfMatchValue(ifMatch));
        SetJson(message, ODataEntity.Write(entity));
        return await SendWriteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateKey("PartitionKey", partitionKey);
        TableRules.ValidateKey("RowKey", rowKey);
        RequireIfMatch(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(table, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", IfMatchValue(ifMatch));
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 204)
        {
            throw Failure(message.Response);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateTableName(table);
        TableRules.ValidateTransaction(actions);
        var (body, contentType) = EntityGroupBatch.Write(_endpoint, table, actions);
        if (body.Length > TableRules.MaxTransactionBytes)
        {
            // The wire form (JSON, base64) is larger than the service's size formula: check it too, before sending.
            throw new TableRuleViolationException("Transaction", body.Length.ToString(CultureInfo.InvariantCulture), $"The transaction's request takes {body.Length} bytes; the Table service accepts at most {TableRules.MaxTransactionBytes}.");
        }

        using var message = CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202)
        {
            throw Failure(response);
        }

        var parts = EntityGroupBatch.Read(response.Content.ToString());
        foreach (var part in parts)
        {
            if (part.Status >= 300)
            {
                var (code, text) = ParseError(part.Body);
                var index = EntityGroupBatch.FailedIndex(text) ?? (actions.Count == 1 ? 0 : null);
                var reason = index is null ? text : text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
                throw new TableStoreException(
                    part.Status,
                    code ?? "Unknown",
                    index is null ? $"The transaction was refused: {FirstLine(reason)}" : $"Action {index}: {FirstLine(reason)}",
                    index);
            }
        }

        if (parts.Count != actions.Count)
        {
            throw new TableStoreException(502, "InvalidBatchResponse", $"The service answered {parts.Count} operations for a transaction of {actions.Count}.");
        }

        var etags = new ETag?[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            etags[i] = actions[i].ActionType == TableTransactionActionType.Delete ? null : parts[i].ETag;
        }

        return etags;
    }

    /// <summary>The address of one entity: <c>Table(PartitionKey='…',RowKey='…')</c>, quotes doubled then URL-escaped.</summary>
    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void RequireIfMatch(ETag ifMatch)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update or delete must name the ETag it read, or ETag.All explicitly.", nameof(ifMatch));
        }
    }

    private static string IfMatchValue(ETag ifMatch) => ifMatch == ETag.All ? "*" : ifMatch.ToString();

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath("/", escape: false);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("x-ms-version", AzureTableStoreOptions.ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", JsonMinimal);
        return message;
    }

    private static void SetJson(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private async Task SendAsync(HttpMessage message, CancellationToken cancellationToken) =>
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);

    private async Task<ETag> SendWriteAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is not (201 or 204))
        {
            throw Failure(response);
        }

        return response.Headers.ETag ?? throw new TableStoreException(502, "MissingETag", "The service answered a write without an ETag.");
    }

    private static string? ErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var code) && !string.IsNullOrEmpty(code))
        {
            return code;
        }

        return ParseError(response.Content.ToString()).Code;
    }

    private static TableStoreException Failure(Response response)
    {
        var (bodyCode, text) = ParseError(response.Content.ToString());
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var code = !string.IsNullOrEmpty(headerCode) ? headerCode : bodyCode ?? "Unknown";
        var message = string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase : FirstLine(text);
        return new TableStoreException(response.Status, code, $"The Table service answered {response.Status} {code}: {message}");
    }

    /// <summary>The code and message of an OData error body (<c>{"odata.error":{"code","message":{"value"}}}</c>).</summary>
    private static (string? Code, string Message) ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return (null, body ?? string.Empty);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.GetString())
                    : null;
                return (code, message ?? string.Empty);
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: report the text as it came.
        }

        return (null, body);
    }

    private static string FirstLine(string text)
    {
        var cut = text.IndexOf('\n', StringComparison.Ordinal);
        return (cut < 0 ? text : text[..cut]).Trim();
    }
}
