using Microsoft.AspNetCore.Routing;

namespace Saison.Functions.Hosting;

/// <summary>
/// A function as the Azure Functions host knows it: a name and a trigger. HTTP functions are the
/// app's named endpoints (declared once with <c>WithName</c>); timer functions are declared with
/// <see cref="TimerFunctionExtensions.MapTimerFunction"/>.
/// </summary>
public abstract record FunctionDeclaration(string Name);

/// <summary>An HTTP-triggered function: its route under <c>/api</c> (the host's route prefix) and methods.</summary>
public sealed record HttpFunctionDeclaration(string Name, string Route, IReadOnlyList<string> Methods, bool Anonymous) : FunctionDeclaration(Name);

/// <summary>A timer-triggered function with its NCRONTAB schedule (six fields, seconds first, UTC on Flex Consumption).</summary>
public sealed record TimerFunctionDeclaration(string Name, string Schedule, string Description) : FunctionDeclaration(Name);

/// <summary>Every function the app declares, read from its endpoints and timer registrations.</summary>
public sealed class FunctionCatalog
{
    /// <summary>The Functions host's HTTP route prefix (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    private readonly EndpointDataSource _endpoints;
    private readonly TimerFunctionRegistry _timers;

    public FunctionCatalog(EndpointDataSource endpoints, TimerFunctionRegistry timers)
    {
        _endpoints = endpoints;
        _timers = timers;
    }

    public IReadOnlyList<HttpFunctionDeclaration> HttpFunctions =>
    [
        .. _endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null && e.Metadata.GetMetadata<TimerInvocationMetadata>() is null)
            .Select(e => new HttpFunctionDeclaration(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName,
                HostRoute(e.RoutePattern.RawText ?? string.Empty),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"],
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null))
            .OrderBy(f => f.Name, StringComparer.Ordinal),
    ];

    /// <summary>Endpoints served by the app that carry no function name (they would not be reachable under the host).</summary>
    public IReadOnlyList<string> UnnamedRoutes =>
    [
        .. _endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is null)
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .Order(StringComparer.Ordinal),
    ];

    public IReadOnlyList<TimerFunctionDeclaration> TimerFunctions => [.. _timers.All.Select(t => t.Declaration).OrderBy(t => t.Name, StringComparer.Ordinal)];

    public IReadOnlyList<FunctionDeclaration> All => [.. HttpFunctions, .. TimerFunctions];

    /// <summary>
    /// The route as function.json names it: without the <c>api/</c> prefix (the host adds it).
    /// Routes outside <c>/api</c> (the calendar feeds, pages) keep their path and need the host's
    /// route prefix set to empty for them — see host.json.
    /// </summary>
    public static string HostRoute(string pattern)
    {
        var route = pattern.TrimStart('/');
        return route.StartsWith(RoutePrefix + "/", StringComparison.Ordinal) ? route[(RoutePrefix.Length + 1)..] : route;
    }
}
