using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CopilDashboardPageTests(Chromium chromium, WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    private static readonly string[] Figures = ["themes", "weeks", "sites", "load", "coverage", "plan", "envelopes", "requests", "decisions"];

    [Fact]
    public async Task The_dashboard_renders_every_figure_of_the_sample_season_and_is_saved_as_a_screenshot()
    {
        var dashboard = await DashboardFromApiAsync();
        var unavailable = dashboard.GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Copil", backTo: "/saisons/2027/copil");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tonalité de la saison 2027 — Saint-Nazaire");
        foreach (var figure in Figures)
        {
            var section = page.Locator($"section[data-figure='{figure}']");
            await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeVisibleAsync();
            if (unavailable.Contains(figure))
            {
                await Assertions.Expect(section.Locator("[data-unavailable]")).ToContainTextAsync("Données non encore disponibles");
                output.WriteLine($"figure {figure}: source area not in the app yet");
            }
            else if (figure == "load" && dashboard.GetProperty("load").EnumerateArray().All(l => l.GetProperty("loadHours").GetDecimal() == 0))
            {
                // Before any crew planning, no load is "no data yet", never a map of zeros.
                await Assertions.Expect(section.Locator("[data-no-load]")).ToContainTextAsync("Pas encore de données");
                await Assertions.Expect(section.Locator("svg")).ToHaveCountAsync(0);
            }
            else if (figure != "decisions")
            {
                await Assertions.Expect(section.Locator("svg[role='img']")).ToHaveCountAsync(1);
                await Assertions.Expect(section.GetByRole(AriaRole.Link, new() { Name = "Exporter" })).ToHaveAttributeAsync("href", $"/api/seasons/2027/copil/{figure}.csv");
            }
        }

        // The sample season has a programme and a tonality: those charts must have marks.
        Assert.DoesNotContain("themes", unavailable);
        Assert.True(await page.Locator("section[data-figure='themes'] svg rect.mark").CountAsync() >= 5);
        Assert.True(await page.Locator("section[data-figure='weeks'] svg rect.band").CountAsync() > 0);
        await Assertions.Expect(page.Locator("section[data-figure='decisions'] li")).ToHaveCountAsync(dashboard.GetProperty("decisions").GetArrayLength());

        await Assertions.Expect(page.Locator("p.edition")).ToContainTextAsync("édité le");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Données du tableau de bord (JSON)" })).ToHaveCountAsync(0);

        var path = PageActions.ScreenshotPath("copil-2027");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Capture du tableau de bord : {path}");
        Console.WriteLine($"COPIL dashboard screenshot: {path}");
        Assert.True(new FileInfo(path).Length > 10_000);
    }

    [Fact]
    public async Task On_a_phone_chart_text_stays_readable_and_the_charts_scroll_by_keyboard()
    {
        var page = await chromium.NewPageAsync(phone: true);
        await page.SignInAsync(app, "Copil", backTo: "/saisons/2027/copil");

        var themes = page.Locator("section[data-figure='themes'] .chart-scroll");
        var smallest = await themes.EvaluateAsync<double>("el => Math.min(...[...el.querySelectorAll('svg text')].map(t => t.getBoundingClientRect().height).filter(h => h > 0))");
        Assert.True(smallest >= 11, $"The smallest chart text is {smallest:0.0} px high on a 390 px screen.");

        // Labels are wrapped, never cut with an ellipsis.
        var labels = await page.Locator("section[data-figure='themes'] svg text").AllTextContentsAsync();
        Assert.DoesNotContain(labels, l => l.Contains('…', StringComparison.Ordinal));

        // The chart is wider than the screen: its region takes the focus and scrolls with the arrow keys.
        Assert.True(await themes.EvaluateAsync<bool>("el => el.scrollWidth > el.clientWidth"));
        await themes.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");

        // Keyboard scrolling is smooth (animated): wait for it rather than read it at once.
        await page.WaitForFunctionAsync("() => document.querySelector(\"section[data-figure='themes'] .chart-scroll\").scrollLeft > 0");

        var path = PageActions.ScreenshotPath("copil-2027-phone");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
    }

    [Fact]
    public async Task The_charts_show_the_same_numbers_as_the_API()
    {
        var dashboard = await DashboardFromApiAsync();
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/copil");

        var themes = await MarksAsync(page, "themes", "rect.mark");
        var targets = await MarksAsync(page, "themes", "line.target");
        foreach (var theme in dashboard.GetProperty("themes").EnumerateArray())
        {
            var id = theme.GetProperty("themeId").GetString()!;
            Assert.Equal(theme.GetProperty("actualPercent").GetDecimal(), themes[id]);
            Assert.Equal(theme.GetProperty("targetPercent").GetDecimal(), targets[id]);
        }

        var weeks = await MarksAsync(page, "weeks", "rect.mark");
        Assert.Equal(dashboard.GetProperty("weeks").GetArrayLength(), weeks.Count);
        foreach (var week in dashboard.GetProperty("weeks").EnumerateArray())
        {
            Assert.Equal(week.GetProperty("occurrences").GetDecimal(), weeks[week.GetProperty("weekStart").GetString()!]);
        }

        var peakBands = await page.Locator("section[data-figure='weeks'] rect.band").CountAsync();
        Assert.Equal(dashboard.GetProperty("weeks").EnumerateArray().Count(w => w.GetProperty("peak").GetBoolean()), peakBands);

        var sites = await MarksAsync(page, "sites", "rect.mark");
        foreach (var site in dashboard.GetProperty("sites").EnumerateArray())
        {
            Assert.Equal(site.GetProperty("events").GetDecimal(), sites[site.GetProperty("siteId").GetString()!]);
        }

        if (!dashboard.GetProperty("unavailable").EnumerateArray().Any(e => e.GetString() == "requests"))
        {
            var requests = await MarksAsync(page, "requests", "rect.mark");
            foreach (var kind in dashboard.GetProperty("requests").EnumerateArray())
            {
                Assert.Equal(kind.GetProperty("refused").GetDecimal(), requests[kind.GetProperty("kind").GetString() + "/Refusées"]);
            }
        }
    }

    [Fact]
    public async Task Each_figure_exports_as_CSV_with_the_API_numbers()
    {
        var dashboard = await DashboardFromApiAsync();
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Copil");

        // The browser's own session (the pages' cookie) downloads the CSV.
        var response = await page.Context.APIRequest.GetAsync(app.Url("/api/seasons/2027/copil/themes.csv"));
        Assert.Equal(200, response.Status);
        var lines = (await response.TextAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Thème;Objectif (%);Événements;Part réalisée (%);Écart (points)", lines[0]);
        var apiThemes = dashboard.GetProperty("themes").EnumerateArray().ToList();
        Assert.Equal(apiThemes.Count, lines.Length - 1);
        for (var i = 0; i < apiThemes.Count; i++)
        {
            var cells = lines[i + 1].Split(';');
            Assert.Equal(apiThemes[i].GetProperty("name").GetString(), cells[0]);
            Assert.Equal(apiThemes[i].GetProperty("actualPercent").GetDecimal(), decimal.Parse(cells[3], CultureInfo.GetCultureInfo("fr-FR")));
        }

        foreach (var figure in Figures)
        {
            var csv = await page.Context.APIRequest.GetAsync(app.Url($"/api/seasons/2027/copil/{figure}.csv"));
            Assert.Equal(200, csv.Status);
            Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        }
    }

    private async Task<JsonElement> DashboardFromApiAsync()
    {
        using var api = app.ApiAs("Copil", "copil");
        return await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/copil");
    }

    private static async Task<Dictionary<string, decimal>> MarksAsync(IPage page, string figure, string selector)
    {
        var marks = page.Locator($"section[data-figure='{figure}'] svg {selector}");
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < await marks.CountAsync(); i++)
        {
            var mark = marks.Nth(i);
            result[(await mark.GetAttributeAsync("data-key"))!] = decimal.Parse((await mark.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        }

        return result;
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CopilDashboardWithRequestsTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Decided_requests_show_per_organiser_kind_and_in_the_envelopes_as_the_API_counts_them()
    {
        using var association = app.ApiAs("Organiser", "organiser-asso-triathlon", "asso-triathlon");
        using var standard = await association.PostAsJsonAsync("/api/seasons/2027/requests", new { eventId = "triathlon-front-de-mer", lines = new object[] { new { itemId = "chaises", quantity = 50 } }, submit = true });
        Assert.True(standard.IsSuccessStatusCode, await standard.Content.ReadAsStringAsync());
        using var operatorApi = app.ApiAs("Organiser", "organiser-snat", "snat");
        using var large = await operatorApi.PostAsJsonAsync("/api/seasons/2027/requests", new { eventId = "jeudis-du-port", lines = new object[] { new { itemId = "scene-8x6", quantity = 2 } }, submit = true });
        Assert.True(large.IsSuccessStatusCode, await large.Content.ReadAsStringAsync());

        using var copil = app.ApiAs("Copil", "copil");
        var dashboard = await copil.GetFromJsonAsync<JsonElement>("/api/seasons/2027/copil");
        Assert.DoesNotContain("requests", dashboard.GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, dashboard.GetProperty("requests").EnumerateArray().Sum(r => r.GetProperty("lines").GetInt32()));

        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Copil", backTo: "/saisons/2027/copil");
        var marks = page.Locator("section[data-figure='requests'] svg rect.mark");
        var shown = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < await marks.CountAsync(); i++)
        {
            shown[(await marks.Nth(i).GetAttributeAsync("data-key"))!] = decimal.Parse((await marks.Nth(i).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        }

        foreach (var kind in dashboard.GetProperty("requests").EnumerateArray())
        {
            var key = kind.GetProperty("kind").GetString();
            Assert.Equal(kind.GetProperty("approved").GetDecimal(), shown[key + "/Accordées"]);
            Assert.Equal(kind.GetProperty("pending").GetDecimal(), shown[key + "/En attente"]);
            Assert.Equal(kind.GetProperty("refused").GetDecimal(), shown[key + "/Refusées"]);
        }

        foreach (var envelope in dashboard.GetProperty("envelopes").EnumerateArray())
        {
            var bar = page.Locator($"section[data-figure='envelopes'] svg rect.mark[data-key='{envelope.GetProperty("serviceId").GetString()}']");
            Assert.Equal(envelope.GetProperty("consumedPercent").GetDecimal(), decimal.Parse((await bar.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        }

        var associations = page.Locator("section[data-figure='requests'] table tbody tr").Filter(new() { HasText = "Associations" });
        await Assertions.Expect(associations.Locator("td").First).ToHaveTextAsync("1");
    }
}
