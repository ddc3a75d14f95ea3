using Saison.Application.Contracts;
using Saison.Application.Events;
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
        services.AddSingleton<IEventPlanSync, NoEventPlan>();
        services.AddSingleton<ISampleSeasonPart, SeasonSamplePart>();
        return services;
    }

    public static IEndpointRouteBuilder MapSeasonArea(this IEndpointRouteBuilder app) => app
        .MapSeasonFunctions()
        .MapEventFunctions();

    private sealed class NoEventPlan : IEventPlanSync
    {
        public Task<IReadOnlyList<Saison.Storage.TableTransactionAction>> PlanActionsAsync(Saison.Domain.Seasons.Season season, Saison.Domain.Events.SeasonEvent? before, Saison.Domain.Events.SeasonEvent after, DateOnly today, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Saison.Storage.TableTransactionAction>>([]);
    }
}
