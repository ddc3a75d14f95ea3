using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LeavePagesTests(Chromium chromium, WebApp app) : IClassFixture<WebApp>
{
    private const string Team = "regie-plateau";

    [Fact]
    public async Task An_agent_evaluates_then_sends_and_a_manager_sees_the_refusal_and_coverage_then_approves_with_an_override()
    {
        // The whole team (8 agents) must be on duty: any leave breaks the minimum staffing.
        using var cell = app.ApiAs("ProjectCell", "cellule");
        using var current = await cell.GetAsync($"/api/seasons/2027/leave/rules/{Team}");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/seasons/2027/leave/rules/{Team}")
        {
            Content = JsonContent.Create(new
            {
                minimums = new[] { new { count = 8 } },
                blackouts = Array.Empty<object>(),
                recoveryBlockedDuringPeak = false,
            }),
        };
        if (current.IsSuccessStatusCode && current.Headers.ETag is { } etag)
        {
            put.Headers.IfMatch.Add(etag);
        }

        using var rules = await cell.SendAsync(put);
        Assert.True(rules.IsSuccessStatusCode, await rules.Content.ReadAsStringAsync());

        var agent = await chromium.NewPageAsync(phone: true);
        await agent.SignInAsync(app, "Agent", "agt-001", "/saisons/2027/agent");
        await agent.GetByLabel("Premier jour").FillAsync("2027-07-12");
        await agent.GetByLabel("Dernier jour").FillAsync("2027-07-16");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Évaluer" }).ClickAsync();
        var evaluation = agent.Locator("[data-evaluation]");
        await Assertions.Expect(evaluation).ToContainTextAsync("Des règles ne sont pas respectées");
        await Assertions.Expect(evaluation.Locator("tr[data-rule='minimum-staffing']")).ToContainTextAsync("non respectée");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("Demande envoyée");
        await Assertions.Expect(agent.Locator("table[data-table='my-requests']")).ToContainTextAsync("en attente");

        var manager = await chromium.NewPageAsync();
        await manager.SignInAsync(app, "Manager", Team, "/saisons/2027/encadrement");
        await manager.Locator("tr[data-leave]").Filter(new() { HasText = "Justine Legrand" }).GetByRole(AriaRole.Link, new() { Name = "Examiner" }).ClickAsync();
        await Assertions.Expect(manager.Locator("[data-refusal]")).ToContainTextAsync("ne respecte pas les règles de présence");
        var coverage = manager.Locator("table[data-table='coverage']");
        var before = int.Parse(await coverage.Locator("tr[data-day='2027-07-12'] td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(coverage.Locator("tr[data-day='2027-07-12'] td").Nth(2)).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(coverage.Locator("tr[data-day='2027-07-12']")).ToContainTextAsync("sous le minimum");

        // Approving without a justification is refused next to the field, and nothing changes.
        await manager.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#erreur-justification")).ToContainTextAsync("dérogation justifiée");
        await Assertions.Expect(manager.Locator("[data-status]")).ToHaveTextAsync("en attente");

        await manager.GetByLabel("Justification de la dérogation").FillAsync("Renfort d'un agent de la régie son et lumière cette semaine-là.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("Demande approuvée.");
        await Assertions.Expect(manager.Locator("[data-status]")).ToHaveTextAsync("approuvée");
        await Assertions.Expect(manager.Locator("[data-override]")).ToContainTextAsync("Effectif minimum");

        using var api = app.ApiAs("Manager", "manager-" + Team, Team);
        var requests = await api.GetFromJsonAsync<JsonElement>($"/api/seasons/2027/leave?teamId={Team}");
        var approved = requests.EnumerateArray().Single(r => r.GetProperty("agentId").GetString() == "agt-001");
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Contains("minimum-staffing", approved.GetProperty("decision").GetProperty("overriddenRules").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_manager_decides_from_the_list_in_submission_order_with_the_teams_absences_in_view()
    {
        // Three agents of the voirie-interventions team ask for the same week of August, one after another.
        const string team = "voirie-interventions";
        using var manager = app.ApiAs("Manager", "resp-" + team, team);
        var asked = new List<string>();
        foreach (var agentId in new[] { "agt-026", "agt-024", "agt-025" })
        {
            using var sent = await manager.PostAsJsonAsync("/api/seasons/2027/leave", new { agentId, kind = "annualLeave", first = "2027-08-16", last = "2027-08-20" });
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
            asked.Add((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request").GetProperty("id").GetString()!);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Manager", team, "/saisons/2027/encadrement");
        var rows = page.Locator($"section[data-team='{team}'] table[data-table='pending'] tr[data-leave]");
        Assert.Equal(asked, await rows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.leave)"));
        await Assertions.Expect(rows.First).ToContainTextAsync("1 mars 2027");

        // The calendar shows who asks for that week, day by day.
        var calendar = page.Locator($"section[data-team='{team}'] [data-figure='absences'] svg");
        await Assertions.Expect(calendar.Locator("rect[data-key='agt-026/2027-08-16']")).ToHaveAttributeAsync("data-state", "pending");

        // One click grants the oldest request; the calendar then shows it as granted.
        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Accorder" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-leave-done]")).ToContainTextAsync("accordée");
        await Assertions.Expect(calendar.Locator("rect[data-key='agt-026/2027-08-16']")).ToHaveAttributeAsync("data-state", "approved");
        await Assertions.Expect(page.Locator($"tr[data-leave='{asked[0]}']")).ToHaveCountAsync(0);

        // Refusing from the list takes the reason given above the list.
        await page.GetByLabel("Motif d'un refus").FillAsync("Trois agents absents la même semaine d'août.");
        await page.Locator($"tr[data-leave='{asked[2]}']").GetByRole(AriaRole.Button, new() { Name = "Refuser" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-leave-done]")).ToContainTextAsync("refusée");
        var refused = await manager.GetFromJsonAsync<JsonElement>($"/api/seasons/2027/leave/{asked[2]}");
        Assert.Equal("refused", refused.GetProperty("request").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_leave_form_with_bad_dates_shows_the_refusal_next_to_the_field_and_sends_nothing()
    {
        var agent = await chromium.NewPageAsync();
        await agent.SignInAsync(app, "Agent", "agt-002", "/saisons/2027/agent");
        await agent.GetByLabel("Premier jour").FillAsync("2027-07-20");
        await agent.GetByLabel("Dernier jour").FillAsync("2027-07-10");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();

        await Assertions.Expect(agent.Locator("#erreur-last")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByLabel("Dernier jour")).ToHaveAttributeAsync("aria-describedby", "erreur-last");
        await Assertions.Expect(agent.GetByText("Aucune demande pour la saison 2027.")).ToBeVisibleAsync();

        using var api = app.ApiAs("Agent", "agt-002", "agt-002");
        var mine = await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/leave?agentId=agt-002");
        Assert.Equal(0, mine.GetArrayLength());
    }
}
