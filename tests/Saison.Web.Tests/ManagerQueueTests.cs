using System.Net.Http.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>A manager with more pending leave requests than the page evaluates at once (an app of its own: the requests would crowd other tests' pages).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerQueueTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    private const string Team = "voirie-interventions";

    [Fact]
    public async Task A_manager_reads_pending_requests_twenty_at_a_time_oldest_first_and_decides_one_on_a_later_page()
    {
        using var manager = app.ApiAs("Manager", "resp-" + Team, Team);
        var agents = (await manager.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/seasons/2027/staff/agents"))
            .EnumerateArray().Where(a => a.GetProperty("teamId").GetString() == Team).Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(agents);
        var created = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            // Autumn weekdays, one day each, outside the summer's presence rules.
            var day = new DateOnly(2027, 10, 4).AddDays(7 * (i / agents.Count) + (i % 5));
            using var response = await manager.PostAsJsonAsync("/api/seasons/2027/leave", new { agentId = agents[i % agents.Count], kind = "annualLeave", first = day, last = day });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            created.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("request").GetProperty("id").GetString()!);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "Manager", Team, "/saisons/2027/encadrement");
        var total = int.Parse((await page.Locator("[data-pending-count]").GetAttributeAsync("data-pending-total"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 25, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var seen = new List<string>(await page.Locator("table[data-table='pending'] tr[data-leave]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.leave)"));
        Assert.Equal(20, seen.Count);
        await Assertions.Expect(page.Locator("[data-pending-count]")).ToContainTextAsync("les plus anciennes d'abord, de la 1re à la 20e");
        while (await page.Locator("[data-pending-next]").CountAsync() > 0)
        {
            await page.Locator("[data-pending-next]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-pending-previous]")).ToBeVisibleAsync();
            seen.AddRange(await page.Locator("table[data-table='pending'] tr[data-leave]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.leave)"));
        }

        // Every pending request once, the oldest first: those filed here come in the order they were filed.
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal(created, seen.Where(created.Contains));

        // The last one is decided on the last page, with the version that page read.
        await page.Locator($"tr[data-leave='{created[^1]}'] button", new() { HasText = "Accorder" }).ClickAsync();
        await Assertions.Expect(page.Locator($"table[data-table='pending'] tr[data-leave='{created[^1]}']")).ToHaveCountAsync(0);
        using var decided = await manager.GetAsync($"/api/seasons/2027/leave/{created[^1]}");
        Assert.Contains("\"status\":\"approved\"", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
