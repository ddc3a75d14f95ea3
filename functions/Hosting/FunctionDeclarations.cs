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

/// <summary>
/// A timer-triggered function with its NCRONTAB schedule (six fields, seconds first), always in UTC:
/// Flex Consumption runs timers in UTC. A job meant for a local time (07:00 in the season's zone)
/// names it in <paramref name="LocalTime"/> and is scheduled at both UTC hours that local time can be
/// (<c>0 0 5,6 * * *</c>); the run whose local hour is not the intended one is skipped.
/// </summary>
public sealed record TimerFunctionDeclaration(string Name, string Schedule, string Description, TimeOnly? LocalTime = null) : FunctionDeclaration(Name);

/// <summary>Every function the app declares, read from its endpoints and timer registrations.</summary>
public sealed class FunctionCatalog
{
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
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is null && e.Metadata.GetMetadata<TimerInvocationMetadata>() is null)
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .Order(StringComparer.Ordinal),
    ];

    public IReadOnlyList<TimerFunctionDeclaration> TimerFunctions => [.. _timers.All.Select(t => t.Declaration).OrderBy(t => t.Name, StringComparer.Ordinal)];

    public IReadOnlyList<FunctionDeclaration> All => [.. HttpFunctions, .. TimerFunctions];

    /// <summary>
    /// The route as function.json names it. host.json sets the host's route prefix to empty, so
    /// the route is the whole path without its leading slash (<c>api/seasons/{season}</c>,
    /// <c>calendars/{feed}.ics</c>, pages); a catch-all <c>{**rest}</c> is written <c>{*rest}</c>.
    /// </summary>
    public static string HostRoute(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.TrimStart('/').Replace("{**", "{*", StringComparison.Ordinal);
    }
}
