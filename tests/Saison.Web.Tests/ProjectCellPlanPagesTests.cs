using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>The project cell's job on the shared reverse plan, in the pages only: what needs attention, milestones done in place, a baseline frozen, an event's timeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectCellPlanPagesTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_default_view_is_never_empty_and_names_dates_and_owners()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet");

        // What needs attention: late and at risk, then what falls due in the next four weeks.
        var soon = page.Locator("table[data-plan-group='a-venir'] tbody tr");
        var alerts = page.Locator("table[data-plan-group='alertes'] tbody tr");
        Assert.True(await soon.CountAsync() + await alerts.CountAsync() > 0, "The default view shows nothing to do.");

        // Due dates give the date, not only "dans 3 mois"; owners are named (an organiser by its name).
        var due = await page.Locator("td[data-due]").First.TextContentAsync();
        Assert.Matches(@"\d{1,2} [a-zéû]+\.? 2027", due!);
        await page.GetByRole(AriaRole.Link, new() { Name = "Par responsable" }).ClickAsync();
        var owners = await page.Locator("table[data-plan-group] caption").AllTextContentsAsync();
        Assert.DoesNotContain(owners, o => o.Contains("l'organisateur", StringComparison.Ordinal));

        // A template opens in place.
        await page.Locator("details[data-template] summary").First.ClickAsync();
        await Assertions.Expect(page.Locator("details[data-template] table").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_milestone_is_marked_done_and_a_baseline_frozen_in_place()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet?vue=semaine");
        var row = page.Locator("table[data-plan-group] tbody tr[data-milestone]").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Marquer fait" }) }).First;
        var id = await row.GetAttributeAsync("data-milestone");
        await row.GetByRole(AriaRole.Button, new() { Name = "Marquer fait" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-plan-done]")).ToContainTextAsync("est déclaré fait le 1 mars 2027");

        using var api = app.ApiAs("ProjectCell", "cellule");
        var plan = await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/plan");
        var done = plan.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        Assert.Equal("done", done.GetProperty("state").GetString());

        // Freezing a baseline without a name is refused beside the field; with one it is listed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Figer le rétroplanning" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reference-name")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(".+"));
        await page.GetByLabel("Nom de la référence").FillAsync("Après le COPIL de mars");
        await page.GetByRole(AriaRole.Button, new() { Name = "Figer le rétroplanning" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-baseline-done]")).ToContainTextAsync("Après le COPIL de mars");
        await Assertions.Expect(page.Locator("#references ~ h3").First).ToContainTextAsync("Après le COPIL de mars");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_events_timeline_places_its_milestones_with_today_and_the_event(bool phone)
    {
        using var api = app.ApiAs("ProjectCell", "cellule");
        var plan = await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/plan");
        var eventId = plan.GetProperty("milestones").EnumerateArray().First(m => m.TryGetProperty("eventId", out var e) && e.ValueKind == JsonValueKind.String).GetProperty("eventId").GetString()!;
        var expected = plan.GetProperty("milestones").EnumerateArray().Count(m => m.TryGetProperty("eventId", out var e) && e.GetString() == eventId);

        var page = await chromium.NewPageAsync(phone);
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet?vue=evenement");
        await page.Locator($"[data-plan-events] a[href$='/evenements/{eventId}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Rétroplanning — ");

        var marks = page.Locator("section[data-figure='timeline'] svg circle.mark");
        await Assertions.Expect(marks).ToHaveCountAsync(expected);
        await Assertions.Expect(page.Locator("section[data-figure='timeline'] svg line.today")).ToHaveAttributeAsync("data-value", "2027-03-01");
        await Assertions.Expect(page.Locator("section[data-figure='timeline'] svg line.anchor")).ToHaveCountAsync(1);
        for (var i = 0; i < await marks.CountAsync(); i++)
        {
            var due = DateOnly.ParseExact((await marks.Nth(i).GetAttributeAsync("data-value"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.True(due.Year is 2026 or 2027);
        }

        if (phone)
        {
            var smallest = await page.Locator("section[data-figure='timeline'] .chart-scroll").EvaluateAsync<double>("el => Math.min(...[...el.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height).filter(h => h > 0))");
            Assert.True(smallest >= 11, $"Timeline text is {smallest:0.0} px high on a phone.");
        }

        await page.ScreenshotAsync(new() { Path = PageActions.ScreenshotPath(phone ? "frise-telephone" : "frise"), FullPage = true });
    }
}
