// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Calendars;

/// <summary>The Calendars area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public sealed class CalendarsTriggers(TimerRunner timers)
{
    /// <summary>Flux iCalendar : agenda touristique public (agenda-{saison}) ou flux privé ouvert par un jeton</summary>
    [Function("CalendarFeed")]
    public static Task CalendarFeed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendars/{feed}.ics")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Lire le programme d&apos;un organisateur (.ics) : événements proposés, doublons reconnus par leur UID, événements refusés avec leur motif, sans rien enregistrer</summary>
    [Function("CalendarImportPreview")]
    public static Task CalendarImportPreview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/calendars/import-preview")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Ouvrir un flux iCalendar privé (organisateur, équipe technique, absences d&apos;une équipe, jalons) : renvoie son adresse secrète une seule fois</summary>
    [Function("CalendarTokenCreate")]
    public static Task CalendarTokenCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/calendar-tokens")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les flux privés que vous avez ouverts (tous pour la cellule projet), sans leur secret</summary>
    [Function("CalendarTokenList")]
    public static Task CalendarTokenList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/calendar-tokens")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Révoquer un flux privé (If-Match requis) : son adresse cesse aussitôt de fonctionner</summary>
    [Function("CalendarTokenRevoke")]
    public static Task CalendarTokenRevoke([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/seasons/{season:int}/calendar-tokens/{tokenId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Synchroniser maintenant les calendriers Outlook de la saison (?dryRun=true : dire ce qui changerait sans rien écrire ; ?reconcile=true : comparer d&apos;abord chaque calendrier avec la boîte aux lettres et réparer manquants, doublons et orphelins)</summary>
    [Function("OutlookSyncNow")]
    public static Task OutlookSyncNow([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/calendars/outlook-sync")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Chaque lundi à 7 h, heure locale de la destination (planifié tous les quarts d&apos;heure UTC ; seule l&apos;exécution qui tombe un lundi à 7 h locales agit, à tout décalage horaire) : envoie à chaque responsable ses jalons de la semaine et ceux en retard.</summary>
    [Function("MilestoneDigestWeekly")]
    public Task MilestoneDigestWeekly([TimerTrigger("0 */15 * * * *")] TimerInfo timer, FunctionContext context) =>
        timers.RunAsync("MilestoneDigestWeekly", timer, context.CancellationToken);

    /// <summary>Toutes les 30 minutes (UTC) : pousse les calendriers de Saison vers les boîtes aux lettres Outlook configurées ; l&apos;exécution de 2 h UTC compare aussi chaque calendrier avec la boîte aux lettres (réconciliation nocturne).</summary>
    [Function("OutlookSync")]
    public Task OutlookSync([TimerTrigger("0 */30 * * * *")] TimerInfo timer, FunctionContext context) =>
        timers.RunAsync("OutlookSync", timer, context.CancellationToken);
}
