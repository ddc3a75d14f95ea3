using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>Multi-year programming in the pages only: the project cell starts a season from the previous one, the COPIL compares them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeasonYearsPagesTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_project_cell_starts_2029_from_2027_in_the_pages_and_the_copil_compares_them()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Préparer la saison 2028 à partir de celle-ci" }).ClickAsync();
        await page.GetByLabel("Année de la nouvelle saison").FillAsync("2029");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir ce que donnerait cette saison" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Préparer la saison 2029 à partir de la saison 2027");

        // Names, not ids; French dates; the national day stays on 14 July.
        var events = page.Locator("table[data-carried-events]");
        await Assertions.Expect(events).ToContainTextAsync("Feu d'artifice");
        await Assertions.Expect(events).Not.ToContainTextAsync("feu-fete-nationale");
        await Assertions.Expect(events.Locator("tr", new() { HasText = "Feu d'artifice" })).ToContainTextAsync("du sam. 14 juil. au dim. 15 juil.");

        // One event left out.
        await page.GetByLabel("Reprendre « Visites d'été des Chantiers de l'Atlantique (exemple) »").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la saison 2029" }).ClickAsync();
        var started = page.Locator("[data-season-started]");
        await Assertions.Expect(started).ToContainTextAsync("La saison 2029 est créée");
        await Assertions.Expect(started).ToContainTextAsync("Événements proposés à nouveau : 8");

        using var api = app.ApiAs("ProjectCell", "cellule");
        var carried = await api.GetFromJsonAsync<JsonElement>("/api/seasons/2029/events");
        Assert.Equal(8, carried.GetArrayLength());
        Assert.DoesNotContain(carried.EnumerateArray(), e => e.GetProperty("id").GetString() == "visites-chantiers-ete");

        // The new season's events wait for the project cell's agenda decision.
        await started.GetByRole(AriaRole.Link, new() { Name = "Ouvrir la cellule projet de la saison 2029" }).ClickAsync();
        await Assertions.Expect(page.Locator("table[data-table='agenda'] tbody tr")).ToHaveCountAsync(8);

        // Starting it again is refused in French, nothing created.
        await page.GotoAsync(app.Url("/saisons/2027/saison-suivante?annee=2029"));
        await Assertions.Expect(page.Locator("[data-carry-over-problem]")).ToContainTextAsync("La saison 2029 existe déjà");

        var copil = await chromium.NewPageAsync();
        await copil.SignInAsync(app, "Copil", backTo: "/saisons/2027/copil");
        await copil.GetByRole(AriaRole.Link, new() { Name = "Comparer les saisons année après année" }).ClickAsync();
        var table = copil.Locator("table[data-comparison]");
        await Assertions.Expect(table.Locator("thead th")).ToHaveCountAsync(3);
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Saison 2027");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Saison 2029");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "Bornes" })).ToContainTextAsync("du mar. 29 mai au");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "Événements (hors annulés)" })).ToContainTextAsync("8");
        await Assertions.Expect(copil.GetByRole(AriaRole.Link, new() { Name = "Télécharger la comparaison en CSV" })).ToHaveAttributeAsync("href", "/api/seasons/compare.csv?years=2027,2029");

        await copil.GotoAsync(app.Url("/saisons/comparer?annees=2027&annees=2031"));
        await Assertions.Expect(copil.Locator("[data-comparison-problem]")).ToContainTextAsync("Aucune saison 2031");
    }
}
