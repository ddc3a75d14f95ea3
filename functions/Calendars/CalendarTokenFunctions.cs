using System.Security.Claims;
using Saison.Application.Calendars;
using Saison.Application.Identity;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Calendars;

/// <summary>Input of <c>POST /api/seasons/{season}/calendar-tokens</c>.</summary>
[Saison.Application.Persistence.ReadBack(typeof(FeedTokenView))]
public sealed record CalendarTokenInput(string? Feed, string? Subject, string? Label);

/// <summary>
/// Feed tokens: <c>/api/seasons/{season}/calendar-tokens</c>. Created by whoever owns the feed's
/// subject (the organiser, the crew's service, the team's managers or service, the milestone owner,
/// the project cell), listed by their creator, revoked with If-Match. The secret is shown once.
/// </summary>
internal static class CalendarTokenFunctions
{
    private static readonly string[] Owners = [Roles.Organiser, Roles.ProjectCell, Roles.Technician, Roles.Manager, Roles.Agent, Roles.Copil];

    public static IEndpointRouteBuilder MapCalendarTokenFunctions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/seasons/{season:int}/calendar-tokens").WithTags("Calendriers");
        group.MapPost("/", CreateAsync)
            .WithName("CalendarTokenCreate")
            .WithSummary("Ouvrir un flux iCalendar privé (organisateur, équipe technique, absences d'une équipe, jalons) : renvoie son adresse secrète une seule fois")
            .RequireRoles(Owners);
        group.MapGet("/", ListAsync)
            .WithName("CalendarTokenList")
            .WithSummary("Les flux privés que vous avez ouverts (tous pour la cellule projet), sans leur secret")
            .RequireRoles(Owners);
        group.MapDelete("/{tokenId}", RevokeAsync)
            .WithName("CalendarTokenRevoke")
            .WithSummary("Révoquer un flux privé (If-Match requis) : son adresse cesse aussitôt de fonctionner")
            .RequireRoles(Owners);
        return app;
    }

    private static async Task<IResult> CreateAsync(int season, CalendarTokenInput? input, FeedTokens tokens, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return Problems.Validation("feed", "Le corps de la requête est requis : { feed, subject }.");
        }

        if (!Enum.TryParse<FeedKind>(input.Feed, ignoreCase: true, out var feed) || feed == FeedKind.Agenda || !Enum.IsDefined(feed) || int.TryParse(input.Feed, out _))
        {
            return Problems.Validation("feed", "Le flux doit être « organiser », « crew », « team » ou « plan » (l'agenda public n'a pas besoin de jeton).");
        }

        if (string.IsNullOrWhiteSpace(input.Subject) || input.Subject.Length > 200)
        {
            return Problems.Validation("subject", "Indiquez l'identifiant de l'organisation, de l'équipe ou du responsable concerné (200 caractères au plus).");
        }

        if (input.Label is { Length: > 200 })
        {
            return Problems.Validation("label", "Le libellé ne peut dépasser 200 caractères.");
        }

        var caller = user.ToCaller();
        var (decision, includeNames) = await tokens.MayCreateAsync(caller, season, feed, input.Subject, cancellationToken).ConfigureAwait(false);
        if (decision.IsRefused)
        {
            var message = string.Join(" ", decision.Reasons.Select(r => r.Message));
            return decision.Reasons.Any(r => r.Code == "feed.unknown-subject") ? Problems.Validation("subject", message) : Problems.Forbidden(message);
        }

        var (issued, etag) = await tokens.CreateAsync(caller, season, feed, input.Subject, includeNames, input.Label, cancellationToken).ConfigureAwait(false);
        RecordHeaders.SetETag(context, etag);
        return TypedResults.Created($"/api/seasons/{season}/calendar-tokens/{issued.Token.Id}", issued);
    }

    private static async Task<IResult> ListAsync(int season, FeedTokens tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var list = await tokens.ListAsync(user.ToCaller(), season, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list.Select(t => FeedTokenView.Of(t.Value)).ToList());
    }

    private static async Task<IResult> RevokeAsync(int season, string tokenId, FeedTokens tokens, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = user.ToCaller();
        var token = await tokens.FindAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.Value.Season != season)
        {
            return Problems.NotFound($"Aucun flux « {tokenId} » pour la saison {season}.");
        }

        if (FeedTokens.MayRevoke(caller, token.Value) is { IsRefused: true } refusal)
        {
            return Problems.Forbidden(string.Join(" ", refusal.Reasons.Select(r => r.Message)));
        }

        if (RecordHeaders.IfMatch(context.Request) is not { } ifMatch)
        {
            return Problems.PreconditionRequired();
        }

        if (!token.Value.IsActive)
        {
            return Problems.Conflict("Ce flux est déjà révoqué.");
        }

        // A stale ETag surfaces as the store's 412, which the app's problem handling answers.
        var revoked = await tokens.RevokeAsync(caller, token, ifMatch, cancellationToken).ConfigureAwait(false);
        RecordHeaders.SetETag(context, revoked.ETag);
        return TypedResults.Ok(FeedTokenView.Of(revoked.Value));
    }
}
