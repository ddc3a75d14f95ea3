using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Web;

namespace Saison.Functions.Tests.Web;

public sealed class WebPagesTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Theory]
    [InlineData("/", "PageRacine")]
    [InlineData("/saisons/{Season:int}/copil", "PageSaisonsSeasonCopil")]
    [InlineData("/saisons/{Season:int}/encadrement/demandes/{RequestId}", "PageSaisonsSeasonEncadrementDemandesRequestId")]
    [InlineData("/_framework/opaque-redirect", "PageFrameworkOpaqueRedirect")]
    public void PageFunctionName_is_the_route_in_PascalCase(string route, string name) =>
        Assert.Equal(name, WebPages.PageFunctionName(route));

    [Fact]
    public void Every_page_is_an_anonymous_named_function_that_checks_its_roles_itself()
    {
        _ = app.Server;
        var pages = app.Services.GetRequiredService<FunctionCatalog>().HttpFunctions.Where(f => f.Name.StartsWith("Page", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.Route == "saisons/{Season:int}/copil");
        Assert.All(pages, p => Assert.True(p.Anonymous, p.Name));
    }

    [Fact]
    public async Task A_signed_out_browser_is_sent_to_the_sign_in_page_and_the_API_still_answers_401()
    {
        using var client = app.CreateClient(allowAutoRedirect: false);
        using var page = await client.GetAsync("/saisons/2027/copil");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/connexion?retour=%2Fsaisons%2F2027%2Fcopil", page.Headers.Location?.PathAndQuery);
        using var api = await client.GetAsync("/api/seasons/2027/copil");
        await api.AssertProblemAsync(401);
    }

    [Fact]
    public async Task The_token_cookie_of_the_pages_authenticates_like_the_bearer_header()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "saison_jeton=" + app.TokenFor("Copil", "copil", []));
        using var response = await client.GetAsync("/api/seasons/2027/copil");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.DefaultRequestHeaders.Remove("Cookie");
        client.DefaultRequestHeaders.Add("Cookie", "saison_jeton=not-a-token");
        using var refused = await client.GetAsync("/api/seasons/2027/copil");
        await refused.AssertProblemAsync(401);
    }

    [Fact]
    public async Task Outside_Development_the_sign_in_page_mints_no_token()
    {
        using var production = SaisonApp.Create(loadSampleSeason: false, environment: "Production");
        using var client = production.CreateClient();
        var html = await client.GetStringAsync("/connexion");
        Assert.Contains("Entra ID", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Form.Role\"", html, StringComparison.Ordinal);
    }
}
