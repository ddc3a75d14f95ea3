using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Saison.Storage.Sqlite;

/// <summary>
/// Properties as JSON with their type kept: <c>{"Name":["i64","42"],…}</c>. Numbers travel as
/// invariant strings so Int64 and Double (NaN, ±∞ included) round-trip exactly.
/// </summary>
internal static class EntityJson
{
    public static string Write(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entity)
            {
                writer.WriteStartArray(name);
                var (type, text) = value switch
                {
                    string s => ("s", s),
                    int i => ("i32", i.ToString(CultureInfo.InvariantCulture)),
                    long l => ("i64", l.ToString(CultureInfo.InvariantCulture)),
                    double d => ("f64", d.ToString("R", CultureInfo.InvariantCulture)),
                    bool b => ("b", b ? "true" : "false"),
                    DateTimeOffset t => ("dt", t.UtcTicks.ToString(CultureInfo.InvariantCulture)),
                    Guid g => ("g", g.ToString("D")),
                    byte[] bytes => ("bin", Convert.ToBase64String(bytes)),
                    _ => throw new InvalidOperationException($"Unsupported property type {value.GetType().Name}."),
                };
                writer.WriteStringValue(type);
                writer.WriteStringValue(text);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Read(string json, TableEntity into)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var type = property.Value[0].GetString();
            var text = property.Value[1].GetString() ?? string.Empty;
            into[property.Name] = type switch
            {
                "s" => text,
                "i32" => int.Parse(text, CultureInfo.InvariantCulture),
                "i64" => long.Parse(text, CultureInfo.InvariantCulture),
                "f64" => double.Parse(text, CultureInfo.InvariantCulture),
                "b" => text == "true",
                "dt" => new DateTimeOffset(long.Parse(text, CultureInfo.InvariantCulture), TimeSpan.Zero),
                "g" => Guid.Parse(text),
                "bin" => Convert.FromBase64String(text),
                _ => throw new InvalidDataException($"Unknown stored property type '{type}' for '{property.Name}'."),
            };
        }
    }
}
