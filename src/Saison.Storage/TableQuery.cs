namespace Saison.Storage;

/// <summary>
/// A query: an optional partition, an optional RowKey range (from inclusive, to exclusive), simple
/// property filters joined by AND, and a page size of at most 1,000 (the service's limit).
/// </summary>
public sealed record TableQuery
{
    public const int MaxPageSize = 1000;

    public string? PartitionKey { get; init; }

    /// <summary>Lowest RowKey returned (inclusive).</summary>
    public string? RowKeyFrom { get; init; }

    /// <summary>RowKeys returned are strictly below this one.</summary>
    public string? RowKeyTo { get; init; }

    public IReadOnlyList<TableFilter> Filters { get; init; } = [];

    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>Every entity of one partition.</summary>
    public static TableQuery Partition(string partitionKey) => new() { PartitionKey = partitionKey };

    /// <summary>The entities of one partition whose RowKey starts with <paramref name="prefix"/>.</summary>
    public static TableQuery RowKeyPrefix(string partitionKey, string prefix) => new()
    {
        PartitionKey = partitionKey,
        RowKeyFrom = prefix,
        RowKeyTo = prefix.Length == 0 ? null : prefix[..^1] + (char)(prefix[^1] + 1),
    };

    public TableQuery Where(string property, FilterOperator op, object value) =>
        this with { Filters = [.. Filters, new TableFilter(property, op, value)] };
}

/// <summary>
/// A comparison of one property with a constant of the property's own type. A missing property or a
/// string/number/date mismatch never matches; across numeric types (Int32 against Int64 or Double)
/// the Table service and its emulator disagree, so callers compare with the type they stored.
/// </summary>
public sealed record TableFilter(string Property, FilterOperator Operator, object Value);

public enum FilterOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}
