using Saison.Functions.Calendars;
using Saison.Functions.Copil;
using Saison.Functions.Finance;
using Saison.Functions.Logistics;
using Saison.Functions.Notices;
using Saison.Functions.Seasons;
using Saison.Functions.Staff;

namespace Saison.Functions;

/// <summary>The composition root of the areas: each adds its services and maps its functions.</summary>
public static class SaisonAreas
{
    public static IServiceCollection AddSaisonAreas(this IServiceCollection services) => services
        .AddSeasonArea()
        .AddLogisticsArea()
        .AddStaffArea()
        .AddCalendarArea()
        .AddCopilArea()
        .AddFinanceArea()
        .AddNoticeArea();

    public static IEndpointRouteBuilder MapSaisonAreas(this IEndpointRouteBuilder app) => app
        .MapSeasonArea()
        .MapLogisticsArea()
        .MapStaffArea()
        .MapCalendarArea()
        .MapCopilArea()
        .MapFinanceArea()
        .MapNoticeArea();
}
