using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Application.Contracts;
using Saison.Application.Copil;
using Saison.Application.Leave;
using Saison.Application.Logistics;
using Saison.Application.Seasons;
using Saison.Application.Staff;
using Saison.Functions.Web;

namespace Saison.Functions.Copil;

/// <summary>The function app's part for the web pages and the COPIL's tonality dashboard (issue 8).</summary>
public static class CopilArea
{
    public static IServiceCollection AddCopilArea(this IServiceCollection services)
    {
        // The read contracts the dashboard needs beyond those the areas register themselves; each is
        // offered only once its owning area's use case is in the app (areas are added before this one).
        if (Has<SeasonService>(services))
        {
            services.TryAddSingleton<ISeasonTonality, SeasonTonalityReader>();
        }

        if (Has<TeamRulesAndCoverage>(services))
        {
            services.TryAddSingleton<ITeamCoverage, TeamCoverageReader>();
        }

        if (Has<LogisticsRequests>(services) && Has<LogisticsCatalog>(services))
        {
            services.TryAddSingleton<ILogisticsOutcomes, LogisticsOutcomes>();
        }

        if (Has<StaffDirectory>(services))
        {
            services.TryAddSingleton<IStaffServices>(sp => sp.GetRequiredService<StaffDirectory>());
        }

        services.AddSingleton<CopilDashboardService>();
        services.AddSingleton<SeasonComparer>();
        return services.AddWebPages();
    }

    public static IEndpointRouteBuilder MapCopilArea(this IEndpointRouteBuilder app) => app
        .MapCopilFunctions()
        .MapWebPages();

    private static bool Has<T>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(T));
}
