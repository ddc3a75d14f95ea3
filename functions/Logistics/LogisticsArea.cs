using Saison.Application.Contracts;
using Saison.Application.Crews;
using Saison.Application.Logistics;
using Saison.Application.Samples;
using Saison.Application.Seasons;

namespace Saison.Functions.Logistics;

/// <summary>The function app's part for catalogue, logistics requests and crews (issue 5).</summary>
public static class LogisticsArea
{
    public static IServiceCollection AddLogisticsArea(this IServiceCollection services)
    {
        services.AddSingleton<LogisticsStore>();
        services.AddSingleton<CrewStore>();
        services.AddSingleton<LogisticsCatalog>();
        services.AddSingleton<LogisticsRequests>();
        services.AddSingleton<EventLogistics>();
        services.AddSingleton<IEventFollower>(sp => sp.GetRequiredService<EventLogistics>());
        services.AddSingleton<ILogisticsCosts, LogisticsCosts>();
        services.AddSingleton<CrewSchedules>();
        services.AddSingleton<ICrewAssignments>(sp => sp.GetRequiredService<CrewSchedules>());
        services.AddSingleton<ISampleSeasonPart, LogisticsSampleSeasonPart>();
        services.AddSingleton<ISeasonCarryOverPart, LogisticsCarryOver>();
        return services;
    }

    public static IEndpointRouteBuilder MapLogisticsArea(this IEndpointRouteBuilder app) => app
        .MapCatalogFunctions()
        .MapRequestFunctions()
        .MapCrewFunctions();
}
