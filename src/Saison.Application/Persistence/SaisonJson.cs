using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saison.Application.Persistence;

/// <summary>The one JSON shape of the app: camelCase, enums as strings, ISO dates (API and stored records alike).</summary>
public static class SaisonJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the app's JSON conventions to options owned elsewhere (the HTTP layer's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>
    /// The app's conventions plus what a request body must respect, so that a bad body is a 400 naming
    /// its field and never reaches a handler half-formed: enum values by name only (<c>"kind": 3</c> is
    /// refused), no <c>null</c> item in a list, no field the record does not have (a misspelt field would
    /// otherwise be dropped without a word).
    /// </summary>
    public static void ConfigureInput(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Configure(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        InputLimits.Apply(options);
        options.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Insert(0, new NoNullItemsConverterFactory());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// Refuses a <c>null</c> item in a list of reference-type items (a request's <c>peaks</c>, <c>members</c>,
/// <c>milestones</c>…): the runtime cannot see an item type's nullability, so inputs never accept null items.
/// </summary>
internal sealed class NoNullItemsConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsGenericType
            && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            && typeToConvert.GetGenericArguments()[0] is { IsValueType: false } item
            && item != typeof(object);
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var item = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter)Activator.CreateInstance(typeof(NoNullItemsConverter<>).MakeGenericType(item))!;
    }

    private sealed class NoNullItemsConverter<T> : JsonConverter<IReadOnlyList<T>>
        where T : class
    {
        /// <summary>The longest list a body may hold (themes, lines, members, milestones…).</summary>
        private const int MaxItems = 1_000;

        public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Expected a list.");
            }

            // The item converter is called directly (not a nested Deserialize): a refusal inside an item keeps the list's path.
            var items = (JsonConverter<T>)options.GetConverter(typeof(T));
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    throw new JsonException($"Item {list.Count} of the list is null.");
                }

                if (list.Count == MaxItems)
                {
                    throw new InputRuleException("Une liste compte au plus 1 000 éléments.");
                }

                list.Add(items.Read(ref reader, typeof(T), options) ?? throw new JsonException($"Item {list.Count} of the list is null."));
            }

            return list;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndArray();
        }
    }
}
