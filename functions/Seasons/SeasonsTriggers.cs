// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Seasons;

/// <summary>The Seasons area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public sealed class SeasonsTriggers(TimerRunner timers)
{
    /// <summary>Annuler un événement (If-Match)</summary>
    [Function("CancelEvent")]
    public static Task CancelEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/events/{id}/cancel")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Changer les bornes et la haute saison</summary>
    [Function("ChangeSeasonBounds")]
    public static Task ChangeSeasonBounds([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/bounds")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Faire avancer la saison dans son cycle de vie</summary>
    [Function("ChangeSeasonStatus")]
    public static Task ChangeSeasonStatus([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/status")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Fixer la tonalité : thèmes, parts cibles, priorités</summary>
    [Function("ChangeSeasonTonality")]
    public static Task ChangeSeasonTonality([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/tonality")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Confirmer un événement proposé (If-Match)</summary>
    [Function("ConfirmEvent")]
    public static Task ConfirmEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/events/{id}/confirm")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer une saison (brouillon)</summary>
    [Function("CreateSeason")]
    public static Task CreateSeason([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Valider dans l&apos;agenda touristique de l&apos;été ou garder hors agenda (If-Match)</summary>
    [Function("DecideEventAgenda")]
    public static Task DecideEventAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/events/{id}/agenda")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier un événement (If-Match)</summary>
    [Function("EditEvent")]
    public static Task EditEvent([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/seasons/{season:int}/events/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Figer une référence du rétroplanning</summary>
    [Function("FreezePlanBaseline")]
    public static Task FreezePlanBaseline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/plan/baselines")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un événement et ses occurrences</summary>
    [Function("GetEvent")]
    public static Task GetEvent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/events/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Le rétroplanning d&apos;un événement</summary>
    [Function("GetEventReversePlan")]
    public static Task GetEventReversePlan([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/plan/events/{eventId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un organisateur</summary>
    [Function("GetOrganiser")]
    public static Task GetOrganiser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/organisers/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Une référence et le glissement de chaque jalon</summary>
    [Function("GetPlanBaseline")]
    public static Task GetPlanBaseline([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/plan/baselines/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un modèle de rétroplanning</summary>
    [Function("GetPlanTemplate")]
    public static Task GetPlanTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/plan/templates/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Le rétroplanning partagé : par événement, porteur, fenêtre d&apos;échéance ; retards et risques d&apos;abord</summary>
    [Function("GetReversePlan")]
    public static Task GetReversePlan([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/plan")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Bornes, haute saison, tonalité et décisions du COPIL</summary>
    [Function("GetSeason")]
    public static Task GetSeason([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les bornes et la haute saison, sous la forme que PUT accepte</summary>
    [Function("GetSeasonBounds")]
    public static Task GetSeasonBounds([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/bounds")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>La tonalité : thèmes, parts cibles, priorités, sous la forme que PUT accepte</summary>
    [Function("GetSeasonTonality")]
    public static Task GetSeasonTonality([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/tonality")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un site</summary>
    [Function("GetSite")]
    public static Task GetSite([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/sites/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les événements de la saison (un organisateur ne voit que les siens)</summary>
    [Function("ListEvents")]
    public static Task ListEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/events")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les organisateurs de la saison</summary>
    [Function("ListOrganisers")]
    public static Task ListOrganisers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/organisers")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les références figées du rétroplanning</summary>
    [Function("ListPlanBaselines")]
    public static Task ListPlanBaselines([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/plan/baselines")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les modèles de rétroplanning</summary>
    [Function("ListPlanTemplates")]
    public static Task ListPlanTemplates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/plan/templates")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les saisons</summary>
    [Function("ListSeasons")]
    public static Task ListSeasons([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les sites de la saison</summary>
    [Function("ListSites")]
    public static Task ListSites([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/sites")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Déclarer un événement réalisé (If-Match)</summary>
    [Function("MarkEventDone")]
    public static Task MarkEventDone([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/events/{id}/done")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Déclarer un jalon fait (par son porteur ou la cellule projet)</summary>
    [Function("MarkMilestoneDone")]
    public static Task MarkMilestoneDone([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/plan/milestones/{id}/done")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Déplacer un événement ; son rétroplanning suit (If-Match)</summary>
    [Function("MoveEvent")]
    public static Task MoveEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/events/{id}/move")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Ce que donnerait la saison suivante démarrée de celle-ci : bornes aux mêmes jours de la semaine, événements reconduits</summary>
    [Function("PreviewNextSeason")]
    public static Task PreviewNextSeason([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/next")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Proposer un événement</summary>
    [Function("ProposeEvent")]
    public static Task ProposeEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/events")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Consigner une décision du COPIL</summary>
    [Function("RecordCopilDecision")]
    public static Task RecordCopilDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/decisions")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Enregistrer un organisateur (If-Match pour modifier)</summary>
    [Function("SaveOrganiser")]
    public static Task SaveOrganiser([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/organisers/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Créer ou modifier un modèle de rétroplanning (If-Match pour modifier)</summary>
    [Function("SavePlanTemplate")]
    public static Task SavePlanTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/plan/templates/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Enregistrer un site (If-Match pour modifier)</summary>
    [Function("SaveSite")]
    public static Task SaveSite([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/sites/{id}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Démarrer la saison suivante de celle-ci : bornes, tonalité, organisateurs, sites, modèles, personnel, catalogue, règles et équipes repris, événements choisis proposés à nouveau</summary>
    [Function("StartNextSeason")]
    public static Task StartNextSeason([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/next")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Chaque matin à 7 h, heure locale de la destination (planifié tous les quarts d&apos;heure UTC ; seule l&apos;exécution qui tombe à 7 h locales agit, à tout décalage horaire) : jalons en retard et à risque du rétroplanning de chaque saison ouverte</summary>
    [Function("ReversePlanMorningCheck")]
    public Task ReversePlanMorningCheck([TimerTrigger("0 */15 * * * *")] TimerInfo timer, FunctionContext context) =>
        timers.RunAsync("ReversePlanMorningCheck", timer, context.CancellationToken);
}
