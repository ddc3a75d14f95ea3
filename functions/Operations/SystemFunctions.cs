using System.Reflection;
using Saison.Application.Auditing;
using Saison.Application.Identity;
using Saison.Application.Samples;
using Saison.Functions.Hosting;
using Saison.Functions.Http;
using Saison.Functions.Identity;
using Saison.Storage;

namespace Saison.Functions.Operations;

/// <summary>Health, the audit trail and the function catalogue.</summary>
public static class SystemFunctions
{
    public static IEndpointRouteBuilder MapSystemFunctions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", HealthAsync)
            .WithName("Health")
            .WithTags("Système")
            .WithSummary("Vivacité, version, stockage utilisé et saison d'exemple")
            .AllowAnonymous();

        app.MapGet("/api/audit", AuditAsync)
            .WithName("AuditTrail")
            .WithTags("Système")
            .WithSummary("Le journal d'audit d'un mois (Admin)")
            .RequireRoles(Roles.Admin);

        app.MapTimerFunction("AuditOutbox", "0 */5 * * * *", "Toutes les 5 minutes (UTC) : achève les actions dont le processus s'est arrêté après leur enregistrement, avant d'en verser la trace au journal d'audit (journal complété, personnes concernées prévenues).", DrainAuditAsync);

        // Every address no other function serves: the home page for "/", else a French 404 (405 when the
        // address exists for another method). The host tries it last (a catch-all route has the lowest precedence).
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], Elsewhere)
            .WithName("Elsewhere")
            .WithTags("Système")
            .WithSummary("Toute autre adresse : l'accueil pour « / », sinon 404 (ou 405 si l'adresse existe pour une autre méthode)")
            .ExcludeFromDescription()
            .AllowAnonymous();

        return app;
    }

    private static IResult Elsewhere(HttpContext context, SaisonOperations operations)
    {
        if (context.Request.Path.Value is null or "" or "/")
        {
            return HttpMethods.IsGet(context.Request.Method) ? TypedResults.Redirect("/accueil") : TypedResults.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }

        return TypedResults.StatusCode(operations.ServesOtherwise(context.Request.Path) ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound);
    }

    public sealed record HealthReport(string Status, string Version, string Store, string Environment, SampleMarker? SampleSeason, string Destination);

    private static async Task<IResult> HealthAsync(ITableStore store, SampleSeasonLoader samples, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<SaisonOptions> options, Saison.Domain.Destinations.Destination destination, CancellationToken cancellationToken)
    {
        var version = typeof(SystemFunctions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var marker = await samples.FindMarkerAsync(options.Value.SampleSeasonYear, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new HealthReport("ok", version.Split('+')[0], store.Kind, environment.EnvironmentName, marker, destination.Name));
    }

    private static async Task DrainAuditAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var drained = await invocation.Services.GetRequiredService<PendingAuditDrain>().DrainAsync(cancellationToken).ConfigureAwait(false);
        invocation.Log($"Audit outbox: {drained} interrupted actions completed.");
    }

    private static async Task<IResult> AuditAsync(string? month, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        month ??= AuditTrail.PartitionOf(time.GetUtcNow());
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return Problems.Validation("month", $"Le mois « {month} » doit s'écrire AAAA-MM, par exemple 2027-07.");
        }

        return TypedResults.Ok(await audit.ListAsync(month, cancellationToken).ConfigureAwait(false));
    }
}
