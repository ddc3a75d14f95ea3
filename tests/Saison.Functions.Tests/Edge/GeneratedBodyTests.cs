using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Edge;

/// <summary>
/// Bodies generated from the OpenAPI document's own schemas (FsCheck generators), then broken in the ways
/// clients break them: a field dropped, nulled, of the wrong type, too long, unknown; an enum given as a
/// number; a list with a null item; truncated, non-JSON or invalid UTF-8 text. Against every write
/// operation, whatever the body: never a 5xx, every refusal is French problem+json, and a refusal writes
/// nothing (the audit trail, which records every change, does not move; the record's ETag neither).
/// </summary>
public sealed class GeneratedBodyTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    /// <summary>How many generated requests one run sends (a fixed seed: a failure is replayed as is).</summary>
    private const int Cases = 400;

    /// <summary>Identifiers of the sample season, so that most requests reach a real record.</summary>
    private static readonly Dictionary<string, string[]> KnownIds = new(StringComparer.Ordinal)
    {
        ["season"] = ["2027"],
        ["id"] = ["nature-parc-paysager", "asso-triathlon", "base-sous-marine", "grand", "inconnu"],
        ["itemId"] = ["barnums", "chaises", "inconnu"],
        ["crewId"] = ["equipe-plateau", "inconnu"],
        ["teamId"] = ["regie-plateau", "inconnu"],
        ["agentId"] = ["agt-001", "inconnu"],
        ["requestId"] = ["inconnue"],
        ["lineId"] = ["l1"],
    };

    /// <summary>English a refusal must never show a person (the framework's or the store's own words).</summary>
    private static readonly string[] English = ["The ", " could not ", "Exception", " must ", " is not ", " cannot ", " was ", "Failed to", "entity", "bytes"];

    private static readonly string[] FrenchMarkers = [" le ", " la ", " les ", " de ", " du ", " des ", " un ", " une ", " est ", " au ", "Le ", "La ", "L'", "Un ", "Une ", "Cette ", "é", "è", "à"];

    [Fact]
    public async Task No_generated_body_gets_a_5xx_an_english_refusal_or_a_partial_write()
    {
        using var admin = app.ClientAs("Admin");
        using var document = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
        var operations = WriteOperations(document.RootElement);
        Assert.True(operations.Count >= 30, $"Only {operations.Count} write operations with a JSON body in the OpenAPI document.");

        var generator =
            from operation in Gen.Elements(operations.ToArray())
            from path in PathFor(operation.Path)
            from body in ValueFor(operation.Schema, schemas, depth: 0)
            from broken in Break(body, operation.Schema, schemas)
            select new Case(operation.Method, path, broken);
        var cases = Gen.Sample(generator, Cases, new Rnd(20271206UL), 8);

        var failures = new List<string>();
        var answers = new Dictionary<int, int>();
        foreach (var c in cases)
        {
            var (status, failure) = await CheckAsync(admin, c);
            answers[status] = answers.GetValueOrDefault(status) + 1;
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        var seen = string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} generated requests failed ({seen}):\n" + string.Join("\n", failures.Take(10)));

        // The generator reaches the handlers: some bodies are accepted, others refused by the rules (not only by the parser).
        Assert.True(answers.Where(a => a.Key is >= 200 and < 300).Sum(a => a.Value) > 0, $"No accepted body: {seen}");
        Assert.True(answers.Where(a => a.Key is 404 or 409 or 412 or 422 or 428).Sum(a => a.Value) > 0, $"No refusal past the edge: {seen}");
        Assert.True(answers.GetValueOrDefault(400) >= Cases / 4, $"Too few 400s: {seen}");
        Assert.True(cases.Select(c => c.Method + c.Path.Split('/').Length).Distinct().Count() >= 10, "Too few operations exercised.");
    }

    private static async Task<(int Status, string? Failure)> CheckAsync(HttpClient client, Case c)
    {
        var auditBefore = await AuditCountAsync(client);
        var etagBefore = c.Method is "PUT" or "PATCH" ? await ETagAsync(client, c.Path) : null;

        using var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(c.Path, UriKind.Relative)) { Content = new ByteArrayContent(c.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (c.Method is "PUT" or "PATCH" || c.Path.Contains("/move", StringComparison.Ordinal) || c.Path.Contains("/cancel", StringComparison.Ordinal))
        {
            request.Headers.TryAddWithoutValidation("If-Match", etagBefore ?? "*");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var shown = $"{c.Method} {c.Path} {Encoding.UTF8.GetString(c.Body)[..Math.Min(300, c.Body.Length)]} → {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}";
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return (status, "5xx: " + shown);
        }

        if (response.IsSuccessStatusCode)
        {
            return (status, null);
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return (status, "not problem+json: " + shown);
        }

        var detail = JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        if (detail.Length == 0 || English.Any(e => detail.Contains(e, StringComparison.Ordinal)) || !FrenchMarkers.Any(f => detail.Contains(f, StringComparison.Ordinal)))
        {
            return (status, "not French: " + shown);
        }

        if (await AuditCountAsync(client) != auditBefore)
        {
            return (status, "refused but written (audit moved): " + shown);
        }

        if (etagBefore is not null && await ETagAsync(client, c.Path) != etagBefore)
        {
            return (status, "refused but written (ETag moved): " + shown);
        }

        return (status, null);
    }

    private static async Task<int> AuditCountAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri($"/api/audit?month={SaisonApp.DefaultNow:yyyy-MM}", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.ValueKind == JsonValueKind.Array ? body.GetArrayLength() : body.GetProperty("entries").GetArrayLength();
    }

    private static async Task<string?> ETagAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode ? response.Headers.ETag?.ToString() : null;
    }

    private sealed record Operation(string Method, string Path, JsonElement Schema);

    private sealed record Case(string Method, string Path, byte[] Body);

    private static List<Operation> WriteOperations(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema))
                {
                    operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, schema.Clone()));
                }
            }
        }

        return operations;
    }

    private static Gen<string> PathFor(string template)
    {
        var parts = template.Split('/');
        return Gen.CollectToArray(parts.Select(part =>
            part.StartsWith('{') && part.EndsWith('}')
                ? Gen.Elements(KnownIds.GetValueOrDefault(part.Trim('{', '}').Split(':')[0], ["inconnu"]))
                : Gen.Constant(part)))
            .Select(segments => string.Join('/', segments));
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    /// <summary>A plausible value for a schema: every property, strings short, numbers small, enums by name.</summary>
    private static Gen<JsonNode?> ValueFor(JsonElement schema, JsonElement schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var branch = oneOf.EnumerateArray().FirstOrDefault(b => !(b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
            return branch.ValueKind == JsonValueKind.Undefined ? Gen.Constant<JsonNode?>(null) : ValueFor(branch, schemas, depth);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return Gen.Elements(values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => (JsonNode?)JsonValue.Create(v.GetString())).ToArray());
        }

        var type = Types(schema);
        if (type.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            if (depth > 3 || !schema.TryGetProperty("properties", out var properties))
            {
                return Gen.Constant<JsonNode?>(new JsonObject());
            }

            var fields = properties.EnumerateObject().Where(p => !(p.Value.TryGetProperty("readOnly", out var ro) && ro.GetBoolean())).ToList();
            return Gen.CollectToArray(fields.Select(f => ValueFor(f.Value, schemas, depth + 1).Select(v => (f.Name, v))))
                .Select(pairs =>
                {
                    var record = new JsonObject();
                    foreach (var (name, value) in pairs)
                    {
                        record[name] = value?.DeepClone();
                    }

                    return (JsonNode?)record;
                });
        }

        if (type.Contains("array"))
        {
            var items = schema.TryGetProperty("items", out var itemSchema) ? ValueFor(itemSchema, schemas, depth + 1) : Gen.Elements<JsonNode?>(JsonValue.Create("chaises"), JsonValue.Create("balneaire"));
            return Gen.ListOf(items, 3).Select(list => (JsonNode?)new JsonArray([.. list.Select(i => i?.DeepClone())]));
        }

        if (type.Contains("integer"))
        {
            return Gen.Choose(0, 60).Select(n => (JsonNode?)JsonValue.Create(n));
        }

        if (type.Contains("number"))
        {
            return Gen.Choose(0, 400).Select(n => (JsonNode?)JsonValue.Create(n / 4m));
        }

        if (type.Contains("boolean"))
        {
            return Gen.Elements<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false));
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return format switch
        {
            "date" => Gen.Choose(1, 28).Select(d => (JsonNode?)JsonValue.Create($"2027-07-{d:00}")),
            "date-time" => Gen.Choose(1, 28).Select(d => (JsonNode?)JsonValue.Create($"2027-07-{d:00}T10:00:00+02:00")),
            _ => Gen.Elements<JsonNode?>(
                JsonValue.Create("Concert sur la plage"),
                JsonValue.Create("chaises"),
                JsonValue.Create("2027-07-14T21:00:00+02:00"),
                JsonValue.Create("regie"),
                JsonValue.Create("balneaire"),
                JsonValue.Create(string.Empty)),
        };
    }

    private static HashSet<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array
            ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
            : [type.GetString()!];
    }

    /// <summary>One way a client breaks a body (or none, a plausible body as generated).</summary>
    private static Gen<byte[]> Break(JsonNode? body, JsonElement schema, JsonElement schemas)
    {
        static byte[] Bytes(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");

        var fields = body is JsonObject record ? record.Select(p => p.Key).ToArray() : [];
        Gen<byte[]> OnField(Func<JsonObject, string, JsonNode?> change) =>
            fields.Length == 0
                ? Gen.Constant(Bytes(body))
                : Gen.Elements(fields).Select(field =>
                {
                    var copy = (JsonObject)body!.DeepClone();
                    copy[field] = change(copy, field);
                    return Bytes(copy);
                });

        return Gen.Frequency(
            (3, Gen.Constant(Bytes(body))),
            (2, fields.Length == 0 ? Gen.Constant(Bytes(body)) : Gen.Elements(fields).Select(field =>
            {
                var copy = (JsonObject)body!.DeepClone();
                copy.Remove(field);
                return Bytes(copy);
            })),
            (2, OnField((_, _) => null)),
            (2, OnField((_, _) => JsonValue.Create(3))),
            (2, OnField((_, _) => JsonValue.Create("vingt-trois"))),
            (1, OnField((_, _) => new JsonObject { ["x"] = 1 })),
            (1, OnField((_, _) => new JsonArray(null, JsonValue.Create("a")))),
            (2, OnField((_, _) => JsonValue.Create(new string('é', 5_000)))),
            (1, OnField((_, _) => JsonValue.Create(-2_000_000_000))),
            (1, OnField((_, _) => JsonValue.Create(1e300))),
            (2, Gen.Constant(Bytes(Unknown(body)))),
            (1, Gen.Constant(Encoding.UTF8.GetBytes("{"))),
            (1, Gen.Constant(Encoding.UTF8.GetBytes("pas du JSON"))),
            (1, Gen.Constant(Encoding.UTF8.GetBytes("[]"))),
            (1, Gen.Constant(Encoding.UTF8.GetBytes("null"))),
            (1, Gen.Constant(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })),
            (1, Gen.Choose(1, 40).Select(n => { var all = Bytes(body); return all[..Math.Min(n, all.Length)]; })));
    }

    private static JsonNode? Unknown(JsonNode? body)
    {
        if (body is not JsonObject record)
        {
            return body;
        }

        var copy = (JsonObject)record.DeepClone();
        copy["champInconnu"] = "x";
        return copy;
    }
}
