namespace Saison.Functions.Logistics;

/// <summary>The function app's part for catalogue, logistics requests and crews (issue 5).</summary>
public static class LogisticsArea
{
    public static IServiceCollection AddLogisticsArea(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLogisticsArea(this IEndpointRouteBuilder app) => app;
}
