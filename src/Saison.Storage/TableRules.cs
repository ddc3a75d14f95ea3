using System.Text;
using System.Text.RegularExpressions;

namespace Saison.Storage;

/// <summary>
/// The Azure Table service's rules on names, keys and sizes (learn.microsoft.com "Understanding the
/// Table service data model"), checked before any I/O so both backends refuse the same things.
/// </summary>
public static partial class TableRules
{
    public const int MaxKeyBytes = 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxCustomProperties = 252;
    public const int MaxPropertyNameLength = 255;
    public const int MaxValueBytes = 64 * 1024;
    public const int MaxTransactionActions = 100;

    /// <summary>An entity-group transaction's payload limit (4 MiB).</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>The earliest DateTime the service stores (1601-01-01 UTC).</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "ETag", "odata.etag" };

    /// <summary>Table names: <c>^[A-Za-z][A-Za-z0-9]{2,62}$</c>.</summary>
    public static void ValidateTableName(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TableNamePattern().IsMatch(table))
        {
            throw new TableRuleViolationException("TableName", table, $"Table name '{table}' must match ^[A-Za-z][A-Za-z0-9]{{2,62}}$.");
        }
    }

    /// <summary>PartitionKey and RowKey: at most 1 KiB, none of <c>/ \ # ?</c>, no control character (U+0000–U+001F, U+007F–U+009F).</summary>
    public static void ValidateKey(string keyName, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Encoding.UTF8.GetByteCount(value) > MaxKeyBytes)
        {
            throw new TableRuleViolationException(keyName, value, $"{keyName} is longer than {MaxKeyBytes} bytes.");
        }

        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?')
            {
                throw new TableRuleViolationException(keyName, value, $"{keyName} '{value}' contains '{c}', which the Table service forbids in keys.");
            }

            if (c <= '\u001F' || (c >= '\u007F' && c <= '\u009F'))
            {
                throw new TableRuleViolationException(keyName, value, $"{keyName} '{Printable(value)}' contains the control character U+{(int)c:X4}.");
            }
        }
    }

    /// <summary>Checks keys, property names, value sizes and the entity's size (the service's formula).</summary>
    public static void ValidateEntity(TableEntity entity) => EntitySize(entity);

    /// <summary>
    /// The entity's size by the service's formula (4 + 2 × key characters + per property 8 + 2 ×
    /// name characters + the value's size), after checking every rule on it.
    /// </summary>
    public static long EntitySize(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey("PartitionKey", entity.PartitionKey);
        ValidateKey("RowKey", entity.RowKey);
        if (entity.Count > MaxCustomProperties)
        {
            throw new TableRuleViolationException("Properties", entity.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"An entity has at most {MaxCustomProperties} properties of its own; this one has {entity.Count}.");
        }

        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length));
        foreach (var (name, value) in entity)
        {
            ValidatePropertyName(name);
            size += 8 + (2L * name.Length) + ValueSize(name, value);
        }

        if (size > MaxEntityBytes)
        {
            throw new TableRuleViolationException("Entity", $"{entity.PartitionKey}|{entity.RowKey}", $"The entity takes {size} bytes; the Table service stores at most {MaxEntityBytes} bytes per entity.");
        }

        return size;
    }

    /// <summary>Property names: 1–255 characters of a C# identifier (no <c>-</c>), not a system property.</summary>
    public static void ValidatePropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxPropertyNameLength)
        {
            throw new TableRuleViolationException("PropertyName", name ?? string.Empty, $"A property name has 1 to {MaxPropertyNameLength} characters.");
        }

        if (SystemProperties.Contains(name))
        {
            throw new TableRuleViolationException("PropertyName", name, $"'{name}' is a system property and cannot be set.");
        }

        if (!PropertyNamePattern().IsMatch(name))
        {
            throw new TableRuleViolationException("PropertyName", name, $"Property name '{name}' must be a C# identifier (letters, digits, '_'; no '-').");
        }
    }

    /// <summary>
    /// Checks a query before any I/O: page size 1–1,000 (the service's page limit), a valid
    /// PartitionKey, property names that exist in the data model, and comparable value types.
    /// </summary>
    public static void ValidateQuery(TableQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > TableQuery.MaxPageSize)
        {
            throw new TableRuleViolationException("PageSize", query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), $"A page holds 1 to {TableQuery.MaxPageSize} entities, not {query.PageSize}.");
        }

        if (query.PartitionKey is not null)
        {
            ValidateKey("PartitionKey", query.PartitionKey);
        }

        // Range bounds need not be keys themselves (a prefix's upper bound may end in '/'), only of a key's size.
        foreach (var (rule, bound) in new[] { ("RowKeyFrom", query.RowKeyFrom), ("RowKeyTo", query.RowKeyTo) })
        {
            if (bound is not null && Encoding.UTF8.GetByteCount(bound) > MaxKeyBytes)
            {
                throw new TableRuleViolationException(rule, bound, $"{rule} is longer than {MaxKeyBytes} bytes.");
            }
        }

        foreach (var filter in query.Filters)
        {
            if (filter.Property is not ("PartitionKey" or "RowKey" or "Timestamp"))
            {
                ValidatePropertyName(filter.Property);
            }

            if (filter.Value is not (string or int or long or double or bool or DateTimeOffset or DateTime or Guid or byte[]))
            {
                throw new TableRuleViolationException("Filter", filter.Property, $"Property '{filter.Property}' cannot be compared with a value of type {filter.Value?.GetType().Name ?? "null"}.");
            }
        }
    }

    /// <summary>Entity-group transactions: 1–100 actions, one PartitionKey, each entity once, at most 4 MiB, every entity valid.</summary>
    public static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            throw new TableRuleViolationException("Transaction", "0", "A transaction needs at least one action.");
        }

        if (actions.Count > MaxTransactionActions)
        {
            throw new TableRuleViolationException("Transaction", actions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"A transaction holds at most {MaxTransactionActions} actions; this one has {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new TableRuleViolationException("Transaction", action.Entity.PartitionKey, $"All actions of a transaction share one PartitionKey ('{partition}'), not '{action.Entity.PartitionKey}'.");
            }

            if (!seen.Add(action.Entity.RowKey))
            {
                throw new TableRuleViolationException("Transaction", action.Entity.RowKey, $"RowKey '{action.Entity.RowKey}' appears twice in one transaction.");
            }

            if (action.ActionType == TableTransactionActionType.Delete)
            {
                ValidateKey("PartitionKey", action.Entity.PartitionKey);
                ValidateKey("RowKey", action.Entity.RowKey);
            }
            else
            {
                total += EntitySize(action.Entity);
            }
        }

        if (total > MaxTransactionBytes)
        {
            throw new TableRuleViolationException("Transaction", total.ToString(System.Globalization.CultureInfo.InvariantCulture), $"The transaction's entities take {total} bytes; a transaction carries at most {MaxTransactionBytes} bytes.");
        }
    }

    private static long ValueSize(string name, object value) => value switch
    {
        string s when 2L * s.Length > MaxValueBytes =>
            throw new TableRuleViolationException(name, s[..Math.Min(40, s.Length)] + "…", $"String property '{name}' takes {2L * s.Length} bytes; the Table service stores at most {MaxValueBytes}."),
        string s => 4 + (2L * s.Length),
        byte[] b when b.Length > MaxValueBytes =>
            throw new TableRuleViolationException(name, $"{b.Length} bytes", $"Binary property '{name}' takes {b.Length} bytes; the Table service stores at most {MaxValueBytes}."),
        byte[] b => 4 + b.Length,
        DateTimeOffset d when d < MinDateTime =>
            throw new TableRuleViolationException(name, d.ToString("O", System.Globalization.CultureInfo.InvariantCulture), $"DateTime property '{name}' is before 1601-01-01 UTC, the earliest the Table service stores."),
        Guid => 16,
        int => 4,
        bool => 1,
        _ => 8,
    };

    private static string Printable(string value) => Regex.Replace(value, @"[\u0000-\u001F\u007F-\u009F]", m => $"\\u{(int)m.Value[0]:X4}");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PropertyNamePattern();
}

/// <summary>A name, key or size breaks a rule of the Table service; says which rule and which value.</summary>
public sealed class TableRuleViolationException : ArgumentException
{
    public TableRuleViolationException(string rule, string value, string message)
        : base(message)
    {
        Rule = rule;
        Value = value;
    }

    public TableRuleViolationException()
        : this("Unknown", string.Empty, "A Table service rule was broken.")
    {
    }

    public TableRuleViolationException(string message)
        : this("Unknown", string.Empty, message)
    {
    }

    public TableRuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = "Unknown";
        Value = string.Empty;
    }

    /// <summary>Which rule: TableName, PartitionKey, RowKey, PropertyName, a property's name, Entity, Transaction.</summary>
    public string Rule { get; }

    public string Value { get; }
}
