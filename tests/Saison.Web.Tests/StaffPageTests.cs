using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StaffPageTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task A_team_form_with_bad_input_shows_the_refusals_next_to_the_fields_and_saves_nothing()
    {
        using var api = app.ApiAs("ProjectCell", "cellule");
        var before = await CountTeamsAsync(api);
        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/personnel");

        await page.GetByLabel("Identifiant (facultatif)").FillAsync("Pas Valide!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'équipe" }).ClickAsync();

        await Assertions.Expect(page.Locator("#erreur-name")).ToContainTextAsync("Le nom de l'équipe est obligatoire");
        await Assertions.Expect(page.Locator("#erreur-id")).ToContainTextAsync("L'identifiant doit contenir");
        await Assertions.Expect(page.GetByLabel("Nom de l'équipe")).ToHaveAttributeAsync("aria-describedby", "erreur-name");
        Assert.Equal(before, await CountTeamsAsync(api));
    }

    [Fact]
    public async Task A_valid_team_is_created_and_listed()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/personnel");

        await page.GetByLabel("Nom de l'équipe").FillAsync("Renfort estival");
        await page.GetByLabel("Service").SelectOptionAsync("voirie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'équipe" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Renfort estival");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Équipes du service Voirie" })).ToContainTextAsync("Renfort estival");
    }

    private static async Task<int> CountTeamsAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/staff/teams")).GetArrayLength();
}
