using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Saison.Application.Persistence;

namespace Saison.Functions.Http;

/// <summary>
/// The OpenAPI schemas say what the API accepts, as it accepts it: the fields a write takes back from a
/// GET but ignores are marked read-only, and every text and number carries the bound the edge enforces
/// (its own, or the defaults of <see cref="InputLimits"/>).
/// </summary>
internal static class OpenApiSchemas
{
    private const string ReadOnlyNote = "Lecture seule : renvoyé par GET, accepté et ignoré à l'écriture.";

    /// <summary>Every refusal an operation can give, with the <c>urn:saison:problem:*</c> types it may carry.</summary>
    private static readonly (string Status, string Description, bool WritesOnly)[] Refusals =
    [
        ("400", "Requête invalide : le champ fautif est dans `field` (urn:saison:problem:validation, urn:saison:problem:malformed-json).", false),
        ("401", "Authentification requise (urn:saison:problem:unauthenticated).", false),
        ("403", "Rôle insuffisant pour cette opération (urn:saison:problem:forbidden).", false),
        ("404", "Introuvable, ou invisible pour vous : la même réponse dans les deux cas (urn:saison:problem:not-found).", false),
        ("409", "Conflit avec l'état actuel ; `reasons` : [{code, message}] (urn:saison:problem:conflict).", true),
        ("412", "Version périmée : relisez l'enregistrement (urn:saison:problem:precondition-failed).", true),
        ("415", "Type de contenu non pris en charge (urn:saison:problem:unsupported-media-type).", true),
        ("422", "Règle métier non respectée ; `reasons` : [{code, message}] (urn:saison:problem:business-rule).", true),
        ("428", "En-tête If-Match requis (urn:saison:problem:precondition-required).", true),
    ];

    public static OpenApiOptions AddSaisonSchemas(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var write = !HttpMethods.IsGet(context.Description.HttpMethod ?? "GET");
            operation.Responses ??= [];
            if (!write && !operation.Responses.ContainsKey("304"))
            {
                operation.Responses["304"] = new OpenApiResponse { Description = "Inchangé depuis la version nommée dans If-None-Match (sans corps)." };
            }

            foreach (var (status, description, writesOnly) in Refusals.Where(r => write || !r.WritesOnly))
            {
                if (!operation.Responses.ContainsKey(status))
                {
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
                    };
                }
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema is OpenApiSchema record && context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Object } type && context.JsonPropertyInfo is null)
            {
                MarkReadOnly(record, type);
            }

            if (schema is OpenApiSchema value && context.JsonPropertyInfo is { } property)
            {
                Bound(value, property);
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static void MarkReadOnly(OpenApiSchema record, JsonTypeInfo type)
    {
        if (type.Type.GetCustomAttribute<ReadBackAttribute>() is null || record.Properties is null)
        {
            return;
        }

        var own = type.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => type.Options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in record.Properties.Keys.Where(n => !own.Contains(n)).ToList())
        {
            record.Properties[name] = new OpenApiSchema { ReadOnly = true, Description = ReadOnlyNote };
        }
    }

    /// <summary>A text or number read by the edge's own converters: its JSON type, and the bound those converters enforce.</summary>
    private static void Bound(OpenApiSchema value, JsonPropertyInfo property)
    {
        var type = property.PropertyType;
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = plain != type || !type.IsValueType;
        var attributes = property.AttributeProvider;
        var maxLength = attributes?.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.MaxLengthAttribute), true).OfType<System.ComponentModel.DataAnnotations.MaxLengthAttribute>().FirstOrDefault();
        var range = attributes?.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), true).OfType<System.ComponentModel.DataAnnotations.RangeAttribute>().FirstOrDefault();
        (JsonSchemaType? json, string? min, string? max) = plain switch
        {
            _ when plain == typeof(string) => (JsonSchemaType.String, null, null),
            _ when plain == typeof(int) => (JsonSchemaType.Integer, Text(-InputLimits.DefaultMaxInteger), Text(InputLimits.DefaultMaxInteger)),
            _ when plain == typeof(decimal) => (JsonSchemaType.Number, Text(-InputLimits.DefaultMaxDecimal), Text(InputLimits.DefaultMaxDecimal)),
            _ when plain == typeof(double) => (JsonSchemaType.Number, Text(-InputLimits.DefaultMaxDouble), Text(InputLimits.DefaultMaxDouble)),
            _ => ((JsonSchemaType?)null, (string?)null, (string?)null),
        };
        if (json is not { } known)
        {
            return;
        }

        value.Type = nullable ? known | JsonSchemaType.Null : known;
        value.Pattern = null;
        if (known == JsonSchemaType.String)
        {
            value.MaxLength = maxLength?.Length ?? value.MaxLength ?? InputLimits.DefaultTextLength;
            return;
        }

        value.Minimum = range is null ? min : Text(range.Minimum);
        value.Maximum = range is null ? max : Text(range.Maximum);
    }

    private static string Text(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
}
