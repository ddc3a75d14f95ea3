using System.Text;
using Saison.Application.Copil;
using Saison.Application.Identity;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Copil;

/// <summary>The COPIL's tonality dashboard as JSON, and each of its figures as CSV.</summary>
public static class CopilFunctions
{
    private static readonly string[] Readers = [Roles.Copil, Roles.ProjectCell];

    public static IEndpointRouteBuilder MapCopilFunctions(this IEndpointRouteBuilder app)
    {
        var copil = app.MapGroup("/api/seasons/{season:int}/copil").WithTags("COPIL");
        copil.MapGet("/", DashboardAsync)
            .WithName("CopilDashboard")
            .WithSummary("Tableau de bord de la tonalité : programme, charge, couverture, rétroplanning, enveloppes, demandes, décisions")
            .RequireRoles(Readers);
        copil.MapGet("/{figure}.csv", FigureCsvAsync)
            .WithName("CopilFigureCsv")
            .WithSummary("Un indicateur du tableau de bord en CSV (themes, weeks, sites, load, coverage, plan, envelopes, requests, decisions)")
            .RequireRoles(Readers);
        return app;
    }

    private static async Task<IResult> DashboardAsync(int season, CopilDashboardService dashboards, CancellationToken cancellationToken) =>
        await dashboards.ComputeAsync(season, cancellationToken).ConfigureAwait(false) is { } dashboard
            ? TypedResults.Ok(dashboard)
            : Problems.NotFound($"Aucune saison {season}.");

    private static async Task<IResult> FigureCsvAsync(int season, string figure, CopilDashboardService dashboards, Saison.Domain.Destinations.Destination destination, CancellationToken cancellationToken)
    {
        if (!CopilDashboardService.FigureNames.Contains(figure, StringComparer.Ordinal))
        {
            return Problems.NotFound($"Aucun indicateur « {figure} » : {string.Join(", ", CopilDashboardService.FigureNames)}.");
        }

        if (await dashboards.ComputeAsync(season, cancellationToken).ConfigureAwait(false) is not { } dashboard)
        {
            return Problems.NotFound($"Aucune saison {season}.");
        }

        var csv = CopilCsv.Write(dashboard, figure, destination)!;
        // A byte-order mark, so that spreadsheets open the French text as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"copil-{season}-{figure}.csv");
    }
}
