using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;

namespace Saison.Storage.AzureTables;

/// <summary>
/// Entities as the Table service's JSON (learn.microsoft.com "Payload format for Table service
/// operations"): types JSON cannot say are annotated with <c>Name@odata.type</c> — Edm.Int64 (as a
/// string, so no precision is lost), Edm.DateTime (7 fractional digits, UTC), Edm.Guid, Edm.Binary
/// (base64) and Edm.Double (always, so that 1.0 is not read back as an Int32; NaN and ±∞ as strings).
/// </summary>
internal static class ODataEntity
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Write(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // Compact JSON on one line: batch parsers (Azurite's among them) expect it.
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsNaN(d))
                {
                    writer.WriteString(name, "NaN");
                }
                else if (double.IsPositiveInfinity(d))
                {
                    writer.WriteString(name, "Infinity");
                }
                else if (double.IsNegativeInfinity(d))
                {
                    writer.WriteString(name, "-Infinity");
                }
                else
                {
                    writer.WriteNumber(name, d);
                }

                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case DateTimeOffset t:
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(t));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new InvalidOperationException($"Unsupported property type {value.GetType().Name}.");
        }
    }

    /// <summary>Reads one entity object of a response (a point read or an element of <c>value</c>).</summary>
    public static TableEntity Read(JsonElement json, string? etagHeader = null)
    {
        var partitionKey = json.GetProperty("PartitionKey").GetString() ?? string.Empty;
        var rowKey = json.GetProperty("RowKey").GetString() ?? string.Empty;
        var entity = new TableEntity(partitionKey, rowKey);
        string? etag = etagHeader;
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                etag ??= property.Value.GetString();
                continue;
            }

            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "Timestamp")
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString()!);
                continue;
            }

            var type = json.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            entity[name] = ReadValue(name, property.Value, type);
        }

        if (etag is not null)
        {
            entity.ETag = new ETag(etag);
        }

        return entity;
    }

    private static object ReadValue(string name, JsonElement value, string? type)
    {
        switch (type)
        {
            case "Edm.String":
                return value.GetString()!;
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32();
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble();
            case "Edm.Boolean":
                return value.GetBoolean();
            case "Edm.DateTime":
                return ParseDateTime(value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return value.GetBytesFromBase64();
            case null:
                break;
            default:
                throw new InvalidDataException($"Property '{name}' has type '{type}', which this store does not read.");
        }

        // No annotation: the JSON type says it (minimal metadata); a number with a decimal point or
        // an exponent is a Double, as the service writes whole doubles with ".0".
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return value.GetBoolean();
            case JsonValueKind.Number:
                var raw = value.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && value.TryGetInt32(out var i))
                {
                    return i;
                }

                return value.GetDouble();
            default:
                throw new InvalidDataException($"Property '{name}' holds a JSON {value.ValueKind}, which the Table service does not return.");
        }
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// An OData <c>$filter</c> for a query (learn.microsoft.com "Querying tables and entities"):
    /// string literals quoted with doubled single quotes, <c>5L</c>, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c>.
    /// </summary>
    public static string? Filter(TableQuery query)
    {
        var clauses = new List<string>();
        if (query.PartitionKey is not null)
        {
            clauses.Add("PartitionKey eq " + Literal(query.PartitionKey));
        }

        if (query.RowKeyFrom is not null)
        {
            clauses.Add("RowKey ge " + Literal(query.RowKeyFrom));
        }

        if (query.RowKeyTo is not null)
        {
            clauses.Add("RowKey lt " + Literal(query.RowKeyTo));
        }

        foreach (var filter in query.Filters)
        {
            var op = filter.Operator switch
            {
                FilterOperator.Equal => "eq",
                FilterOperator.NotEqual => "ne",
                FilterOperator.GreaterThan => "gt",
                FilterOperator.GreaterThanOrEqual => "ge",
                FilterOperator.LessThan => "lt",
                FilterOperator.LessThanOrEqual => "le",
                _ => throw new ArgumentOutOfRangeException(nameof(query), filter.Operator, "Unknown filter operator."),
            };
            clauses.Add($"{filter.Property} {op} {Literal(filter.Value)}");
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses.Select(c => clauses.Count > 1 ? "(" + c + ")" : c));
    }

    private static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var r && r.AsSpan().IndexOfAny('.', 'E') < 0 ? r + ".0" : r,
        bool b => b ? "true" : "false",
        DateTimeOffset t => "datetime'" + FormatDateTime(t) + "'",
        DateTime t => "datetime'" + FormatDateTime(new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind))) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] b => "X'" + Convert.ToHexString(b) + "'",
        _ => throw new ArgumentException($"A filter cannot compare with a value of type {value.GetType().Name}.", nameof(value)),
    };
}
