using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>The reverse plan per owner as a timeline: for the project cell, one per owner; for an organiser, their own milestones.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnerTimelineTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_owner_has_a_timeline_of_their_milestones(bool phone)
    {
        var page = await chromium.NewPageAsync(phone);
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet?vue=responsable#plan");
        var owner = page.Locator("details[data-owner-timeline]").First;
        await owner.Locator("summary").ClickAsync();
        var marks = owner.Locator("svg circle.mark");
        Assert.True(await marks.CountAsync() > 0);
        await Assertions.Expect(owner.Locator("svg line.today")).ToHaveCountAsync(1);
        var table = page.Locator($"table[data-plan-group='{await owner.GetAttributeAsync("data-owner-timeline")}'] tbody tr");
        Assert.Equal(await table.CountAsync(), await marks.CountAsync());
        var serious = AccessibilityTests.Serious(await AccessibilityTests.ViolationsAsync(page));
        Assert.True(serious.Count == 0, string.Join(" | ", serious));
        await page.ScreenshotAsync(new() { Path = PageActions.ScreenshotPath($"frise-responsable-{(phone ? "telephone" : "bureau")}"), FullPage = false });

        var organiser = await chromium.NewPageAsync(phone);
        await organiser.SignInAsync(app, "Organiser", "asso-triathlon", "/saisons/2027/organisateur");
        var mine = organiser.Locator("[data-figure='owner-timeline'] svg");
        await Assertions.Expect(mine.Locator("line.anchor")).Not.ToHaveCountAsync(0);
        Assert.Equal(await organiser.Locator("table[data-table='milestones'] tbody tr").CountAsync(), await mine.Locator("circle.mark").CountAsync());
    }
}
