using Saison.Application.Identity;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Logistics;

/// <summary><c>/api/seasons/{season}/requests</c>: submit, review in priority order, decide per line with reasons, follow.</summary>
public static class RequestFunctions
{
    /// <summary>The body of a move along the lifecycle.</summary>
    public sealed record StatusInput(string? Status);

    /// <summary>The body of technical services' decisions on lines.</summary>
    public sealed record DecisionsInput(IReadOnlyList<LineDecisionInput>? Lines);

    /// <summary>The body of an explicit change to a granted line.</summary>
    public sealed record OverrideInput(int? Quantity, string? Justification);

    public static IEndpointRouteBuilder MapRequestFunctions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/seasons/{season:int}/requests").WithTags("Demandes logistiques");

        group.MapGet("/", async (int season, string? eventId, string? serviceId, string? status, string? week, int? pageSize, string? continuation, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
            {
                if (Filter(eventId, serviceId, status, week, pageSize, continuation, out var filter, out var page) is { } badQuery)
                {
                    return badQuery;
                }

                var (items, next) = await requests.ListAsync(context.User.ToCaller(), season, filter, page, cancellationToken).ConfigureAwait(false);
                ListPaging.Next(context, page, next);
                return new KeptJsonList<RequestView>(items);
            })
            .WithName("ListLogisticsRequests")
            .WithSummary("Les demandes logistiques : celles de son organisation pour un organisateur, toutes pour les services techniques")
            .RequireRoles(Roles.Organiser, Roles.Technician, Roles.ProjectCell, Roles.Manager, Roles.Copil);

        group.MapGet("/review", async (int season, string? serviceId, string? week, int? pageSize, string? continuation, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
            {
                if (Filter(null, serviceId, null, week, pageSize, continuation, out var filter, out var page) is { } badQuery)
                {
                    return badQuery;
                }

                var (items, next) = await requests.ReviewQueueAsync(context.User.ToCaller(), season, filter, page, cancellationToken).ConfigureAwait(false);
                ListPaging.Next(context, page, next);
                return new KeptJsonList<RequestView>(items);
            })
            .WithName("LogisticsReviewQueue")
            .WithSummary("La file d'instruction par ordre de priorité (agenda touristique, ville, autres ; dépôt complet le plus ancien), avec propositions, conflits et alternatives")
            .RequireRoles(Roles.Technician, Roles.ProjectCell);

        group.MapPost("/", async (int season, CreateRequestInput input, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
            {
                var result = await requests.CreateAsync(context.User.ToCaller(), season, input, cancellationToken).ConfigureAwait(false);
                return result.ToHttp(context, result.Value is { } v ? $"/api/seasons/{season}/requests/{v.Id}" : null);
            })
            .WithName("CreateLogisticsRequest")
            .WithSummary("Créer une demande logistique pour un événement de son organisation (brouillon, ou soumise directement avec submit=true)")
            .RequireRoles(Roles.Organiser, Roles.Technician);

        group.MapGet("/{requestId}", async (int season, string requestId, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                (await requests.GetAsync(context.User.ToCaller(), season, requestId, cancellationToken).ConfigureAwait(false)).ToHttp(context))
            .WithName("GetLogisticsRequest")
            .WithSummary("Suivre une demande : statut, décision et motifs de chaque ligne, alternative proposée, historique")
            .RequireRoles(Roles.Organiser, Roles.Technician, Roles.ProjectCell, Roles.Manager, Roles.Copil);

        group.MapPost("/{requestId}/submit", (int season, string requestId, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.SubmitAsync(context.User.ToCaller(), season, requestId, etag, cancellationToken)))
            .WithName("SubmitLogisticsRequest")
            .WithSummary("Soumettre une demande : procédure rapide si elle est standard, dans les délais et dans le stock, instruction sinon (If-Match requis)")
            .RequireRoles(Roles.Organiser, Roles.Technician);

        group.MapPut("/{requestId}", (int season, string requestId, CreateRequestInput input, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.EditAsync(context.User.ToCaller(), season, requestId, etag, input, cancellationToken)))
            .WithName("EditLogisticsRequest")
            .WithSummary("Modifier les lignes de sa demande tant qu'aucune n'est décidée : un brouillon (soumis avec submit=true), ou une demande soumise dont les lignes inchangées gardent leur place (If-Match requis)")
            .RequireRoles(Roles.Organiser);

        group.MapPost("/{requestId}/cancel", (int season, string requestId, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.CancelAsync(context.User.ToCaller(), season, requestId, etag, cancellationToken)))
            .WithName("CancelLogisticsRequest")
            .WithSummary("Annuler sa demande tant qu'elle n'est pas planifiée : ses lignes rendent leurs unités au stock (If-Match requis)")
            .RequireRoles(Roles.Organiser);

        group.MapPost("/{requestId}/lines/{lineId}/accept-alternative", (int season, string requestId, string lineId, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.AcceptAlternativeAsync(context.User.ToCaller(), season, requestId, lineId, etag, cancellationToken)))
            .WithName("AcceptLogisticsAlternative")
            .WithSummary("Accepter l'alternative proposée sur une ligne refusée ou accordée en partie : une nouvelle ligne, en attente de décision, la remplace (If-Match requis)")
            .RequireRoles(Roles.Organiser);

        group.MapPost("/{requestId}/decisions", (int season, string requestId, DecisionsInput input, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.DecideAsync(context.User.ToCaller(), season, requestId, etag, input.Lines, cancellationToken)))
            .WithName("DecideLogisticsRequest")
            .WithSummary("Décider des lignes d'une demande : accord total ou partiel, refus, chacun motivé (If-Match requis)")
            .RequireRoles(Roles.Technician);

        group.MapPost("/{requestId}/confirm", (int season, string requestId, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.ConfirmAsync(context.User.ToCaller(), season, requestId, etag, cancellationToken)))
            .WithName("ConfirmLogisticsRequest")
            .WithSummary("Confirmer les allocations accordées : elles ne seront plus déplacées que par une décision explicite (If-Match requis)")
            .RequireRoles(Roles.Technician);

        group.MapPost("/{requestId}/lines/{lineId}/override", (int season, string requestId, string lineId, OverrideInput input, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.OverrideAsync(context.User.ToCaller(), season, requestId, lineId, etag, input.Quantity, input.Justification, cancellationToken)))
            .WithName("OverrideLogisticsAllocation")
            .WithSummary("Modifier une allocation accordée ou confirmée par décision explicite et justifiée des services techniques (If-Match requis)")
            .RequireRoles(Roles.Technician);

        group.MapPost("/{requestId}/status", (int season, string requestId, StatusInput input, HttpContext context, LogisticsRequests requests, CancellationToken cancellationToken) =>
                WithIfMatch(context, etag => requests.MoveAsync(context.User.ToCaller(), season, requestId, etag, input.Status, cancellationToken)))
            .WithName("MoveLogisticsRequest")
            .WithSummary("Faire avancer une demande : en instruction, planifiée, livrée, clôturée (If-Match requis)")
            .RequireRoles(Roles.Technician);

        return app;
    }

    /// <summary>The list filters and page of the query, or the 400 problem naming the parameter.</summary>
    private static IResult? Filter(string? eventId, string? serviceId, string? status, string? week, int? pageSize, string? continuation, out RequestFilter filter, out PageRequest page)
    {
        filter = new RequestFilter(eventId, serviceId);
        if (ListPaging.Read(pageSize, continuation, week, out page, out var days) is { } badQuery)
        {
            return badQuery;
        }

        if (status is not null)
        {
            if (!Enum.TryParse<Saison.Domain.Logistics.RequestStatus>(status, ignoreCase: true, out var wanted) || int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return Problems.Validation("status", $"Statut « {status} » inconnu : draft, submitted, underReview, approved, partlyApproved, refused, scheduled, delivered ou closed.");
            }

            filter = filter with { Status = wanted };
        }

        if (days is { } w)
        {
            filter = filter with { From = w.Monday, To = w.Sunday };
        }

        return null;
    }

    private static async Task<IResult> WithIfMatch(HttpContext context, Func<Azure.ETag, Task<Outcome<RequestView>>> action)
    {
        if (!LogisticsHttp.TryIfMatch(context.Request, out var etag, out var problem))
        {
            return problem!;
        }

        return (await action(etag).ConfigureAwait(false)).ToHttp(context);
    }
}
