using System.Security.Claims;
using Microsoft.Extensions.Options;
using Saison.Application.Auditing;
using Saison.Application.Calendars;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Calendars.Outlook;
using Saison.Functions.Hosting;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Calendars;

/// <summary>
/// Outlook: the sync timer (every 30 minutes, UTC), the project cell's endpoint to run it now or as a
/// dry run, and the weekly milestone digest mailed on Monday at 07:00 in the season's zone.
/// </summary>
internal static class OutlookFunctions
{
    public static IEndpointRouteBuilder MapOutlookFunctions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/seasons/{season:int}/calendars/outlook-sync", SyncNowAsync)
            .WithName("OutlookSyncNow")
            .WithTags("Calendriers")
            .WithSummary("Synchroniser maintenant les calendriers Outlook de la saison (?dryRun=true : dire ce qui changerait sans rien écrire ; ?reconcile=true : comparer d'abord chaque calendrier avec la boîte aux lettres et réparer manquants, doublons et orphelins)")
            .RequireRoles(Roles.ProjectCell);

        app.MapTimerFunction("OutlookSync", "0 */30 * * * *", "Toutes les 30 minutes (UTC) : pousse les calendriers de Saison vers les boîtes aux lettres Outlook configurées ; l'exécution de 2 h UTC compare aussi chaque calendrier avec la boîte aux lettres (réconciliation nocturne).", SyncTimerAsync);
        app.MapTimerFunction("MilestoneDigestWeekly", "0 */15 * * * *", "Chaque lundi à 7 h, heure locale de la destination (planifié tous les quarts d'heure UTC ; seule l'exécution qui tombe un lundi à 7 h locales agit, à tout décalage horaire) : envoie à chaque responsable ses jalons de la semaine et ceux en retard.", DigestTimerAsync, new TimeOnly(7, 0), [DayOfWeek.Monday]);
        return app;
    }

    private static async Task<IResult> SyncNowAsync(int season, bool? dryRun, bool? reconcile, OutlookCalendarSync sync, AuditTrail audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!sync.IsConfigured)
        {
            return Problems.Conflict("La synchronisation Outlook n'est pas configurée (section Outlook : Enabled, Calendars, identifiants).");
        }

        var report = await sync.RunAsync(dryRun == true, season, reconcile == true, cancellationToken).ConfigureAwait(false);
        if (dryRun != true)
        {
            await audit.RecordAsync(user.ToCaller(), "outlook.sync", $"seasons/{season}/calendars/outlook-sync", null, Summary(report), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(report);
    }

    private static async Task SyncTimerAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var sync = invocation.Services.GetRequiredService<OutlookCalendarSync>();
        if (!sync.IsConfigured)
        {
            invocation.Log("Outlook sync not configured: nothing to do.");
            return;
        }

        var report = await sync.RunAsync(false, null, OutlookCalendarSync.IsNightlyReconciliation(invocation.UtcNow), cancellationToken).ConfigureAwait(false);
        foreach (var target in report.Targets)
        {
            invocation.Log($"{target.Target}: created {target.Created}, updated {target.Updated}, deleted {target.Deleted}, unchanged {target.Unchanged}, adopted {target.Adopted}, duplicates removed {target.DuplicatesRemoved}, missing {target.Missing}, reconciled {(target.Reconciled ? "yes" : "no")}, failed {target.Failed.Count}, {target.GraphRequests} Graph requests.");
            foreach (var failure in target.Failed.Take(20))
            {
                invocation.Log("  failed: " + failure);
            }
        }

        await invocation.Services.GetRequiredService<AuditTrail>().RecordAsync(Caller.System, "outlook.sync", "calendars/outlook-sync", null, Summary(report), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (report.CredentialError is not null)
        {
            // The host must record a failed run: an expired secret is not a quiet night.
            throw new InvalidOperationException(report.CredentialError);
        }
    }

    private static async Task DigestTimerAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var seasons = invocation.Services.GetService<ISeasons>();
        var options = invocation.Services.GetRequiredService<IOptions<OutlookSyncOptions>>().Value;
        var year = invocation.UtcNow.Year;
        var season = seasons is null ? null : await seasons.FindAsync(year, cancellationToken).ConfigureAwait(false);
        if (season is null || !options.Enabled)
        {
            invocation.Log($"No digest: season {year} unknown or Outlook not enabled.");
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(season.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(invocation.UtcNow, zone).DateTime);
        var report = await invocation.Services.GetRequiredService<MilestoneDigests>().SendAsync(year, today, cancellationToken).ConfigureAwait(false);
        invocation.Log($"Digests for the week of {report.WeekOf:yyyy-MM-dd}: sent to {report.SentTo.Count}, no address for {report.NoAddress.Count} ({string.Join(", ", report.NoAddress)}), failed {report.Failed.Count}.");
        if (report.CredentialError is not null)
        {
            throw new InvalidOperationException(report.CredentialError);
        }
    }

    private static object Summary(OutlookSyncReport report) => new
    {
        report.DryRun,
        report.Created,
        report.Updated,
        report.Deleted,
        report.Failed,
        report.CredentialError,
        Targets = report.Targets.Select(t => t.Target).ToList(),
    };
}
