using Saison.Functions.Web;

namespace Saison.Functions.Copil;

/// <summary>The function app's part for the web pages and the COPIL's tonality dashboard (issue 8).</summary>
public static class CopilArea
{
    public static IServiceCollection AddCopilArea(this IServiceCollection services) => services
        .AddWebPages();

    public static IEndpointRouteBuilder MapCopilArea(this IEndpointRouteBuilder app) => app
        .MapWebPages();
}
