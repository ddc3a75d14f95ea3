using Saison.Application.Contracts;
using Saison.Application.Leave;
using Saison.Application.Persistence;
using Saison.Application.Samples;
using Saison.Application.Seasons;
using Saison.Application.Staff;

namespace Saison.Functions.Staff;

/// <summary>The function app's part for agents, summer leave and coverage (issue 6).</summary>
public static class StaffArea
{
    public static IServiceCollection AddStaffArea(this IServiceCollection services)
    {
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<IStaffDirectory>(sp => sp.GetRequiredService<StaffDirectory>());
        services.AddSingleton<ISampleSeasonPart, StaffSamplePart>();
        services.AddSingleton<ISampleSeasonPart, LeaveSamplePart>();
        services.AddSingleton<ISeasonCarryOverPart, StaffCarryOver>();
        services.AddSingleton<ISeasonCarryOverPart, LeaveCarryOver>();
        services.AddSingleton<LeaveStore>();
        services.AddSingleton<SeasonTimeZones>();
        services.AddSingleton<AgentAvailability>();
        services.AddSingleton<IAgentAvailability>(sp => sp.GetRequiredService<AgentAvailability>());
        services.AddSingleton<LeaveContextLoader>();
        services.AddSingleton<LeaveService>();
        services.AddSingleton<TeamRulesAndCoverage>();

        // PUT …/leave/rules/{team} binds the domain's rules, which cannot carry the attribute.
        InputLimits.ReadBack(typeof(Saison.Domain.Leave.PresenceRules), typeof(LeaveFunctions.PresenceRulesView));
        return services;
    }

    public static IEndpointRouteBuilder MapStaffArea(this IEndpointRouteBuilder app) => app
        .MapStaffFunctions()
        .MapLeaveFunctions();
}
