using Saison.Application.Planning;
using Saison.Application.Seasons;
using Saison.Domain.Seasons;
using Saison.Functions.Hosting;

namespace Saison.Functions.Seasons;

/// <summary>The reverse plan's morning check: how many milestones are late or at risk, in the host's logs.</summary>
internal static class PlanTimers
{
    public const string MorningCheck = "ReversePlanMorningCheck";

    public static IEndpointRouteBuilder MapPlanTimers(this IEndpointRouteBuilder app) =>
        // Every quarter of an hour (UTC) comes round to 07:00 in any zone; the destination's local time picks the one run.
        app.MapTimerFunction(MorningCheck, "0 */15 * * * *", "Chaque matin à 7 h, heure locale de la destination (planifié tous les quarts d'heure UTC ; seule l'exécution qui tombe à 7 h locales agit, à tout décalage horaire) : jalons en retard et à risque du rétroplanning de chaque saison ouverte", RunAsync, new TimeOnly(7, 0));

    private static async Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var seasons = invocation.Services.GetRequiredService<SeasonService>();
        var plans = invocation.Services.GetRequiredService<PlanService>();
        foreach (var season in await seasons.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (season.Status == SeasonStatus.Closed)
            {
                continue;
            }

            var plan = await plans.GetPlanAsync(season.Year, new PlanQuery(), cancellationToken).ConfigureAwait(false);
            if (plan.Value is { } view)
            {
                invocation.Log($"Saison {season.Year} au {view.AsOf:dd/MM/yyyy} : {view.Counts.Late} jalon(s) en retard, {view.Counts.AtRisk} à risque, {view.Counts.ToDo} à faire.");
            }
        }
    }
}
