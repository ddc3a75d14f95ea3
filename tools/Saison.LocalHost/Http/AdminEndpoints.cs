using Saison.LocalHost.Functions;
using Saison.LocalHost.Timers;

namespace Saison.LocalHost.Http;

/// <summary>
/// The admin endpoints of Core Tools that tests and developers use: the host's status, and running a
/// non-HTTP function by name (<c>POST /admin/functions/{name}</c>, answered 202 while it runs).
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>Maps the admin endpoints.</summary>
    public static void MapAdmin(this IEndpointRouteBuilder endpoints, IReadOnlyList<LoadedFunction> functions, TimerScheduler timers, int workerProcessId)
    {
        endpoints.MapGet("/admin/host/status", () => Results.Json(new
        {
            state = "Running",
            workerProcessId,
            functions = functions.Select(f => f.Name),
        }));

        endpoints.MapPost("/admin/functions/{name}", (string name) =>
        {
            var function = functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (function is null)
            {
                return Problems.UnknownFunction(name);
            }

            if (!function.IsTimer)
            {
                return Problems.NotInvocableByName(name);
            }

            _ = timers.FireNowAsync(function);
            return Results.Accepted();
        });
    }
}
