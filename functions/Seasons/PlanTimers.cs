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
        // 05:00 and 06:00 UTC cover 07:00 in Paris in winter and in summer; the local time picks the right one.
        app.MapTimerFunction(MorningCheck, "0 0 5,6 * * *", "Chaque matin à 7 h, heure de Paris (5 h et 6 h UTC selon l'heure d'été) : jalons en retard et à risque du rétroplanning de chaque saison ouverte", RunAsync, new TimeOnly(7, 0));

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
