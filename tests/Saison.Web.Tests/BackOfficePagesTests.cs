using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BackOfficePagesTests(Chromium chromium, WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Technical_services_see_the_queue_decide_lines_refuse_bad_input_and_plan_the_crews()
    {
        using var organiser = app.ApiAs("Organiser", "organiser-asso-triathlon", "asso-triathlon");
        using var created = await organiser.PostAsJsonAsync("/api/seasons/2027/requests", new
        {
            eventId = "triathlon-front-de-mer",
            lines = new object[] { new { itemId = "scene-8x6", quantity = 4 }, new { itemId = "regisseurs", quantity = 2 } },
            submit = true,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Technician", "regie", "/saisons/2027/services-techniques");
        await Assertions.Expect(page.Locator($"[data-queued='{id}']")).ToContainTextAsync("agenda touristique de l'été");
        await page.Locator($"[data-queued='{id}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-item='scene-8x6'] [data-offer]")).ToContainTextAsync("3 disponibles sur 4");

        // A quantity above the request is refused next to that line; nothing is decided.
        await page.GetByLabel("Décision").First.SelectOptionAsync("approve");
        await page.GetByLabel("Quantité accordée").First.FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les décisions" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erreur-line-l1-quantity")).ToContainTextAsync("La quantité accordée est comprise entre 1 et 4");
        var still = await organiser.GetFromJsonAsync<JsonElement>($"/api/seasons/2027/requests/{id}");
        Assert.All(still.GetProperty("lines").EnumerateArray(), l => Assert.Equal("pending", l.GetProperty("decision").GetString()));

        await page.GetByLabel("Décision").First.SelectOptionAsync("approve");
        await page.GetByLabel("Quantité accordée").First.FillAsync("3");
        await page.GetByLabel("Motif").First.FillAsync("Trois scènes seulement au parc ce week-end.");
        await page.GetByLabel("Décision").Nth(1).SelectOptionAsync("approve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les décisions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Décisions enregistrées.");
        await Assertions.Expect(page.Locator("tr[data-item='scene-8x6'] [data-decision]")).ToHaveTextAsync("accordée en partie");

        // The request moves on from its page: lines confirmed, then planned.
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer les lignes accordées" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Lignes accordées confirmées.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passer à « planifiée »" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-request-status]")).ToHaveTextAsync("planifiée");
        var moved = await organiser.GetFromJsonAsync<JsonElement>($"/api/seasons/2027/requests/{id}");
        Assert.Equal("scheduled", moved.GetProperty("status").GetString());
        Assert.All(moved.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("granted").GetInt32() > 0), l => Assert.True(l.GetProperty("confirmed").GetBoolean()));

        // The queue lands on the technician's own service, and can show every service.
        await page.GotoAsync(app.Url("/saisons/2027/services-techniques"));
        await Assertions.Expect(page.GetByLabel("Service", new() { Exact = true })).ToHaveValueAsync("regie");

        await page.GetByRole(AriaRole.Button, new() { Name = "Établir le planning à partir des demandes accordées" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Planning établi");
        await Assertions.Expect(page.Locator("table[data-table='week'] caption")).ToContainTextAsync("par équipe");
        output.WriteLine(await page.Locator("table[data-table='week']").InnerTextAsync());

        // By crew, a task appears once, with its agents.
        var shown = await page.Locator("table[data-table='week'] [data-task]").EvaluateAllAsync<string[]>("els => els.map(e => e.closest('tr').dataset.row + '/' + e.dataset.task)");
        Assert.Equal(shown.Length, shown.Distinct().Count());
        await Assertions.Expect(page.Locator("tr[data-row='absences'] th")).ToHaveTextAsync("Agents indisponibles");

        // Published, the agents see it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier le planning" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Planning publié");
        await Assertions.Expect(page.Locator("[data-schedule-state]")).ToContainTextAsync("publiée le");
        using var technician = app.ApiAs("Technician", "tech", "regie");
        var schedule = await technician.GetFromJsonAsync<JsonElement>("/api/seasons/2027/crews/schedule");
        Assert.Equal(JsonValueKind.String, schedule.GetProperty("publishedAt").ValueKind);

        // Week after week.
        var caption = await page.Locator("table[data-table='week'] caption").TextContentAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Semaine suivante →" }).ClickAsync();
        await Assertions.Expect(page.Locator("table[data-table='week'] caption")).Not.ToHaveTextAsync(caption!);
        await page.GetByRole(AriaRole.Link, new() { Name = "← Semaine précédente" }).ClickAsync();
        await Assertions.Expect(page.Locator("table[data-table='week'] caption")).ToHaveTextAsync(caption!);

        await page.GetByLabel("Vue", new() { Exact = true }).SelectOptionAsync("agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(page.Locator("table[data-table='week'] caption")).ToContainTextAsync("par agent");
    }

    [Fact]
    public async Task A_long_queue_is_shown_fifty_at_a_time_with_its_count_and_the_rest_a_link_away()
    {
        // Fifty-five requests wait for the stage service (a stage is never in the standard service level).
        // Another event than the other tests' (its stock for its own days): they do not take each other's stages.
        using var organiser = app.ApiAs("Organiser", "organiser-snat", "snat");
        var submitted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 55; i++)
        {
            using var created = await organiser.PostAsJsonAsync("/api/seasons/2027/requests", new { eventId = "jeudis-du-port", lines = new[] { new { itemId = "scene-8x6", quantity = 1 } }, submit = true });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            submitted.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "Technician", "regie", "/saisons/2027/services-techniques");
        await Assertions.Expect(page.Locator("[data-queue-count]")).ToContainTextAsync("les 50 premières par ordre de priorité");
        var count = int.Parse((await page.Locator("[data-queue-count]").TextContentAsync())!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 55, $"{count} in the queue");
        var first = await page.Locator("[data-queued]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.queued)");
        Assert.Equal(50, first.Length);

        // The rest, numbered on from 51, the service and the week kept.
        await page.Locator("[data-queue-next]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-queue-count]")).ToContainTextAsync("de la 51e");
        Assert.Equal("51", await page.Locator("ol[data-queue]").GetAttributeAsync("start"));
        await Assertions.Expect(page.GetByLabel("Service", new() { Exact = true })).ToHaveValueAsync("regie");
        var rest = new List<string>(await page.Locator("[data-queued]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.queued)"));
        while (await page.Locator("[data-queue-next]").CountAsync() > 0)
        {
            await page.Locator("[data-queue-next]").ClickAsync();
            rest.AddRange(await page.Locator("[data-queued]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.queued)"));
        }

        Assert.Empty(first.Intersect(rest));
        Assert.Equal(count, first.Length + rest.Count);
        Assert.Subset(first.Concat(rest).ToHashSet(StringComparer.Ordinal), submitted);
    }

    [Fact]
    public async Task The_project_cell_validates_an_event_into_the_agenda_and_reads_the_plan_by_owner_and_week()
    {
        var page = await chromium.NewPageAsync();
        await page.SignInAsync(app, "ProjectCell", backTo: "/saisons/2027/cellule-projet");
        await Assertions.Expect(page.Locator("tr[data-event='eol-portes-ouvertes']")).ToBeVisibleAsync();
        await page.GetByLabel("Événement").SelectOptionAsync("eol-portes-ouvertes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider dans l'agenda" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("validé dans l'agenda touristique de l'été");
        await Assertions.Expect(page.Locator("tr[data-event='eol-portes-ouvertes']")).ToHaveCountAsync(0);

        await Assertions.Expect(page.Locator("[data-plan-counts]")).ToContainTextAsync("en retard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Par responsable" }).ClickAsync();
        Assert.True(await page.Locator("table[data-plan-group]").CountAsync() > 1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Par semaine" }).ClickAsync();
        await Assertions.Expect(page.Locator("table[data-plan-group] thead").First).ToContainTextAsync("Semaine du");

        using var api = app.ApiAs("ProjectCell", "cellule");
        var ev = await api.GetFromJsonAsync<JsonElement>("/api/seasons/2027/events/eol-portes-ouvertes");
        Assert.True(ev.GetProperty("inTourismAgenda").GetBoolean());
    }
}
