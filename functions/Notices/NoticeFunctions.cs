using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Notices;
using Saison.Application.Seasons;
using Saison.Functions.Hosting;
using Saison.Functions.Http;
using Saison.Functions.Identity;

namespace Saison.Functions.Notices;

/// <summary><c>/api/seasons/{season}/notices</c>: what the caller was told; the <c>NoticeMail</c> timer sends the outbox.</summary>
internal static class NoticeFunctions
{
    public static IEndpointRouteBuilder MapNoticeFunctions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/seasons/{season:int}/notices", ListAsync)
            .WithName("ListNotices")
            .WithTags("Avis")
            .WithSummary("Ce qui vous a été dit : décisions sur vos demandes logistiques et vos congés, vos événements déplacés ; à un service technique, les demandes qui ont suivi un événement modifié (les plus récents d'abord)")
            .RequireRoles(Roles.Organiser, Roles.Agent, Roles.Technician);

        app.MapTimerFunction("NoticeMail", "0 */5 * * * *", "Toutes les 5 minutes (UTC) : envoie par Microsoft Graph (sendMail) les avis en attente, .ics joint ; un envoi manqué est retenté à l'exécution suivante.", SendAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(int season, HttpContext context, ISeasons seasons, NoticeBoard board, CancellationToken cancellationToken)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound($"La saison {season} n'existe pas.");
        }

        return TypedResults.Ok(await board.ListAsync(context.User.ToCaller(), season, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    private static async Task SendAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var mail = invocation.Services.GetRequiredService<NoticeMail>();
        if (!mail.IsConfigured)
        {
            invocation.Log("Notice mail not configured (Outlook:Enabled, Outlook:DigestSender): notices stay on the home pages.");
            return;
        }

        foreach (var season in (await invocation.Services.GetRequiredService<SeasonService>().ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Year))
        {
            var report = await mail.SendPendingAsync(season, cancellationToken).ConfigureAwait(false);
            invocation.Log($"Notices {season}: sent {report.Sent.Count}, to retry {report.Retried.Count}, failed {report.Failed.Count}.");
            if (report.CredentialError is not null)
            {
                throw new InvalidOperationException(report.CredentialError);
            }
        }
    }
}
