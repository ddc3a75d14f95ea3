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
        var seasons = app.MapGroup("/api/seasons").WithTags("COPIL");
        seasons.MapGet("/compare", CompareAsync)
            .WithName("CompareSeasons")
            .WithSummary("Les saisons côte à côte, année après année (years=2026,2027) : bornes, haute saison, programme, charge, heures, rétroplanning, logistique, enveloppes")
            .RequireRoles(Readers);
        seasons.MapGet("/compare.csv", CompareCsvAsync)
            .WithName("CompareSeasonsCsv")
            .WithSummary("La comparaison des saisons en CSV (une ligne par indicateur, une colonne par saison)")
            .RequireRoles(Readers);
        return app;
    }

    /// <summary>Reads <c>years=2026,2027</c>: one to six seasons.</summary>
    public static (IReadOnlyList<int>? Years, IResult? Problem) ReadYears(string? years)
    {
        var parts = (years ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var read = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2999)
            {
                return (null, Problems.Validation("years", $"« {part} » n'est pas une année de saison (de 2000 à 2999)."));
            }

            read.Add(year);
        }

        return read.Distinct().Count() switch
        {
            0 => (null, Problems.Validation("years", "Indiquez les saisons à comparer, par exemple years=2026,2027.")),
            > SeasonComparer.MaxSeasons => (null, Problems.Validation("years", $"Comparez au plus {SeasonComparer.MaxSeasons} saisons à la fois.")),
            _ => (read, null),
        };
    }

    private static async Task<IResult> CompareAsync(string? years, SeasonComparer comparer, CancellationToken cancellationToken)
    {
        var (read, problem) = ReadYears(years);
        return problem ?? await ComparedAsync(read!, comparer, c => TypedResults.Ok(c), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> CompareCsvAsync(string? years, SeasonComparer comparer, CancellationToken cancellationToken)
    {
        var (read, problem) = ReadYears(years);
        return problem ?? await ComparedAsync(read!, comparer, c => Csv(SeasonComparisonCsv.Write(c), $"saisons-{string.Join('-', c.Seasons.Select(s => s.Year))}.csv"), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> ComparedAsync(IReadOnlyList<int> years, SeasonComparer comparer, Func<SeasonComparison, IResult> answer, CancellationToken cancellationToken)
    {
        var comparison = await comparer.CompareAsync(years, cancellationToken).ConfigureAwait(false);
        return comparison.Missing.Count > 0
            ? Problems.NotFound(comparison.Missing.Count == 1 ? $"Aucune saison {comparison.Missing[0]}." : $"Aucune saison {string.Join(", ", comparison.Missing)}.")
            : answer(comparison);
    }

    /// <summary>A CSV file for a French spreadsheet, with the byte-order mark that makes it open as UTF-8.</summary>
    internal static IResult Csv(string csv, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);

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

        return Csv(CopilCsv.Write(dashboard, figure, destination)!, $"copil-{season}-{figure}.csv");
    }
}
