// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Notices;

/// <summary>The Notices area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public sealed class NoticesTriggers(TimerRunner timers)
{
    /// <summary>Ce qui vous a été dit : décisions sur vos demandes logistiques et vos congés, vos événements déplacés ; à un service technique, les demandes qui ont suivi un événement modifié (les plus récents d&apos;abord)</summary>
    [Function("ListNotices")]
    public static Task ListNotices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/notices")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Toutes les 5 minutes (UTC) : envoie par Microsoft Graph (sendMail) les avis en attente, .ics joint ; un envoi manqué est retenté à l&apos;exécution suivante.</summary>
    [Function("NoticeMail")]
    public Task NoticeMail([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context) =>
        timers.RunAsync("NoticeMail", timer, context.CancellationToken);
}
