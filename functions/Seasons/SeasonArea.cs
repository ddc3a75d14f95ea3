namespace Saison.Functions.Seasons;

/// <summary>The function app's part for the season, its events and the shared reverse plan (issue 4).</summary>
public static class SeasonArea
{
    public static IServiceCollection AddSeasonArea(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapSeasonArea(this IEndpointRouteBuilder app) => app;
}
