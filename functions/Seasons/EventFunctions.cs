using System.Security.Claims;
using Saison.Application.Events;
using Saison.Application.Identity;
using Saison.Domain.Events;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Seasons;

/// <summary>The season's events: propose, edit, move, confirm, validate into the agenda or keep out, cancel, done.</summary>
internal static class EventFunctions
{
    public static IEndpointRouteBuilder MapEventFunctions(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/seasons/{season:int}/events").WithTags("Événements");
        events.MapGet("/", ListAsync).WithName("ListEvents").WithSummary("Les événements de la saison (un organisateur ne voit que les siens)").RequireRoles(SeasonHttp.Everyone);
        events.MapPost("/", ProposeAsync).WithName("ProposeEvent").WithSummary("Proposer un événement").RequireRoles(Roles.Organiser, Roles.ProjectCell);
        events.MapGet("/{id}", GetAsync).WithName("GetEvent").WithSummary("Un événement et ses occurrences").RequireRoles(SeasonHttp.Everyone);
        events.MapPatch("/{id}", EditAsync).WithName("EditEvent").WithSummary("Modifier un événement (If-Match)").RequireRoles(Roles.Organiser, Roles.ProjectCell);
        events.MapPost("/{id}/move", MoveAsync).WithName("MoveEvent").WithSummary("Déplacer un événement ; son rétroplanning suit (If-Match)").RequireRoles(Roles.Organiser, Roles.ProjectCell);
        events.MapPost("/{id}/confirm", ConfirmAsync).WithName("ConfirmEvent").WithSummary("Confirmer un événement proposé (If-Match)").RequireRoles(Roles.Organiser, Roles.ProjectCell);
        events.MapPost("/{id}/cancel", CancelAsync).WithName("CancelEvent").WithSummary("Annuler un événement (If-Match)").RequireRoles(Roles.Organiser, Roles.ProjectCell);
        events.MapPost("/{id}/done", DoneAsync).WithName("MarkEventDone").WithSummary("Déclarer un événement réalisé (If-Match)").RequireRoles(Roles.Organiser, Roles.ProjectCell);
        events.MapPost("/{id}/agenda", DecideAgendaAsync).WithName("DecideEventAgenda").WithSummary("Valider dans l'agenda touristique de l'été ou garder hors agenda (If-Match)").RequireRoles(Roles.ProjectCell);
        return app;
    }

    public sealed record CancelRequest(string? Reason);

    public sealed record AgendaRequest(string? Decision, string? Note);

    private static async Task<IResult> ListAsync(int season, string? organiserId, string? status, bool? inAgenda, string? theme, DateOnly? from, DateOnly? to, string? week, int? pageSize, string? continuation, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken)
    {
        if (ListPaging.Read(pageSize, continuation, week, out var page, out var days) is { } badQuery)
        {
            return badQuery;
        }

        if (days is { } w)
        {
            from = from is { } f && f > w.Monday ? f : w.Monday;
            to = to is { } t && t < w.Sunday ? t : w.Sunday;
        }

        EventStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<EventStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Validation("status", $"Statut « {status} » inconnu : proposed, confirmed, cancelled ou done.");
            }

            wanted = parsed;
        }

        var listed = await events.ListAsync(user.ToCaller(), season, new EventFilter(organiserId, wanted, inAgenda, theme, from, to), cancellationToken).ConfigureAwait(false);
        return listed.Select(list => ListPaging.Cut(http, page, list, e => e.Id)).ToHttp(http);
    }

    private static async Task<IResult> GetAsync(int season, string id, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken) =>
        (await events.GetAsync(user.ToCaller(), season, id, cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> ProposeAsync(int season, EventInput input, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken)
    {
        var result = await events.ProposeAsync(user.ToCaller(), season, input, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(http, result.Value is { } created ? $"/api/seasons/{season}/events/{created.Id}" : null);
    }

    private static async Task<IResult> EditAsync(int season, string id, EventInput input, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken) =>
        (await events.EditAsync(user.ToCaller(), season, id, input, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> MoveAsync(int season, string id, MoveInput input, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken) =>
        (await events.MoveAsync(user.ToCaller(), season, id, input, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> ConfirmAsync(int season, string id, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken) =>
        (await events.ConfirmAsync(user.ToCaller(), season, id, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> CancelAsync(int season, string id, CancelRequest? request, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken) =>
        (await events.CancelAsync(user.ToCaller(), season, id, request?.Reason, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> DoneAsync(int season, string id, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken) =>
        (await events.MarkDoneAsync(user.ToCaller(), season, id, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);

    private static async Task<IResult> DecideAgendaAsync(int season, string id, AgendaRequest request, ClaimsPrincipal user, HttpContext http, EventService events, CancellationToken cancellationToken)
    {
        var target = request.Decision switch
        {
            "in" => AgendaStatus.InAgenda,
            "out" => AgendaStatus.OutOfAgenda,
            _ => (AgendaStatus?)null,
        };
        if (target is null)
        {
            return Problems.Validation("decision", "La décision est « in » (dans l'agenda touristique) ou « out » (hors agenda).");
        }

        return (await events.DecideAgendaAsync(user.ToCaller(), season, id, target.Value, request.Note, RecordHeaders.IfMatch(http.Request), cancellationToken).ConfigureAwait(false)).ToHttp(http);
    }
}
