using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Logistics;

/// <summary><c>/api/seasons/{season}/catalog</c>: equipment and services with stock or capacity, service levels, envelopes.</summary>
public static class CatalogFunctions
{
    public static IEndpointRouteBuilder MapCatalogFunctions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/seasons/{season:int}/catalog").WithTags("Catalogue logistique");

        group.MapGet("/", async (int season, HttpContext context, LogisticsCatalog catalog, CancellationToken cancellationToken) =>
                (await catalog.GetAsync(season, cancellationToken).ConfigureAwait(false)).Select(CatalogApiView.From).ToHttp(context))
            .WithName("GetCatalog")
            .WithSummary("Le catalogue de la saison : matériels et services avec stock ou capacité, niveaux de service standard, enveloppes budgétaires et leur consommation, délais de prévenance")
            .RequireRoles(Roles.Organiser, Roles.Technician, Roles.ProjectCell, Roles.Manager, Roles.Copil);

        group.MapGet("/items/{itemId}", async (int season, string itemId, HttpContext context, LogisticsCatalog catalog, CancellationToken cancellationToken) =>
                (await catalog.GetItemAsync(season, itemId, cancellationToken).ConfigureAwait(false)).Select(CatalogItemInput.From).ToHttp(context))
            .WithName("GetCatalogItem")
            .WithSummary("Un article du catalogue")
            .RequireRoles(Roles.Organiser, Roles.Technician, Roles.ProjectCell, Roles.Manager, Roles.Copil);

        group.MapPost("/items", async (int season, CatalogItemInput input, HttpContext context, LogisticsCatalog catalog, CancellationToken cancellationToken) =>
            {
                var result = await catalog.CreateItemAsync(context.User.ToCaller(), season, input, cancellationToken).ConfigureAwait(false);
                return result.Select(CatalogItemInput.From).ToHttp(context, $"/api/seasons/{season}/catalog/items/{input.Id}");
            })
            .WithName("CreateCatalogItem")
            .WithSummary("Ajouter un matériel ou un service au catalogue (services techniques)")
            .RequireRoles(Roles.Technician);

        group.MapPut("/items/{itemId}", async (int season, string itemId, CatalogItemInput input, HttpContext context, LogisticsCatalog catalog, CancellationToken cancellationToken) =>
            {
                if (!LogisticsHttp.TryIfMatch(context.Request, out var etag, out var problem))
                {
                    return problem!;
                }

                return (await catalog.ReplaceItemAsync(context.User.ToCaller(), season, itemId, etag, input, cancellationToken).ConfigureAwait(false)).Select(CatalogItemInput.From).ToHttp(context);
            })
            .WithName("ReplaceCatalogItem")
            .WithSummary("Modifier un article du catalogue : stock, capacité, coût, délais (If-Match requis)")
            .RequireRoles(Roles.Technician);

        group.MapGet("/policy", async (int season, HttpContext context, LogisticsCatalog catalog, CancellationToken cancellationToken) =>
                (await catalog.GetPolicyAsync(season, cancellationToken).ConfigureAwait(false)).ToHttp(context))
            .WithName("GetCatalogPolicy")
            .WithSummary("Les règles du catalogue : délais de prévenance par taille d'événement, niveaux de service standard, enveloppes budgétaires")
            .RequireRoles(Roles.Organiser, Roles.Technician, Roles.ProjectCell, Roles.Manager, Roles.Copil);

        group.MapPut("/policy", async (int season, CatalogPolicyInput input, HttpContext context, LogisticsCatalog catalog, CancellationToken cancellationToken) =>
            {
                if (RecordHeaders.IfMatch(context.Request) is not { } etag)
                {
                    // Without If-Match: the first rules of a new season; a season that has rules changes them with If-Match.
                    var created = await catalog.CreatePolicyAsync(context.User.ToCaller(), season, input, cancellationToken).ConfigureAwait(false);
                    return created.Kind == OutcomeKind.Conflict ? Problems.PreconditionRequired() : created.ToHttp(context, $"/api/seasons/{season}/catalog/policy");
                }

                return (await catalog.ReplacePolicyAsync(context.User.ToCaller(), season, etag, input, cancellationToken).ConfigureAwait(false)).ToHttp(context);
            })
            .WithName("ReplaceCatalogPolicy")
            .WithSummary("Créer les règles d'une nouvelle saison (sans If-Match) ou redéfinir délais, niveaux de service standard et enveloppes (à enveloppe constante ; If-Match requis)")
            .RequireRoles(Roles.Technician, Roles.ProjectCell);

        return app;
    }
}
