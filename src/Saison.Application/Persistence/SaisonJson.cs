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
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
