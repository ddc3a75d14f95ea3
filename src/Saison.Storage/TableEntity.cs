using System.Collections;
using Azure;

namespace Saison.Storage;

/// <summary>
/// One entity of a table: PartitionKey, RowKey, ETag, Timestamp and typed properties, shaped like
/// the Azure Table service's entity (learn.microsoft.com "Understanding the Table service data model").
/// Supported property types: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/> and
/// <see cref="byte"/>[]. A <see cref="DateTime"/> is accepted and stored as UTC.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey ?? throw new ArgumentNullException(nameof(partitionKey));
        RowKey = rowKey ?? throw new ArgumentNullException(nameof(rowKey));
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The version read from the store; <c>default</c> for an entity not read from a store.</summary>
    public ETag ETag { get; set; }

    /// <summary>When the store last wrote the entity (set by the store, never by callers).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public int Count => _properties.Count;

    public IEnumerable<string> Keys => _properties.Keys;

    /// <summary>Gets or sets a property; setting <c>null</c> removes it (the Table service has no nulls).</summary>
    public object? this[string name]
    {
        get => _properties.TryGetValue(name, out var value) ? value : null;
        set
        {
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = Normalize(name, value);
        }
    }

    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => this[name] as string;

    public int? GetInt32(string name) => this[name] switch { int i => i, long l when l is >= int.MinValue and <= int.MaxValue => (int)l, _ => null };

    public long? GetInt64(string name) => this[name] switch { long l => l, int i => i, _ => null };

    public double? GetDouble(string name) => this[name] switch { double d => d, int i => i, long l => l, _ => null };

    public bool? GetBoolean(string name) => this[name] as bool?;

    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] as DateTimeOffset?;

    public Guid? GetGuid(string name) => this[name] as Guid?;

    public byte[]? GetBinary(string name) => this[name] as byte[];

    /// <summary>A copy with the same keys, ETag, timestamp and properties.</summary>
    public TableEntity Clone()
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = ETag, Timestamp = Timestamp };
        foreach (var (name, value) in _properties)
        {
            copy._properties[name] = value is byte[] bytes ? (byte[])bytes.Clone() : value;
        }

        return copy;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static object Normalize(string name, object value) => value switch
    {
        string or int or long or double or bool or Guid or byte[] => value,
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()),
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}, which the Table service cannot store "
            + "(string, Int32, Int64, Double, Boolean, DateTime, Guid, Binary).", nameof(value)),
    };
}
