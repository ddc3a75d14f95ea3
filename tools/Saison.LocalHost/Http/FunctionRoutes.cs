using Microsoft.AspNetCore.Routing.Patterns;
using Saison.LocalHost.Functions;

namespace Saison.LocalHost.Http;

/// <summary>
/// HTTP functions as ASP.NET Core endpoints: the route prefix from host.json, then the trigger's route
/// (or the function's name), matched by endpoint routing with its constraints (<c>{season:int}</c>),
/// optional (<c>{id?}</c>) and catch-all (<c>{*rest}</c>) parameters and literal-first precedence —
/// the template syntax and matching the Functions host and the worker both use.
/// </summary>
internal static class FunctionRoutes
{
    /// <summary>The full route template of an HTTP function, e.g. "api/seasons/{season:int}".</summary>
    public static string Template(string routePrefix, LoadedFunction function)
    {
        var route = (function.Trigger.Route ?? function.Name).Trim('/');
        var prefix = routePrefix.Trim('/');
        return prefix.Length == 0 ? route : route.Length == 0 ? prefix : $"{prefix}/{route}";
    }

    /// <summary>The methods the function answers, upper case; empty for all.</summary>
    public static IReadOnlyList<string> Methods(LoadedFunction function) =>
        function.Trigger.Methods?.Select(m => m.ToUpperInvariant()).ToList() ?? [];

    /// <summary>Maps one endpoint per HTTP function onto <paramref name="handler"/>.</summary>
    public static void MapFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<LoadedFunction> functions, string routePrefix, Func<LoadedFunction, RequestDelegate> handler)
    {
        foreach (var function in functions.Where(f => f.IsHttp))
        {
            var builder = endpoints.Map(RoutePatternFactory.Parse(Template(routePrefix, function)), handler(function))
                .WithDisplayName(function.Name)
                .WithMetadata(function);
            var methods = Methods(function);
            if (methods.Count > 0)
            {
                builder.WithMetadata(new HttpMethodMetadata(methods));
            }
        }
    }
}
