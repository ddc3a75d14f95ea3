// Written from the area's operations by tests/Saison.Functions.Tests/Hosting/FunctionTriggerFiles.cs: change
// the operation (its Map… declaration), then SAISON_WRITE_TRIGGERS=1 dotnet test --filter FunctionTriggerFiles.
using Microsoft.Azure.Functions.Worker;
using Saison.Functions.Hosting;

namespace Saison.Functions.Copil;

/// <summary>The Copil area's Azure Functions: one per operation, run through the app's HTTP pipeline (<see cref="SaisonHttpMiddleware"/>).</summary>
public static class CopilTriggers
{
    /// <summary>Les saisons côte à côte, année après année (years=2026,2027) : bornes, haute saison, programme, charge, heures, rétroplanning, logistique, enveloppes</summary>
    [Function("CompareSeasons")]
    public static Task CompareSeasons([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/compare")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>La comparaison des saisons en CSV (une ligne par indicateur, une colonne par saison)</summary>
    [Function("CompareSeasonsCsv")]
    public static Task CompareSeasonsCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/compare.csv")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Tableau de bord de la tonalité : programme, charge, couverture, rétroplanning, enveloppes, demandes, décisions</summary>
    [Function("CopilDashboard")]
    public static Task CopilDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/copil")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);

    /// <summary>Un indicateur du tableau de bord en CSV (themes, weeks, sites, load, coverage, plan, envelopes, requests, decisions)</summary>
    [Function("CopilFigureCsv")]
    public static Task CopilFigureCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/seasons/{season:int}/copil/{figure}.csv")] HttpRequest request) =>
        SaisonOperations.InvokeAsync(request);
}
