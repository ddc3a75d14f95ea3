using Azure;

namespace Saison.Storage;

public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}

/// <summary>One action of an entity-group transaction. Updates and deletes name the ETag they expect.</summary>
public sealed record TableTransactionAction
{
    private TableTransactionAction(TableTransactionActionType type, TableEntity entity, ETag ifMatch)
    {
        ActionType = type;
        Entity = entity;
        IfMatch = ifMatch;
    }

    public TableTransactionActionType ActionType { get; }

    public TableEntity Entity { get; }

    public ETag IfMatch { get; }

    public static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity, default);

    public static TableTransactionAction UpsertMerge(TableEntity entity) => new(TableTransactionActionType.UpsertMerge, entity, default);

    public static TableTransactionAction UpsertReplace(TableEntity entity) => new(TableTransactionActionType.UpsertReplace, entity, default);

    public static TableTransactionAction UpdateMerge(TableEntity entity, ETag ifMatch) => new(TableTransactionActionType.UpdateMerge, entity, Require(ifMatch));

    public static TableTransactionAction UpdateReplace(TableEntity entity, ETag ifMatch) => new(TableTransactionActionType.UpdateReplace, entity, Require(ifMatch));

    public static TableTransactionAction Delete(string partitionKey, string rowKey, ETag ifMatch) =>
        new(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), Require(ifMatch));

    private static ETag Require(ETag ifMatch) => ifMatch == default
        ? throw new ArgumentException("An update or delete must name the ETag it read, or ETag.All explicitly.", nameof(ifMatch))
        : ifMatch;
}
