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

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
