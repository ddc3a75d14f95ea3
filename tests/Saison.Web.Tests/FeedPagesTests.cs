using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>Each group finds its calendars on its own page and subscribes there, without the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedPagesTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task An_organiser_subscribes_to_its_milestones_from_its_page()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Organiser", "ville-animation", "/saisons/2027/organisateur");

        await Assertions.Expect(page.Locator("[data-feed='agenda']")).ToHaveAttributeAsync("href", "/calendars/agenda-2027.ics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Obtenir mon adresse d'abonnement : Mes jalons du rétroplanning" }).ClickAsync();
        var address = await page.Locator("[data-feed-issued] code").TextContentAsync();
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/calendars/[0-9a-f]{64}\\.ics$", address);

        var feed = await page.Context.APIRequest.GetAsync(address!);
        Assert.Equal(200, feed.Status);
        var ics = await feed.TextAsync();
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        Assert.Contains("Jalon : ", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_technician_subscribes_to_a_crew_of_their_service_and_a_manager_to_their_team()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Technician", "regie", "/saisons/2027/services-techniques");
        await page.GetByRole(AriaRole.Button, new() { Name = "Obtenir mon adresse d'abonnement : Tâches publiées de l'équipe « Régie plateau et montage »" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-feed-issued] code")).ToContainTextAsync("/calendars/");

        var manager = await chromium.NewPageAsync();
        await manager.SignInAsync(app, "Manager", "regie-plateau", "/saisons/2027/encadrement");
        var button = manager.Locator("[data-section='feeds'] button").First;
        await button.ClickAsync();
        var address = await manager.Locator("[data-feed-issued] code").TextContentAsync();
        var feed = await manager.Context.APIRequest.GetAsync(address!);
        Assert.Equal(200, feed.Status);
        Assert.Contains("BEGIN:VCALENDAR", await feed.TextAsync(), StringComparison.Ordinal);
    }
}

/// <summary>An organiser proposes an event from the pages, and sees its reverse plan.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EventProposalPagesTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task An_organiser_proposes_an_event_and_a_refusal_stays_beside_its_field()
    {
        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "Organiser", "asso-triathlon", "/saisons/2027/organisateur");
        await page.GetByRole(AriaRole.Link, new() { Name = "Proposer un événement" }).ClickAsync();

        // Without a title nothing is saved and the refusal names the field.
        await page.GetByLabel("Lieu").SelectOptionAsync(new SelectOptionValue { Label = "Parc paysager" });
        await page.GetByLabel("Début").FillAsync("2027-07-18T10:00");
        await page.GetByLabel("Fin").FillAsync("2027-07-18T17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Proposer l'événement" }).ClickAsync();
        await Assertions.Expect(page.Locator("#titre")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(".+"));

        await page.GetByLabel("Titre").FillAsync("Fête du vélo au parc");
        await page.GetByLabel("Genre").FillAsync("animation");
        await page.GetByLabel("Lieu").SelectOptionAsync(new SelectOptionValue { Label = "Parc paysager" });
        await page.Locator("input[name='Form.Themes']").First.CheckAsync();
        await page.GetByLabel("Début").FillAsync("2027-07-18T10:00");
        await page.GetByLabel("Fin").FillAsync("2027-07-18T17:00");
        await page.GetByLabel("Public attendu").FillAsync("6 000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Proposer l'événement" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-event-created]")).ToContainTextAsync("« Fête du vélo au parc » est proposé pour le dimanche 18 juillet 2027");

        // Legal but unlikely: kept, and said beside the confirmation.
        await Assertions.Expect(page.Locator("[data-warning='attendance-above-capacity']")).ToContainTextAsync("La fréquentation attendue (6 000 personnes) dépasse la capacité du site « Parc paysager » (4 000 personnes)");

        await page.GetByRole(AriaRole.Link, new() { Name = "voir son rétroplanning" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Fête du vélo au parc");
        Assert.True(await page.Locator("section[data-figure='timeline'] svg circle.mark").CountAsync() > 0);
    }
}
