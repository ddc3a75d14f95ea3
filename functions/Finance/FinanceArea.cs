using Saison.Application.Copil;
using Saison.Application.Finance;
using Saison.Application.Samples;
using Saison.Application.Seasons;

namespace Saison.Functions.Finance;

/// <summary>The function app's part for the money of a season (issue 17): cost lines, sponsors, rates and receipts, the COPIL's money view.</summary>
public static class FinanceArea
{
    public static IServiceCollection AddFinanceArea(this IServiceCollection services)
    {
        services.AddSingleton<FinanceStore>();
        services.AddSingleton<FinanceLedger>();
        services.AddSingleton<CopilMoneyService>();
        services.AddSingleton<ISampleSeasonPart, FinanceSamplePart>();
        services.AddSingleton<ISeasonCarryOverPart, FinanceCarryOver>();
        return services;
    }

    public static IEndpointRouteBuilder MapFinanceArea(this IEndpointRouteBuilder app) => app
        .MapFinanceFunctions();
}
