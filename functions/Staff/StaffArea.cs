namespace Saison.Functions.Staff;

/// <summary>The function app's part for agents, summer leave and coverage (issue 6).</summary>
public static class StaffArea
{
    public static IServiceCollection AddStaffArea(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapStaffArea(this IEndpointRouteBuilder app) => app;
}
