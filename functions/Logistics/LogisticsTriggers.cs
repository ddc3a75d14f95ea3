// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Logistics;

/// <summary>The Logistics area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public static class LogisticsTriggers
{
    /// <summary>Accepter l&apos;alternative proposée sur une ligne refusée ou accordée en partie : une nouvelle ligne, en attente de décision, la remplace (If-Match requis)</summary>
    [Function("AcceptLogisticsAlternative")]
    public static Task AcceptLogisticsAlternative([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/lines/{lineId}/accept-alternative")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Annuler sa demande tant qu&apos;elle n&apos;est pas planifiée : ses lignes rendent leurs unités au stock (If-Match requis)</summary>
    [Function("CancelLogisticsRequest")]
    public static Task CancelLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/cancel")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Confirmer les allocations accordées : elles ne seront plus déplacées que par une décision explicite (If-Match requis)</summary>
    [Function("ConfirmLogisticsRequest")]
    public static Task ConfirmLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/confirm")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Ajouter un matériel ou un service au catalogue (services techniques)</summary>
    [Function("CreateCatalogItem")]
    public static Task CreateCatalogItem([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/catalog/items")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer une équipe avec ses membres et leurs compétences</summary>
    [Function("CreateCrew")]
    public static Task CreateCrew([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/crews")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer une demande logistique pour un événement de son organisation (brouillon, ou soumise directement avec submit=true)</summary>
    [Function("CreateLogisticsRequest")]
    public static Task CreateLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Décider des lignes d&apos;une demande : accord total ou partiel, refus, chacun motivé (If-Match requis)</summary>
    [Function("DecideLogisticsRequest")]
    public static Task DecideLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/decisions")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier les lignes de sa demande tant qu&apos;aucune n&apos;est décidée : un brouillon (soumis avec submit=true), ou une demande soumise dont les lignes inchangées gardent leur place (If-Match requis)</summary>
    [Function("EditLogisticsRequest")]
    public static Task EditLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/requests/{requestId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Le planning d&apos;un agent (l&apos;agent lui-même, les services techniques, ses responsables)</summary>
    [Function("GetAgentSchedule")]
    public static Task GetAgentSchedule([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/crews/agents/{agentId}/schedule")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Le catalogue de la saison : matériels et services avec stock ou capacité, niveaux de service standard, enveloppes budgétaires et leur consommation, délais de prévenance</summary>
    [Function("GetCatalog")]
    public static Task GetCatalog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/catalog")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un article du catalogue</summary>
    [Function("GetCatalogItem")]
    public static Task GetCatalogItem([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/catalog/items/{itemId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les règles du catalogue : délais de prévenance par taille d&apos;événement, niveaux de service standard, enveloppes budgétaires</summary>
    [Function("GetCatalogPolicy")]
    public static Task GetCatalogPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/catalog/policy")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Une équipe, ses membres et leurs compétences</summary>
    [Function("GetCrew")]
    public static Task GetCrew([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/crews/{crewId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Le planning des équipes : tâches affectées et tâches non pourvues avec leurs motifs</summary>
    [Function("GetCrewSchedule")]
    public static Task GetCrewSchedule([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/crews/schedule")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Le planning d&apos;une équipe</summary>
    [Function("GetCrewTeamSchedule")]
    public static Task GetCrewTeamSchedule([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/crews/{crewId}/schedule")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Suivre une demande : statut, décision et motifs de chaque ligne, alternative proposée, historique</summary>
    [Function("GetLogisticsRequest")]
    public static Task GetLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/requests/{requestId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les équipes : service de rattachement, membres et compétences</summary>
    [Function("ListCrews")]
    public static Task ListCrews([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/crews")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les demandes logistiques : celles de son organisation pour un organisateur, toutes pour les services techniques</summary>
    [Function("ListLogisticsRequests")]
    public static Task ListLogisticsRequests([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/requests")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>La file d&apos;instruction par ordre de priorité (agenda touristique, ville, autres ; dépôt complet le plus ancien), avec propositions, conflits et alternatives</summary>
    [Function("LogisticsReviewQueue")]
    public static Task LogisticsReviewQueue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/requests/review")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Faire avancer une demande : en instruction, planifiée, livrée, clôturée (If-Match requis)</summary>
    [Function("MoveLogisticsRequest")]
    public static Task MoveLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/status")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier une allocation accordée ou confirmée par décision explicite et justifiée des services techniques (If-Match requis)</summary>
    [Function("OverrideLogisticsAllocation")]
    public static Task OverrideLogisticsAllocation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/lines/{lineId}/override")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Établir (ou rétablir) le planning à partir des lignes accordées : agenda d&apos;abord, garanties de temps de travail, congés respectés, le moins possible de changements publiés (première page du planning)</summary>
    [Function("PlanCrewSchedule")]
    public static Task PlanCrewSchedule([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/crews/schedule")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Publier le planning établi (If-Match requis ; première page du planning)</summary>
    [Function("PublishCrewSchedule")]
    public static Task PublishCrewSchedule([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/crews/schedule/publish")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier un article du catalogue : stock, capacité, coût, délais (If-Match requis)</summary>
    [Function("ReplaceCatalogItem")]
    public static Task ReplaceCatalogItem([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/catalog/items/{itemId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer les règles d&apos;une nouvelle saison (sans If-Match) ou redéfinir délais, niveaux de service standard et enveloppes (à enveloppe constante ; If-Match requis)</summary>
    [Function("ReplaceCatalogPolicy")]
    public static Task ReplaceCatalogPolicy([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/catalog/policy")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier une équipe : nom, membres, compétences (If-Match requis)</summary>
    [Function("ReplaceCrew")]
    public static Task ReplaceCrew([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/crews/{crewId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Soumettre une demande : procédure rapide si elle est standard, dans les délais et dans le stock, instruction sinon (If-Match requis)</summary>
    [Function("SubmitLogisticsRequest")]
    public static Task SubmitLogisticsRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/requests/{requestId}/submit")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);
}
