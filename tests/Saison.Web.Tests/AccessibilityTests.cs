using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Web.Tests;

/// <summary>
/// axe-core (pinned in package.json, installed by <c>npm ci</c>) on every page, as the user it is for,
/// on desktop and phone: no violation of serious or critical impact (WCAG 2 A and AA rules).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium, WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    public static TheoryData<string, string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var phone in new[] { false, true })
        {
            data.Add("ProjectCell", "", "/accueil", phone);
            data.Add("ProjectCell", "", "/saisons/2027/cellule-projet", phone);
            data.Add("ProjectCell", "", "/saisons/2027/cellule-projet/evenements/feu-fete-nationale", phone);
            data.Add("Copil", "", "/saisons/2027/copil", phone);
            data.Add("Copil", "", "/saisons/comparer", phone);
            data.Add("ProjectCell", "", "/saisons/2027/saison-suivante", phone);
            data.Add("Copil", "", "/saisons/2027/copil/finances", phone);
            data.Add("ProjectCell", "", "/saisons/2027/finances", phone);
            data.Add("Organiser", "asso-triathlon", "/saisons/2027/finances", phone);
            data.Add("Technician", "regie", "/saisons/2027/services-techniques", phone);
            data.Add("Manager", "regie-plateau", "/saisons/2027/encadrement", phone);
            data.Add("Agent", "agt-001", "/saisons/2027/agent", phone);
            data.Add("Organiser", "asso-triathlon", "/saisons/2027/organisateur", phone);
            data.Add("Organiser", "asso-triathlon", "/saisons/2027/organisateur/evenements/nouveau", phone);
            data.Add("Organiser", "asso-triathlon", "/saisons/2027/organisateur/demandes/nouvelle", phone);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string role, string scope, string path, bool phone)
    {
        var page = await chromium.NewPageAsync(phone);
        await page.SignInAsync(app, role, scope, path);
        var result = await ViolationsAsync(page);
        foreach (var violation in result.EnumerateArray())
        {
            output.WriteLine(violation.ToString());
        }

        var serious = Serious(result);
        Assert.True(serious.Count == 0, $"{path} ({(phone ? "téléphone" : "bureau")}) : " + string.Join(" | ", serious));
    }

    /// <summary>axe-core's WCAG 2 A and AA violations on the page as it stands.</summary>
    internal static async Task<JsonElement> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript() });
        return await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0].target.join(' ') }))");
    }

    /// <summary>The violations of serious or critical impact, each as its JSON.</summary>
    internal static IReadOnlyList<string> Serious(JsonElement violations) =>
        [.. violations.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString())];

    private static string AxeScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("axe-core is missing: run npm ci at the repository root (test.sh does).");
    }
}
