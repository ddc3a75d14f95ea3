using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OrganiserPagesTests(Chromium chromium, WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    private const string Organisation = "asso-triathlon";
    private const string Event = "triathlon-front-de-mer";

    [Fact]
    public async Task An_organiser_of_many_requests_reads_them_twenty_at_a_time_newest_first()
    {
        using var organiser = app.ApiAs("Organiser", "organiser-asso-saint-marc", "asso-saint-marc");
        var created = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await organiser.PostAsJsonAsync("/api/seasons/2027/requests", new { eventId = "fete-plage-saint-marc", lines = new[] { new { itemId = "chaises", quantity = 1 + i } } });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            created.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "Organiser", "asso-saint-marc", "/saisons/2027/organisateur");
        await Assertions.Expect(page.Locator("[data-request-count]")).ToContainTextAsync("les 20 plus récentes");
        var first = await page.Locator("[data-request-section]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.requestSection)");
        Assert.Equal(20, first.Length);
        Assert.Equal(created[^1], first[0]);

        var rest = new List<string>();
        while (await page.Locator("[data-requests-next]").CountAsync() > 0)
        {
            await page.Locator("[data-requests-next]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-request-count]")).ToContainTextAsync("des plus récentes aux plus anciennes");
            rest.AddRange(await page.Locator("[data-request-section]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.requestSection)"));
        }

        // Every request once, newest first across the pages.
        var all = first.Concat(rest).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(created.AsEnumerable().Reverse(), all.Where(created.Contains));
    }

    [Fact]
    public async Task An_organiser_of_many_events_reads_them_thirty_at_a_time_and_their_most_urgent_milestones_first()
    {
        using var organiser = app.ApiAs("Organiser", "organiser-ville-sports", "ville-sports");
        for (var i = 0; i < 35; i++)
        {
            var day = new DateOnly(2027, 6, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            using var response = await organiser.PostAsJsonAsync("/api/seasons/2027/events", new
            {
                title = $"Tournoi de quartier n° {i + 1}",
                kind = "animation",
                themes = new[] { "balneaire" },
                siteId = "front-de-mer",
                start = $"{day}T18:00:00+02:00",
                end = $"{day}T21:00:00+02:00",
                expectedAttendance = 200,
                size = "small",
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "Organiser", "ville-sports", "/saisons/2027/organisateur");
        var total = int.Parse((await page.Locator("[data-event-count]").GetAttributeAsync("data-event-total"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 35, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-event-count]")).ToContainTextAsync("du 1er au 30e par date");
        var events = new List<string>(await page.Locator("[data-event-row]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.eventRow)"));
        Assert.Equal(30, events.Count);
        while (await page.Locator("[data-events-next]").CountAsync() > 0)
        {
            await page.Locator("[data-events-next]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-events-previous]")).ToBeVisibleAsync();
            events.AddRange(await page.Locator("[data-event-row]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.eventRow)"));
        }

        // Every event once, across the pages.
        Assert.Equal(total, events.Count);
        Assert.Equal(total, events.Distinct().Count());

        // Their thirty most urgent milestones, and all of them a link away.
        await page.GotoAsync(app.Url("/saisons/2027/organisateur"));
        var milestones = int.Parse((await page.Locator("[data-milestone-count]").GetAttributeAsync("data-milestone-total"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(milestones > 30, milestones.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-milestone-count]")).ToContainTextAsync("les 30 plus urgents");
        Assert.Equal(30, await page.Locator("[data-milestone-row]").CountAsync());
        await page.Locator("[data-milestones-all]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-milestone-row]")).ToHaveCountAsync(milestones);
    }

    [Fact]
    public async Task An_association_fills_the_form_sees_the_rules_and_cost_then_submits_and_sees_a_partial_offer_with_its_reason()
    {
        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "Organiser", Organisation, $"/saisons/2027/organisateur/demandes/nouvelle?evenement={Event}");

        // Four stages where the catalogue has three: the allocator can offer only part of it.
        await page.GetByLabel("Scène modulaire 8 × 6 m").FillAsync("4");
        await page.GetByLabel("Chaises pliantes").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Calculer" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-lead-time]")).ToContainTextAsync("jours ouvrés");
        await Assertions.Expect(page.Locator("[data-service-level]")).ToContainTextAsync("Niveau de service standard");
        await Assertions.Expect(page.Locator("tr[data-item='scene-8x6'] [data-cost]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-fast-preview]")).ToContainTextAsync("Hors procédure rapide");
        using (var api = app.ApiAs("Organiser", "organiser-" + Organisation, Organisation))
        {
            Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/requests")).GetArrayLength());
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        var sent = page.Locator("[data-sent]");
        await Assertions.Expect(sent).ToContainTextAsync("Demande déposée");
        var stage = sent.Locator("tr[data-item='scene-8x6']");
        output.WriteLine(await stage.InnerTextAsync());
        await Assertions.Expect(stage.Locator("[data-offer]")).ToContainTextAsync("3 disponibles sur 4");
        await Assertions.Expect(stage.Locator("[data-reasons]")).Not.ToBeEmptyAsync();

        // The organiser's page follows it, line by line, with the same reason.
        await page.GotoAsync(app.Url("/saisons/2027/organisateur"));
        var followed = page.Locator("tr[data-item='scene-8x6']");
        await Assertions.Expect(followed.Locator("[data-offer]")).ToContainTextAsync("3 disponibles sur 4");
        var reason = await followed.Locator("[data-reasons]").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        output.WriteLine("Motif affiché : " + reason);

        using var organiser = app.ApiAs("Organiser", "organiser-" + Organisation, Organisation);
        var requests = await organiser.GetFromJsonAsync<JsonElement>("/api/seasons/2027/requests");
        var line = requests[0].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemId").GetString() == "scene-8x6");
        Assert.Equal(3, line.GetProperty("decision").GetString() == "pending" ? line.GetProperty("proposed").GetInt32() : line.GetProperty("granted").GetInt32());
        Assert.Contains(line.GetProperty("reasons")[0].GetProperty("message").GetString()!, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_with_bad_quantities_shows_the_refusal_next_to_the_line_and_saves_nothing()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Organiser", "asso-saint-marc", "/saisons/2027/organisateur/demandes/nouvelle?evenement=fete-plage-saint-marc");
        await page.GetByLabel("Barnums 3 × 3 m").FillAsync("-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();

        await Assertions.Expect(page.Locator("#erreur-item-barnums")).ToContainTextAsync("La quantité est comprise entre 1 et 10 000");
        await Assertions.Expect(page.GetByLabel("Barnums 3 × 3 m")).ToHaveAttributeAsync("aria-describedby", "erreur-item-barnums");
        await Assertions.Expect(page.GetByLabel("Barnums 3 × 3 m")).ToHaveValueAsync("-2");

        await page.GetByLabel("Barnums 3 × 3 m").FillAsync("deux");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erreur-item-barnums")).ToContainTextAsync("nombre entier");

        using var api = app.ApiAs("Organiser", "organiser-asso-saint-marc", "asso-saint-marc");
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/requests")).GetArrayLength());
    }
}
