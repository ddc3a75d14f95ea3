using Saison.Application.Copil;
using Saison.Application.Finance;
using Saison.Application.Identity;
using Saison.Functions.Copil;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Finance;

/// <summary>
/// <c>/api/seasons/{season}/finance</c>: the money a season costs and brings in. The project cell enters cost lines, sponsors and the
/// money parameters (rates, taxe de séjour); an organiser declares and follows the sponsors of their own events; the COPIL reads
/// everything, and its money view (<c>/copil/money</c>) with CSV per figure.
/// </summary>
public static class FinanceFunctions
{
    /// <summary>The seasons side by side, as CSV beside the money view's tables.</summary>
    private const string YearsFigure = "money-years";

    private static readonly string[] Readers = [Roles.Copil, Roles.ProjectCell];

    public static IEndpointRouteBuilder MapFinanceFunctions(this IEndpointRouteBuilder app)
    {
        var finance = app.MapGroup("/api/seasons/{season:int}/finance").WithTags("Finances de la saison");

        finance.MapGet("/costs", ListCostsAsync)
            .WithName("ListCostLines")
            .WithSummary("Les dépenses saisies de la saison (programmation, subventions, communication…), par date ; paginé (?pageSize, ?continuation). Lecture : cellule projet, COPIL")
            .RequireRoles(Readers);
        finance.MapGet("/costs/{costId}", async (int season, string costId, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                (await ledger.GetCostLineAsync(season, costId, cancellationToken).ConfigureAwait(false)).Select(CostLineInput.From).ToHttp(context))
            .WithName("GetCostLine")
            .WithSummary("Une dépense saisie, avec son ETag. Lecture : cellule projet, COPIL")
            .RequireRoles(Readers);
        finance.MapPost("/costs", async (int season, CostLineInput input, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
            {
                var outcome = await ledger.CreateCostLineAsync(context.User.ToCaller(), season, input, cancellationToken).ConfigureAwait(false);
                return outcome.Select(CostLineInput.From).ToHttp(context, outcome.Value is { } line ? $"/api/seasons/{season}/finance/costs/{line.Id}" : null);
            })
            .WithName("CreateCostLine")
            .WithSummary("Saisir une dépense avec sa ligne budgétaire, rattachée si besoin à un événement, un service, une date (cellule projet)")
            .RequireRoles(Roles.ProjectCell);
        finance.MapPut("/costs/{costId}", async (int season, string costId, CostLineInput input, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                RecordHeaders.IfMatch(context.Request) is { } etag
                    ? (await ledger.ReplaceCostLineAsync(context.User.ToCaller(), season, costId, etag, input, cancellationToken).ConfigureAwait(false)).Select(CostLineInput.From).ToHttp(context)
                    : Problems.PreconditionRequired())
            .WithName("ReplaceCostLine")
            .WithSummary("Modifier une dépense saisie : ce que GET renvoie est accepté tel quel (If-Match requis ; cellule projet)")
            .RequireRoles(Roles.ProjectCell);
        finance.MapDelete("/costs/{costId}", async (int season, string costId, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                (await ledger.DeleteCostLineAsync(context.User.ToCaller(), season, costId, RecordHeaders.IfMatch(context.Request), cancellationToken).ConfigureAwait(false)).Select(CostLineInput.From).ToHttp(context))
            .WithName("DeleteCostLine")
            .WithSummary("Retirer une dépense saisie par erreur (If-Match requis ; cellule projet)")
            .RequireRoles(Roles.ProjectCell);

        finance.MapGet("/sponsorships", ListSponsorshipsAsync)
            .WithName("ListSponsorships")
            .WithSummary("Les partenaires (parrainage, mécénat) des événements : sollicités, promis, signés, reçus, avec montants et apports en nature ; ?eventId pour un événement ; paginé. Un organisateur ne voit que ceux de ses événements")
            .RequireRoles(Roles.Copil, Roles.ProjectCell, Roles.Organiser);
        finance.MapGet("/sponsorships/{sponsorshipId}", async (int season, string sponsorshipId, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                (await ledger.GetSponsorshipAsync(context.User.ToCaller(), season, sponsorshipId, cancellationToken).ConfigureAwait(false)).Select(SponsorshipInput.From).ToHttp(context))
            .WithName("GetSponsorship")
            .WithSummary("Un partenaire d'un événement, avec son ETag (un organisateur : ceux de ses événements)")
            .RequireRoles(Roles.Copil, Roles.ProjectCell, Roles.Organiser);
        finance.MapPost("/sponsorships", async (int season, SponsorshipInput input, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
            {
                var outcome = await ledger.CreateSponsorshipAsync(context.User.ToCaller(), season, input, cancellationToken).ConfigureAwait(false);
                return outcome.Select(SponsorshipInput.From).ToHttp(context, outcome.Value is { } s ? $"/api/seasons/{season}/finance/sponsorships/{s.Id}" : null);
            })
            .WithName("CreateSponsorship")
            .WithSummary("Déclarer un partenaire d'un événement (cellule projet ; un organisateur pour ses propres événements)")
            .RequireRoles(Roles.ProjectCell, Roles.Organiser);
        finance.MapPut("/sponsorships/{sponsorshipId}", async (int season, string sponsorshipId, SponsorshipInput input, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                RecordHeaders.IfMatch(context.Request) is { } etag
                    ? (await ledger.ReplaceSponsorshipAsync(context.User.ToCaller(), season, sponsorshipId, etag, input, cancellationToken).ConfigureAwait(false)).Select(SponsorshipInput.From).ToHttp(context)
                    : Problems.PreconditionRequired())
            .WithName("ReplaceSponsorship")
            .WithSummary("Faire avancer un partenaire (promis, signé, reçu) ou corriger ses montants : ce que GET renvoie est accepté tel quel (If-Match requis ; cellule projet, organisateur de l'événement)")
            .RequireRoles(Roles.ProjectCell, Roles.Organiser);
        finance.MapDelete("/sponsorships/{sponsorshipId}", async (int season, string sponsorshipId, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                (await ledger.DeleteSponsorshipAsync(context.User.ToCaller(), season, sponsorshipId, RecordHeaders.IfMatch(context.Request), cancellationToken).ConfigureAwait(false)).Select(SponsorshipInput.From).ToHttp(context))
            .WithName("DeleteSponsorship")
            .WithSummary("Retirer un partenaire déclaré par erreur (If-Match requis ; cellule projet, organisateur de l'événement)")
            .RequireRoles(Roles.ProjectCell, Roles.Organiser);

        finance.MapGet("/settings", async (int season, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                (await ledger.GetSettingsAsync(season, cancellationToken).ConfigureAwait(false)).Select(FinanceSettingsInput.From).ToHttp(context))
            .WithName("GetFinanceSettings")
            .WithSummary("Les paramètres financiers de la saison : taux horaires par service et compétence, majoration des heures supplémentaires, grille et nuitées de la taxe de séjour, taxe sur les résidences secondaires")
            .RequireRoles(Readers);
        finance.MapPut("/settings", async (int season, FinanceSettingsInput input, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken) =>
                (await ledger.PutSettingsAsync(context.User.ToCaller(), season, RecordHeaders.IfMatch(context.Request), input, cancellationToken).ConfigureAwait(false))
                    .Select(FinanceSettingsInput.From).ToHttp(context, $"/api/seasons/{season}/finance/settings"))
            .WithName("PutFinanceSettings")
            .WithSummary("Saisir les paramètres financiers d'une saison (sans If-Match la première fois, If-Match requis ensuite ; cellule projet)")
            .RequireRoles(Roles.ProjectCell);

        var copil = app.MapGroup("/api/seasons/{season:int}/copil/money").WithTags("COPIL");
        copil.MapGet("/", MoneyAsync)
            .WithName("CopilMoney")
            .WithSummary("Ce que la saison coûte et rapporte : coûts (logistique accordée, heures des équipes, dépenses saisies) face aux recettes (taxe de séjour, résidences secondaires, partenaires), par événement, thème, site, service et semaine ; enveloppes à enveloppe constante. Lecture : COPIL, cellule projet")
            .RequireRoles(Readers);
        copil.MapGet("/{figure}.csv", MoneyCsvAsync)
            .WithName("CopilMoneyCsv")
            .WithSummary("Un tableau du volet financier en CSV (money-totals, money-events, money-themes, money-sites, money-services, money-weeks, money-envelopes, money-budget-lines, money-tax, money-sponsors ; money-years : la saison et la précédente côte à côte ; toutes saisons : /api/seasons/compare.csv)")
            .RequireRoles(Readers);
        return app;
    }

    private static async Task<IResult> ListCostsAsync(int season, int? pageSize, string? continuation, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken)
    {
        if (ListPaging.Read(pageSize, continuation, out var page) is { } refused)
        {
            return refused;
        }

        var outcome = await ledger.ListCostLinesAsync(season, cancellationToken).ConfigureAwait(false);
        return outcome.Select(all => ListPaging.Cut(context, page, all, l => l.Value.Id).Select(l => CostLineInput.From(l.Value)).ToList()).ToHttp(context);
    }

    private static async Task<IResult> ListSponsorshipsAsync(int season, string? eventId, int? pageSize, string? continuation, HttpContext context, FinanceLedger ledger, CancellationToken cancellationToken)
    {
        if (ListPaging.Read(pageSize, continuation, out var page) is { } refused)
        {
            return refused;
        }

        var outcome = await ledger.ListSponsorshipsAsync(context.User.ToCaller(), season, eventId, cancellationToken).ConfigureAwait(false);
        return outcome.Select(all => ListPaging.Cut(context, page, all, s => s.Value.Id).Select(s => SponsorshipInput.From(s.Value)).ToList()).ToHttp(context);
    }

    private static async Task<IResult> MoneyAsync(int season, CopilMoneyService money, CancellationToken cancellationToken) =>
        await money.ComputeAsync(season, cancellationToken).ConfigureAwait(false) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound($"Aucune saison {season}.");

    private static async Task<IResult> MoneyCsvAsync(int season, string figure, CopilMoneyService money, SeasonComparer comparer, CancellationToken cancellationToken)
    {
        if (figure == YearsFigure)
        {
            // The season beside the previous one, as the money page shows them (any seasons: /api/seasons/compare.csv).
            var comparison = await comparer.CompareAsync([season - 1, season], cancellationToken).ConfigureAwait(false);
            return comparison.Missing.Contains(season)
                ? Problems.NotFound($"Aucune saison {season}.")
                : CopilFunctions.Csv(SeasonComparisonCsv.Write(comparison), $"copil-{season}-{figure}.csv");
        }

        if (!CopilMoneyService.FigureNames.Contains(figure, StringComparer.Ordinal))
        {
            return Problems.NotFound($"Aucun tableau « {figure} » : {string.Join(", ", CopilMoneyService.FigureNames)}, {YearsFigure}.");
        }

        if (await money.ComputeAsync(season, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return Problems.NotFound($"Aucune saison {season}.");
        }

        return CopilFunctions.Csv(MoneyCsv.Write(view, figure)!, $"copil-{season}-{figure}.csv");
    }
}
