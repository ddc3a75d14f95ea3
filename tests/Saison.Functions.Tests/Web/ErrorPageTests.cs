using System.Net;
using System.Net.Http.Headers;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Web;

/// <summary>A browser that reaches an unknown page gets a French HTML page with a way back; the API keeps problem+json.</summary>
public sealed class ErrorPageTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    private static HttpRequestMessage Get(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    [Fact]
    public async Task An_unknown_page_is_an_html_page_with_a_way_back_for_a_browser()
    {
        using var response = await app.ClientAs("ProjectCell").SendAsync(Get("/saisons/2027/page-inconnue", "text/html"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Aucune page à l", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/accueil\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_browser_gets_the_same_french_page_and_a_way_back()
    {
        using var response = await app.Anonymous().SendAsync(Get("/saisons/2027/page-inconnue", "text/html"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/accueil\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/saisons/2027/page-inconnue", "application/json")]
    [InlineData("/api/seasons/2027/inconnu", "text/html")]
    public async Task Programs_and_the_api_keep_problem_json(string path, string accept)
    {
        using var response = await app.Anonymous().SendAsync(Get(path, accept));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>The home page says what waits for each role, with the page where it is done.</summary>
public sealed class HomePageTests(SaisonApp app) : IClassFixture<SaisonApp>
{
    [Theory]
    [InlineData("ProjectCell", "", "à valider dans l'agenda", "/saisons/2027/cellule-projet#agenda")]
    [InlineData("Manager", "regie-plateau", "Rien ne vous attend", null)]
    public async Task What_waits_for_each_role_is_on_the_home_page(string role, string scope, string expected, string? link)
    {
        using var client = scope.Length == 0 ? app.ClientAs(role) : app.ClientAs(role, scope);
        var html = await client.GetStringAsync(new Uri("/accueil", UriKind.Relative));
        Assert.Contains("Ce qui vous attend", html, StringComparison.Ordinal);
        Assert.Contains(expected, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        if (link is not null)
        {
            Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
        }
    }
}
