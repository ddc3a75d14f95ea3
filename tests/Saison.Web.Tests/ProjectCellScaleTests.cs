using System.Net.Http.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>The project cell's page with more proposals than it shows at once (an app of its own: the proposals would crowd other tests' pages).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectCellScaleTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task The_project_cell_decides_proposals_fifty_at_a_time_and_reaches_every_one()
    {
        using var organiser = app.ApiAs("Organiser", "organiser-ville-sports", "ville-sports");
        for (var i = 0; i < 55; i++)
        {
            var day = new DateOnly(2027, 8, 25).AddDays(i % 20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            using var response = await organiser.PostAsJsonAsync("/api/seasons/2027/events", new
            {
                title = $"Rencontre sportive n° {i + 1}",
                kind = "animation",
                themes = new[] { "balneaire" },
                siteId = "front-de-mer",
                start = $"{day}T{10 + (i / 20)}:00:00+02:00",
                end = $"{day}T{10 + (i / 20)}:30:00+02:00",
                expectedAttendance = 100,
                size = "small",
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet");
        var total = int.Parse((await page.Locator("[data-pending-count]").GetAttributeAsync("data-pending-total"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 55, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-pending-count]")).ToContainTextAsync("du 1er au 50e par date");
        var seen = new List<string>(await page.Locator("table[data-table='agenda'] tr[data-event]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.event)"));
        Assert.Equal(50, seen.Count);
        Assert.Equal(50, await page.Locator("#agenda-event option[value]:not([value=''])").CountAsync());
        while (await page.Locator("[data-pending-next]").CountAsync() > 0)
        {
            await page.Locator("[data-pending-next]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-pending-previous]")).ToBeVisibleAsync();
            seen.AddRange(await page.Locator("table[data-table='agenda'] tr[data-event]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.event)"));
        }

        Assert.Equal(total, seen.Distinct().Count());

        // A proposal on the last page is decided there: its version came from the season's list.
        var last = seen[^1];
        await page.GetByLabel("Événement").SelectOptionAsync(last);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider dans l'agenda" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("validé dans l'agenda touristique de l'été");
        await Assertions.Expect(page.Locator($"tr[data-event='{last}']")).ToHaveCountAsync(0);
    }
}
