// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Finance;

/// <summary>The Finance area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public static class FinanceTriggers
{
    /// <summary>Ce que la saison coûte et rapporte : coûts (logistique accordée, heures des équipes, dépenses saisies) face aux recettes (taxe de séjour, résidences secondaires, partenaires), par événement, thème, site, service et semaine ; enveloppes à enveloppe constante. Lecture : COPIL, cellule projet</summary>
    [Function("CopilMoney")]
    public static Task CopilMoney([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/copil/money")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un tableau du volet financier en CSV (money-totals, money-events, money-themes, money-sites, money-services, money-weeks, money-envelopes, money-budget-lines, money-tax, money-sponsors ; money-years : la saison et la précédente côte à côte ; toutes saisons : /api/seasons/compare.csv)</summary>
    [Function("CopilMoneyCsv")]
    public static Task CopilMoneyCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/copil/money/{figure}.csv")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Saisir une dépense avec sa ligne budgétaire, rattachée si besoin à un événement, un service, une date (cellule projet)</summary>
    [Function("CreateCostLine")]
    public static Task CreateCostLine([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/finance/costs")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Déclarer un partenaire d&apos;un événement (cellule projet ; un organisateur pour ses propres événements)</summary>
    [Function("CreateSponsorship")]
    public static Task CreateSponsorship([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/seasons/{season:int}/finance/sponsorships")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Retirer une dépense saisie par erreur (If-Match requis ; cellule projet)</summary>
    [Function("DeleteCostLine")]
    public static Task DeleteCostLine([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/seasons/{season:int}/finance/costs/{costId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Retirer un partenaire déclaré par erreur (If-Match requis ; cellule projet, organisateur de l&apos;événement)</summary>
    [Function("DeleteSponsorship")]
    public static Task DeleteSponsorship([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/seasons/{season:int}/finance/sponsorships/{sponsorshipId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Une dépense saisie, avec son ETag. Lecture : cellule projet, COPIL</summary>
    [Function("GetCostLine")]
    public static Task GetCostLine([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/finance/costs/{costId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les paramètres financiers de la saison : taux horaires par service et compétence, majoration des heures supplémentaires, grille et nuitées de la taxe de séjour, taxe sur les résidences secondaires</summary>
    [Function("GetFinanceSettings")]
    public static Task GetFinanceSettings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/finance/settings")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un partenaire d&apos;un événement, avec son ETag (un organisateur : ceux de ses événements)</summary>
    [Function("GetSponsorship")]
    public static Task GetSponsorship([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/finance/sponsorships/{sponsorshipId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les dépenses saisies de la saison (programmation, subventions, communication…), par date ; paginé (?pageSize, ?continuation). Lecture : cellule projet, COPIL</summary>
    [Function("ListCostLines")]
    public static Task ListCostLines([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/finance/costs")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Les partenaires (parrainage, mécénat) des événements : sollicités, promis, signés, reçus, avec montants et apports en nature ; ?eventId pour un événement ; paginé. Un organisateur ne voit que ceux de ses événements</summary>
    [Function("ListSponsorships")]
    public static Task ListSponsorships([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/finance/sponsorships")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Saisir les paramètres financiers d&apos;une saison (sans If-Match la première fois, If-Match requis ensuite ; cellule projet)</summary>
    [Function("PutFinanceSettings")]
    public static Task PutFinanceSettings([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/finance/settings")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Modifier une dépense saisie : ce que GET renvoie est accepté tel quel (If-Match requis ; cellule projet)</summary>
    [Function("ReplaceCostLine")]
    public static Task ReplaceCostLine([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/finance/costs/{costId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Faire avancer un partenaire (promis, signé, reçu) ou corriger ses montants : ce que GET renvoie est accepté tel quel (If-Match requis ; cellule projet, organisateur de l&apos;événement)</summary>
    [Function("ReplaceSponsorship")]
    public static Task ReplaceSponsorship([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/seasons/{season:int}/finance/sponsorships/{sponsorshipId}")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);
}
