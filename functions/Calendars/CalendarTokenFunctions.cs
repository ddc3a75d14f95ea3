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
        var outcome = await tokens.IssueAsync(user.ToCaller(), season, input?.Feed, input?.Subject, input?.Label, cancellationToken).ConfigureAwait(false);
        return outcome.ToHttp(context, outcome.Value is { } issued ? $"/api/seasons/{season}/calendar-tokens/{issued.Token.Id}" : null);
    }

    private static async Task<IResult> ListAsync(int season, FeedTokens tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var list = await tokens.ListAsync(user.ToCaller(), season, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list.Select(t => FeedTokenView.Of(t.Value)).ToList());
    }

    private static async Task<IResult> RevokeAsync(int season, string tokenId, FeedTokens tokens, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await tokens.RevokeAsync(user.ToCaller(), season, tokenId, RecordHeaders.IfMatch(context.Request), cancellationToken).ConfigureAwait(false)).ToHttp(context);
}
