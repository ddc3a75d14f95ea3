// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Web;

/// <summary>The Web area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public static class WebTriggers
{
    [Function("PageAccueil")]
    public static Task PageAccueil([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "accueil")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageConnexion")]
    public static Task PageConnexion([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "connexion")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsComparer")]
    public static Task PageSaisonsComparer([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/comparer")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonAgent")]
    public static Task PageSaisonsSeasonAgent([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/agent")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonCelluleProjet")]
    public static Task PageSaisonsSeasonCelluleProjet([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/cellule-projet")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonCelluleProjetEvenementsEventId")]
    public static Task PageSaisonsSeasonCelluleProjetEvenementsEventId([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/cellule-projet/evenements/{EventId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonCopil")]
    public static Task PageSaisonsSeasonCopil([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/copil")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonCopilFinances")]
    public static Task PageSaisonsSeasonCopilFinances([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/copil/finances")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonEncadrement")]
    public static Task PageSaisonsSeasonEncadrement([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/encadrement")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonEncadrementDemandesRequestId")]
    public static Task PageSaisonsSeasonEncadrementDemandesRequestId([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/encadrement/demandes/{RequestId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonFinances")]
    public static Task PageSaisonsSeasonFinances([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/finances")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonOrganisateur")]
    public static Task PageSaisonsSeasonOrganisateur([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/organisateur")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonOrganisateurDemandesNouvelle")]
    public static Task PageSaisonsSeasonOrganisateurDemandesNouvelle([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/organisateur/demandes/nouvelle")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonOrganisateurDemandesRequestId")]
    public static Task PageSaisonsSeasonOrganisateurDemandesRequestId([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/organisateur/demandes/{RequestId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonOrganisateurEvenementsNouveau")]
    public static Task PageSaisonsSeasonOrganisateurEvenementsNouveau([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/organisateur/evenements/nouveau")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonPersonnel")]
    public static Task PageSaisonsSeasonPersonnel([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/personnel")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonSaisonSuivante")]
    public static Task PageSaisonsSeasonSaisonSuivante([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/saison-suivante")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonServicesTechniques")]
    public static Task PageSaisonsSeasonServicesTechniques([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/services-techniques")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    [Function("PageSaisonsSeasonServicesTechniquesDemandesRequestId")]
    public static Task PageSaisonsSeasonServicesTechniquesDemandesRequestId([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "saisons/{Season:int}/services-techniques/demandes/{RequestId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Se déconnecter (efface le jeton des pages)</summary>
    [Function("WebSignOut")]
    public static Task WebSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deconnexion")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Feuille de style des pages (écran et impression)</summary>
    [Function("WebStylesheet")]
    public static Task WebStylesheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "static/saison.css")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);
}
