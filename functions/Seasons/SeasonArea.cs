using Saison.Application.Contracts;
using Saison.Application.Events;
using Saison.Application.Planning;
using Saison.Application.Samples;
using Saison.Application.Seasons;

namespace Saison.Functions.Seasons;

/// <summary>The function app's part for the season, its events and the shared reverse plan (issue 4).</summary>
public static class SeasonArea
{
    public static IServiceCollection AddSeasonArea(this IServiceCollection services)
    {
        services.AddSingleton<SeasonTables>();
        services.AddSingleton<SeasonService>();
        services.AddSingleton<ISeasons>(sp => sp.GetRequiredService<SeasonService>());
        services.AddSingleton<EventService>();
        services.AddSingleton<ISeasonEvents>(sp => sp.GetRequiredService<EventService>());
        services.AddSingleton<PlanService>();
        services.AddSingleton<IEventPlanSync>(sp => sp.GetRequiredService<PlanService>());
        services.AddSingleton<ISeasonPlanSync>(sp => sp.GetRequiredService<PlanService>());
        services.AddSingleton<IReversePlanMilestones>(sp => sp.GetRequiredService<PlanService>());
        services.AddSingleton<ISampleSeasonPart, SeasonSamplePart>();
        services.AddSingleton<ISampleSeasonPart, PlanSamplePart>();
        services.AddSingleton<SeasonCarryOver>();
        services.AddSingleton<ISeasonCarryOverPart, OrganisersAndSitesCarryOver>();
        services.AddSingleton<ISeasonCarryOverPart, PlanCarryOver>();
        services.AddSingleton<ISeasonCarryOverPart, EventsCarryOver>();
        return services;
    }

    public static IEndpointRouteBuilder MapSeasonArea(this IEndpointRouteBuilder app) => app
        .MapSeasonFunctions()
        .MapEventFunctions()
        .MapPlanFunctions()
        .MapPlanTimers();
}
