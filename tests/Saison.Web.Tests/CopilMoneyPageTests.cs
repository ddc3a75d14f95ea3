using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CopilMoneyPageTests(Chromium chromium, WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    private static readonly string[] Figures = ["money-totals", "money-events", "money-themes", "money-envelopes", "money-services", "money-sites", "money-weeks", "money-budget-lines", "money-tax", "money-years", "money-sponsors"];

    [Fact]
    public async Task The_money_view_shows_costs_receipts_and_who_paid_in_French_formats_with_each_tables_CSV()
    {
        using var api = app.ApiAs("Copil", "copil");
        var money = await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/copil/money");
        var totals = money.GetProperty("accounts").GetProperty("totals");
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Copil", backTo: "/saisons/2027/copil/finances");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ce que coûte et rapporte la saison 2027 — Saint-Nazaire");
        await Assertions.Expect(page.Locator("p.edition")).ToContainTextAsync("édité le");

        // Money as French readers write it: « 1 234,56 € » (narrow no-break space for thousands, decimal comma).
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        await Assertions.Expect(page.Locator("[data-costs]")).ToHaveTextAsync(totals.GetProperty("costs").GetDecimal().ToString("N2", fr) + " €");
        await Assertions.Expect(page.Locator("[data-receipts]")).ToHaveTextAsync(totals.GetProperty("receipts").GetDecimal().ToString("N2", fr) + " €");
        Assert.Matches(@"^\d{1,3}(\u202F\d{3})*,\d{2} €$", await page.Locator("[data-costs]").TextContentAsync());

        // The events still without private funding, by name, never by id.
        await Assertions.Expect(page.Locator("[data-unfunded]")).ToContainTextAsync("Portes ouvertes du centre éolien EOL (exemple)");
        await Assertions.Expect(page.Locator("[data-unfunded]")).Not.ToContainTextAsync("eol-portes-ouvertes");
        await Assertions.Expect(page.Locator("section[data-figure='money-sponsors']")).ToContainTextAsync("Chantiers navals (exemple)");
        await Assertions.Expect(page.Locator("section[data-figure='money-sponsors']")).ToContainTextAsync("Mécénat");

        foreach (var figure in Figures)
        {
            var section = page.Locator($"section[data-figure='{figure}']");
            await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeVisibleAsync();
            await Assertions.Expect(section.GetByRole(AriaRole.Link, new() { Name = "Exporter" })).ToHaveAttributeAsync("href", $"/api/seasons/2027/copil/money/{figure}.csv");
            var csv = await page.Context.APIRequest.GetAsync(app.Url($"/api/seasons/2027/copil/money/{figure}.csv"));
            Assert.Equal(200, csv.Status);
        }

        var path = PageActions.ScreenshotPath("copil-money-2027");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Capture du volet financier : {path}");
    }

    [Fact]
    public async Task On_a_phone_the_tables_scroll_and_an_organiser_is_refused()
    {
        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "ProjectCell");
        await page.GotoAsync(app.Url("/saisons/2027/copil/finances"));
        var events = page.Locator("section[data-figure='money-events'] .chart-scroll");
        await Assertions.Expect(events).ToHaveAttributeAsync("tabindex", "0");
        Assert.True(await events.EvaluateAsync<bool>("el => el.scrollWidth > el.clientWidth"));

        var organiser = await chromium.NewPageAsync();
        await organiser.SignInAsync(app, "Organiser", "asso-triathlon");
        await organiser.GotoAsync(app.Url("/saisons/2027/copil/finances"));
        await Assertions.Expect(organiser.Locator("[data-costs]")).ToHaveCountAsync(0);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class FinancePageTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_project_cell_enters_a_cost_typed_the_French_way_and_sees_it_by_name()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/finances");
        await page.Locator("#cost-label").FillAsync("Navettes de l'été");
        await page.Locator("#cost-category").SelectOptionAsync(new SelectOptionValue { Label = "Prestations techniques" });
        await page.Locator("#cost-budget").FillAsync("611");
        await page.Locator("#cost-amount").FillAsync("1 234,56");
        await page.Locator("#cost-event").SelectOptionAsync(new SelectOptionValue { Label = "Les Jeudis du Port (exemple)" });
        await page.Locator("#cost-service").SelectOptionAsync(new SelectOptionValue { Label = "Voirie" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Saisir la dépense" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Navettes de l'été");
        var row = page.Locator("[data-costs-table] tr", new() { HasText = "Navettes de l'été" });
        await Assertions.Expect(row).ToContainTextAsync("1\u202F234,56 €");
        await Assertions.Expect(row).ToContainTextAsync("Les Jeudis du Port (exemple)");
        await Assertions.Expect(row).ToContainTextAsync("Voirie");

        // A refusal is told next to its field, in French.
        await page.Locator("#cost-amount").FillAsync("beaucoup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Saisir la dépense" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("euros");
    }

    [Fact]
    public async Task An_organiser_declares_a_sponsor_of_their_event_then_records_the_funds_received()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Organiser", "asso-saint-marc", "/saisons/2027/finances");
        await Assertions.Expect(page.Locator("[data-costs-table]")).ToHaveCountAsync(0);
        var events = await page.Locator("#sponsor-event option").AllTextContentsAsync();
        Assert.Contains("Fête de la plage de Monsieur Hulot (exemple)", events);
        Assert.DoesNotContain("Triathlon du front de mer (exemple)", events);

        await page.Locator("#sponsor-event").SelectOptionAsync(new SelectOptionValue { Label = "Fête de la plage de Monsieur Hulot (exemple)" });
        await page.Locator("#sponsor-name").FillAsync("Crêperie de la plage");
        await page.Locator("#sponsor-status").SelectOptionAsync(new SelectOptionValue { Label = "Promis" });
        await page.Locator("#sponsor-amount").FillAsync("750");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer le partenaire" }).ClickAsync();
        var row = page.Locator("[data-sponsors-table] tr", new() { HasText = "Crêperie de la plage" });
        await Assertions.Expect(row).ToContainTextAsync("Promis");
        await Assertions.Expect(row).ToContainTextAsync("750,00 €");

        await page.Locator("#advance-which").SelectOptionAsync(new SelectOptionValue { Label = "Crêperie de la plage — Fête de la plage de Monsieur Hulot (exemple) (promis)" });
        await page.Locator("#advance-status").SelectOptionAsync(new SelectOptionValue { Label = "Reçu" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'état" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-sponsors-table] tr", new() { HasText = "Crêperie de la plage" })).ToContainTextAsync("Reçu");
    }
}
