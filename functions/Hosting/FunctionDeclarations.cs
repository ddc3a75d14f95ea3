namespace Saison.Functions.Hosting;

/// <summary>A function as the Azure Functions host knows it: a name and a trigger.</summary>
public abstract record FunctionDeclaration(string Name);

/// <summary>An HTTP-triggered function: its route (host.json's route prefix is empty) and methods.</summary>
public sealed record HttpFunctionDeclaration(string Name, string Route, IReadOnlyList<string> Methods, bool Anonymous, string Area, string? Summary) : FunctionDeclaration(Name);

/// <summary>
/// A timer-triggered function with its NCRONTAB schedule (six fields, seconds first), always in UTC:
/// Flex Consumption runs timers in UTC. A job meant for a local time of the destination (07:00 in its zone)
/// names it in <paramref name="LocalTime"/> (and its local days in <paramref name="LocalDays"/>, none: every
/// day) and is scheduled every quarter of an hour (<c>0 */15 * * * *</c>), which comes round to that local
/// time at any offset; every other run is skipped.
/// </summary>
public sealed record TimerFunctionDeclaration(string Name, string Schedule, string Description, TimeOnly? LocalTime = null, IReadOnlyList<DayOfWeek>? LocalDays = null) : FunctionDeclaration(Name);

/// <summary>Every function the app declares, read from its operations and timer registrations.</summary>
public sealed class FunctionCatalog(SaisonOperations operations, TimerFunctionRegistry timers)
{
    public IReadOnlyList<HttpFunctionDeclaration> HttpFunctions =>
    [
        .. operations.Functions
            .Select(f => new HttpFunctionDeclaration(
                f.Key,
                HostRoute(f.Value.RoutePattern.RawText ?? string.Empty),
                f.Value.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"],
                f.Value.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null,
                AreaOf(f.Value),
                f.Value.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>()?.Summary))
            .OrderBy(f => f.Name, StringComparer.Ordinal),
    ];

    public IReadOnlyList<TimerFunctionDeclaration> TimerFunctions
    {
        get
        {
            _ = operations.Functions; // the areas declare their timers while the operations are built
            return [.. timers.All.Select(t => t.Declaration).OrderBy(t => t.Name, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<FunctionDeclaration> All => [.. HttpFunctions, .. TimerFunctions];

    /// <summary>The area a timer belongs to: the namespace of the code it runs.</summary>
    public string AreaOf(TimerFunctionDeclaration timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        _ = operations.Functions;
        return LastSegment(timers.Find(timer.Name)?.Run.Method.DeclaringType?.Namespace);
    }

    /// <summary>
    /// The route as the host matches it. host.json sets the host's route prefix to empty, so the route is
    /// the whole path without its leading slash (<c>api/seasons/{season}</c>, <c>calendars/{feed}.ics</c>,
    /// pages), no trailing slash; a catch-all <c>{**rest}</c> is written <c>{*rest}</c>.
    /// </summary>
    public static string HostRoute(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return pattern.Trim('/').Replace("{**", "{*", StringComparison.Ordinal);
    }

    /// <summary>The area of an endpoint: the namespace of its handler (Seasons, Logistics…); pages are Web.</summary>
    private static string AreaOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            return "Web";
        }

        // The area is the folder of the handler's code; the framework's own endpoints (the OpenAPI document) are Operations.
        var ns = endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.DeclaringType?.Namespace ?? string.Empty;
        return ns.StartsWith("Saison.Functions.", StringComparison.Ordinal) ? LastSegment(ns) : "Operations";
    }

    private static string LastSegment(string? ns) => ns is null ? string.Empty : ns[(ns.LastIndexOf('.') + 1)..];
}
