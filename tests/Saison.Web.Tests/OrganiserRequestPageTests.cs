using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Saison.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Saison.Web.Tests;

/// <summary>An organiser follows a request on its own page: accepts the alternative offered, edits the quantities, cancels.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganiserRequestPageTests(Chromium chromium, WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    private const string Organisation = "asso-front-de-mer";
    private const string Base = "/api/seasons/2027";

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? etag = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
        }

        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> ETagAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static async Task<string> EventAsync(HttpClient organiser, string start, string end) =>
        (await SendAsync(organiser, HttpMethod.Post, Base + "/events", new { title = "Village des associations " + Guid.NewGuid().ToString("N")[..4], kind = "animation", themes = new[] { "balneaire" }, siteId = "front-de-mer", start, end, expectedAttendance = 300, size = "small" }))
            .GetProperty("id").GetString()!;

    private static async Task<string> SubmitAsync(HttpClient organiser, string eventId, string itemId, int quantity) =>
        (await SendAsync(organiser, HttpMethod.Post, Base + "/requests", new { eventId, submit = true, lines = new[] { new { itemId, quantity } } })).GetProperty("id").GetString()!;

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var serious = AccessibilityTests.Serious(await AccessibilityTests.ViolationsAsync(page));
        Assert.True(serious.Count == 0, what + " : " + string.Join(" | ", serious));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_organiser_accepts_the_alternative_of_a_refused_line_then_edits_and_cancels_another_request(bool phone)
    {
        using var technician = app.ApiAs("Technician", "tech-regie", "regie");
        using var organiser = app.ApiAs("Organiser", "organiser-" + Organisation, Organisation);
        using var snat = app.ApiAs("Organiser", "organiser-snat", "snat");

        // Ten units, all taken on 16 August; picked up 36 h after an event, the full quantity still fits a day earlier.
        var itemId = "grilles-" + Guid.NewGuid().ToString("N")[..6];
        await SendAsync(technician, HttpMethod.Post, Base + "/catalog/items", new
        {
            id = itemId, name = "Grilles d'exposition", kind = "equipment", unit = "grille", unitCost = 2.5m, serviceId = "regie", capacity = 10, depotId = "ctm-cadreau",
            turnaroundHours = 12, deliveryBeforeHours = 12, pickupAfterHours = 36,
            crew = new { skill = "manutention", setupMinutes = 30, setupMinutesPerUnit = 0, teardownMinutes = 30, teardownMinutesPerUnit = 0, presence = false, unitsPerAgent = 1000 },
        });
        var blocker = await SubmitAsync(snat, await EventAsync(snat, "2027-08-16T20:00:00+02:00", "2027-08-16T22:00:00+02:00"), itemId, 10);
        await SendAsync(technician, HttpMethod.Post, $"{Base}/requests/{blocker}/decisions", new { lines = new[] { new { lineId = "l1", decision = "approve" } } }, await ETagAsync(technician, $"{Base}/requests/{blocker}"));
        var refused = await SubmitAsync(organiser, await EventAsync(organiser, "2027-08-14T14:00:00+02:00", "2027-08-14T20:00:00+02:00"), itemId, 10);
        await SendAsync(technician, HttpMethod.Post, $"{Base}/requests/{refused}/decisions", new { lines = new[] { new { lineId = "l1", decision = "refuse", reason = "Grilles réservées pour le 16 août." } } }, await ETagAsync(technician, $"{Base}/requests/{refused}"));
        var editable = await SubmitAsync(organiser, await EventAsync(organiser, "2027-09-04T14:00:00+02:00", "2027-09-04T20:00:00+02:00"), itemId, 4);

        var page = await chromium.NewPageAsync(phone);
        await page.SignInAsync(app, "Organiser", Organisation, "/accueil");

        // The decision is waiting on the home page, with a way to the request.
        var told = page.Locator($"[data-notices] a[href='/saisons/2027/organisateur/demandes/{refused}']");
        await Assertions.Expect(told).ToContainTextAsync("refusée");
        await Assertions.Expect(page.Locator("[data-notices]")).ToContainTextAsync("Grilles réservées pour le 16 août.");
        await page.GotoAsync(app.Url("/saisons/2027/organisateur"));
        await page.Locator($"[data-request-section='{refused}'] [data-open-request]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-request-status]")).ToHaveTextAsync("refusée");
        await Assertions.Expect(page.Locator($"[data-alternative-line='l1']")).ToContainTextAsync("plus tôt");
        await AssertAccessibleAsync(page, "demande refusée avec proposition");
        await page.ScreenshotAsync(new() { Path = PageActions.ScreenshotPath($"organisateur-proposition-{(phone ? "telephone" : "bureau")}"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter la proposition pour « Grilles d'exposition »" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToContainTextAsync("Proposition acceptée");
        await Assertions.Expect(page.Locator("[data-request-status]")).ToHaveTextAsync("en instruction");
        await Assertions.Expect(page.Locator("tr[data-line='l2'] [data-decision]")).ToHaveTextAsync("en attente");
        await Assertions.Expect(page.Locator("tr[data-line='l2'] [data-offer]")).ToContainTextAsync("10 disponibles sur 10");
        await Assertions.Expect(page.Locator("[data-history]")).ToContainTextAsync("proposition acceptée");
        // Lines by their item's name, never their id (« l1 → l2 »).
        await Assertions.Expect(page.Locator("[data-history]")).ToContainTextAsync("« Grilles d'exposition »");
        Assert.DoesNotMatch(@"\bl\d+\b", await page.Locator("[data-history]").InnerTextAsync());
        var accepted = await SendAsync(organiser, HttpMethod.Get, $"{Base}/requests/{refused}");
        Assert.Equal("l2", accepted.GetProperty("lines")[0].GetProperty("lineId").GetString());

        // Another request, not decided yet: quantities change in place, then it is cancelled.
        await page.GotoAsync(app.Url($"/saisons/2027/organisateur/demandes/{editable}"));
        await page.GetByLabel("Grilles d'exposition").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToContainTextAsync("Demande modifiée");
        await Assertions.Expect(page.Locator("tr[data-line='l2']")).ToContainTextAsync("6 grilles");
        await AssertAccessibleAsync(page, "demande modifiable");

        await page.GetByLabel("Grilles d'exposition").FillAsync("beaucoup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erreur-quantity-l2")).ToContainTextAsync("nombre entier");

        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler cette demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-done]")).ToContainTextAsync("Demande annulée");
        await Assertions.Expect(page.Locator("[data-request-status]")).ToHaveTextAsync("annulée");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Annuler cette demande" })).ToHaveCountAsync(0);
        var cancelled = await SendAsync(organiser, HttpMethod.Get, $"{Base}/requests/{editable}");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        output.WriteLine(cancelled.GetProperty("history").ToString());
    }
}
