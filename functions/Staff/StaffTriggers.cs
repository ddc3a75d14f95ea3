// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Staff;

/// <summary>The Staff area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public static class StaffTriggers
{
    /// <summary>Couverture par équipe et par jour (effectifs seulement, jamais les noms ni les motifs)</summary>
    [Function("Coverage")]
    public static Task Coverage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/coverage")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les soldes d&apos;un agent : congés annuels et fractionnement, RTT, récupération ; projection annualisée</summary>
    [Function("LeaveBalance")]
    public static Task LeaveBalance([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/leave/balances/{agentId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Annuler une demande (If-Match requis) : le solde est restitué</summary>
    [Function("LeaveCancel")]
    public static Task LeaveCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/leave/{requestId}/cancel")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créditer des heures supplémentaires en récupération</summary>
    [Function("LeaveCreditRecovery")]
    public static Task LeaveCreditRecovery([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/leave/recovery-credits")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Accepter ou refuser une demande (If-Match requis) ; déroger à une règle exige une justification écrite</summary>
    [Function("LeaveDecide")]
    public static Task LeaveDecide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/leave/{requestId}/decision")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Évaluer une demande sans l&apos;enregistrer : verdict de chaque règle, couverture avant et après</summary>
    [Function("LeaveEvaluate")]
    public static Task LeaveEvaluate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/leave/evaluate")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Une demande, avec son évaluation tant qu&apos;elle est en attente</summary>
    [Function("LeaveGet")]
    public static Task LeaveGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/leave/{requestId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les règles de présence d&apos;une équipe</summary>
    [Function("LeaveGetRules")]
    public static Task LeaveGetRules([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/leave/rules/{teamId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les demandes visibles : les siennes (agent), celles de ses équipes (responsable)</summary>
    [Function("LeaveList")]
    public static Task LeaveList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/leave")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Fixer les règles de présence d&apos;une équipe (If-Match dès qu&apos;elles existent)</summary>
    [Function("LeaveSetRules")]
    public static Task LeaveSetRules([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/leave/rules/{teamId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Demander un congé, un RTT ou une récupération (l&apos;agent, ou son responsable pour lui)</summary>
    [Function("LeaveSubmit")]
    public static Task LeaveSubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/leave")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer un agent</summary>
    [Function("StaffCreateAgent")]
    public static Task StaffCreateAgent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/staff/agents")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer un service (ses équipes et ses articles du catalogue le nomment ensuite)</summary>
    [Function("StaffCreateService")]
    public static Task StaffCreateService([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/staff/services")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer une équipe</summary>
    [Function("StaffCreateTeam")]
    public static Task StaffCreateTeam([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/staff/teams")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un agent (un agent peut lire sa propre fiche)</summary>
    [Function("StaffGetAgent")]
    public static Task StaffGetAgent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff/agents/{agentId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un service</summary>
    [Function("StaffGetService")]
    public static Task StaffGetService([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff/services/{serviceId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Une équipe</summary>
    [Function("StaffGetTeam")]
    public static Task StaffGetTeam([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff/teams/{teamId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les agents de la saison, éventuellement d&apos;une équipe ou d&apos;une compétence</summary>
    [Function("StaffListAgents")]
    public static Task StaffListAgents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff/agents")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les services municipaux de la saison</summary>
    [Function("StaffListServices")]
    public static Task StaffListServices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff/services")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les équipes de la saison</summary>
    [Function("StaffListTeams")]
    public static Task StaffListTeams([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff/teams")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Services et équipes de la saison, avec leurs effectifs et compétences</summary>
    [Function("StaffOverview")]
    public static Task StaffOverview([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/staff")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier un agent (If-Match requis)</summary>
    [Function("StaffUpdateAgent")]
    public static Task StaffUpdateAgent([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/staff/agents/{agentId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Renommer un service (If-Match requis ; son identifiant ne change pas)</summary>
    [Function("StaffUpdateService")]
    public static Task StaffUpdateService([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/staff/services/{serviceId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier une équipe (If-Match requis)</summary>
    [Function("StaffUpdateTeam")]
    public static Task StaffUpdateTeam([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/staff/teams/{teamId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);
}
