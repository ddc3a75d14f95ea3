using System.Globalization;
using System.Reflection;

namespace Saison.Functions.Http;

/// <summary>
/// Which query parameter a function could not read, found again from the function's own parameters: the
/// framework refuses it with an empty 400 and names it only in its log.
/// </summary>
internal static class QueryBinding
{
    public static (string? Field, string Message) Explain(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var parameters = http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        foreach (var (name, values) in http.Request.Query)
        {
            var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var value = values.ToString();
            if (!Reads(type, value))
            {
                return (parameter.Name, $"Le paramètre « {parameter.Name} » a une valeur invalide (« {value} ») : {Expected(type)}.");
            }
        }

        return (null, "Un paramètre de l'adresse a une valeur invalide.");
    }

    private static bool Reads(Type type, string value) => type switch
    {
        _ when type == typeof(DateOnly) => DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        _ when type.IsEnum => Enum.TryParse(type, value, ignoreCase: true, out _) && !int.TryParse(value, out _),
        _ => true,
    };

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(DateOnly) => "une date s'écrit AAAA-MM-JJ, par exemple 2027-07-14",
        _ when type == typeof(DateTimeOffset) => "une date et une heure s'écrivent 2027-07-14T21:00:00+02:00",
        _ when type == typeof(bool) => "la valeur est true ou false",
        _ when type == typeof(int) => "un nombre entier est attendu",
        _ when type == typeof(decimal) => "un nombre est attendu (point décimal)",
        _ when type.IsEnum => "valeurs possibles : " + string.Join(", ", Enum.GetNames(type).Select(n => char.ToLowerInvariant(n[0]) + n[1..])),
        _ => "la valeur n'est pas reconnue",
    };
}
