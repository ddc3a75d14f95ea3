// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Operations;

/// <summary>The Operations area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public sealed class OperationsTriggers(TimerRunner timers)
{
    /// <summary>Le journal d&apos;audit d&apos;un mois (Admin)</summary>
    [Function("AuditTrail")]
    public static Task AuditTrail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Toute autre adresse : l&apos;accueil pour « / », sinon 404 (ou 405 si l&apos;adresse existe pour une autre méthode)</summary>
    [Function("Elsewhere")]
    public static Task Elsewhere([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Vivacité, version, stockage utilisé et saison d&apos;exemple</summary>
    [Function("Health")]
    public static Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("OpenApiDocument")]
    public static Task OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageFrameworkOpaqueRedirect")]
    public static Task PageFrameworkOpaqueRedirect([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "_framework/opaque-redirect")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Toutes les 5 minutes (UTC) : achève les actions dont le processus s&apos;est arrêté après leur enregistrement, avant d&apos;en verser la trace au journal d&apos;audit (journal complété, personnes concernées prévenues).</summary>
    [Function("AuditOutbox")]
    public Task AuditOutbox([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context) =>
        timers.RunAsync("AuditOutbox", timer, context.CancellationToken);
}
