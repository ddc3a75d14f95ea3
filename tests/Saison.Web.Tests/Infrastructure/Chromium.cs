using Microsoft.Playwright;

namespace Saison.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, once for the whole test run (never a downloaded browser:
/// test.sh installs /usr/bin/chromium). Each test opens its own context, so cookies never leak.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>How long a browser step or an expectation waits before it fails, in milliseconds.</summary>
    public const float StepTimeout = 30_000;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        // What a step and an expectation wait for before they fail: 30 s, not Playwright's 5 s for expectations.
        // A page rendered on two cores that also build and run the other test projects has taken more than 5 s.
        Assertions.SetDefaultExpectTimeout(StepTimeout);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh page (its own cookies) on a phone-sized or desktop viewport, French locale.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(StepTimeout);
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Navigateur";
}

/// <summary>What the tests do in a browser, in the user's words.</summary>
public static class PageActions
{
    /// <summary>Signs in on the development sign-in page as <paramref name="role"/> with <paramref name="scope"/>.</summary>
    public static async Task SignInAsync(this IPage page, WebApp app, string role, string scope = "", string? backTo = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(app);
        await page.GotoAsync(app.Url("/connexion" + (backTo is null ? string.Empty : "?retour=" + Uri.EscapeDataString(backTo))));
        await page.GetByLabel("Rôle").SelectOptionAsync(role);
        await page.GetByLabel("Périmètre").FillAsync(scope);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        // Signed in once the browser has left the sign-in page: the token's cookie came with the redirect. What the test
        // does next waits for its own page (an expectation, a click, a GotoAsync); waiting here for the next page's load
        // events has hung past 30 s on a busy CI machine although the page had arrived ("NetworkIdle event fired").
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/connexion", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>Where screenshots go: the test output folder.</summary>
    public static string ScreenshotPath(string name) =>
        Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
}
