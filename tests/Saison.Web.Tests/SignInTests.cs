using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    private readonly WebApp _app = app;

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_comes_back_to_the_page()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(_app.Url("/saisons/2027/personnel"));
        Assert.StartsWith(_app.Url("/connexion"), page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Rôle").SelectOptionAsync("Manager");
        await page.GetByLabel("Périmètre").FillAsync("regie-plateau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.WaitForURLAsync(_app.Url("/saisons/2027/personnel"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Services et équipes");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Régie et technique événementielle");
    }

    [Fact]
    public async Task A_role_that_needs_a_scope_is_refused_next_to_the_field_and_no_token_is_given()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(_app.Url("/connexion"));
        await page.GetByLabel("Rôle").SelectOptionAsync("Organiser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        var error = page.Locator("#erreur-perimetre");
        await Assertions.Expect(error).ToContainTextAsync("demande un périmètre");
        await Assertions.Expect(page.GetByLabel("Périmètre")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("erreur-perimetre"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "saison_jeton");
    }

    [Fact]
    public async Task A_role_without_access_sees_a_refusal_page()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(_app, "Agent", "agent-inconnu");
        var response = await page.GotoAsync(_app.Url("/saisons/2027/personnel"));
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accès refusé");
    }

    [Fact]
    public async Task Signing_out_removes_the_token()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(_app, "Copil");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(_app.Url("/connexion"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "saison_jeton");
    }

    [Fact]
    public async Task The_stylesheet_is_served_by_the_app_with_a_print_section()
    {
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        using var response = await client.GetAsync("/static/saison.css");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media print", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
