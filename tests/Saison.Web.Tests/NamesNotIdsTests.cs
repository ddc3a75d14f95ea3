using System.Text.RegularExpressions;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

/// <summary>People read names, not ids: skills, services, crews, competing requests.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NamesNotIdsTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    [GeneratedRegex(@"\b(conduite-pl|montage-scene|surveillance-plages|espaces-verts)\b")]
    private static partial Regex SkillIds();

    [Fact]
    public async Task Skills_are_named_on_the_staff_page()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/personnel");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Conduite de poids lourds", main, StringComparison.Ordinal);
        Assert.Contains("Montage de scène", main, StringComparison.Ordinal);
        Assert.DoesNotMatch(SkillIds(), main);
    }

    [Fact]
    public async Task Services_are_named_in_the_request_form()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Organiser", "asso-saint-marc", "/saisons/2027/organisateur/demandes/nouvelle?evenement=fete-plage-saint-marc");
        var catalogue = await page.Locator("table[data-table='catalog']").InnerTextAsync();
        Assert.Contains("Régie et technique événementielle", catalogue, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"— regie\b"), catalogue);
    }
}
