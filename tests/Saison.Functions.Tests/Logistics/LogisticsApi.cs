using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;

namespace Saison.Functions.Tests.Logistics;

/// <summary>Shortcuts for the logistics and crews API in scenario tests: events, catalogue items, requests and decisions.</summary>
internal sealed class LogisticsApi
{
    public const string Base = "/api/seasons/2027";

    public LogisticsApi(SaisonApp app)
    {
        App = app;
        Technician = app.ClientAs("Technician", "tech-regie", ["regie"]);
        ProjectCell = app.ClientAs("ProjectCell");
        Admin = app.ClientAs("Admin");
    }

    public SaisonApp App { get; }

    public HttpClient Technician { get; }

    public HttpClient ProjectCell { get; }

    public HttpClient Admin { get; }

    public HttpClient Organiser(string organisation) => App.ClientAs("Organiser", organisation);

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>An event proposed by <paramref name="organisation"/>, optionally validated into the agenda by the project cell.</summary>
    public async Task<string> EventAsync(string organisation, string start, string end, bool agenda = false, string size = "small")
    {
        var response = await Organiser(organisation).SendJsonAsync(HttpMethod.Post, Base + "/events", new
        {
            title = "Événement de test " + Guid.NewGuid().ToString("N")[..6],
            kind = "animation",
            themes = new[] { "balneaire" },
            siteId = "front-de-mer",
            start,
            end,
            expectedAttendance = 300,
            size,
        });
        var created = await response.OkJsonAsync();
        var id = created.GetProperty("id").GetString()!;
        if (agenda)
        {
            await ValidateIntoAgendaAsync(id);
        }

        return id;
    }

    public async Task ValidateIntoAgendaAsync(string eventId)
    {
        var (_, etag) = await ProjectCell.GetWithETagAsync($"{Base}/events/{eventId}");
        (await ProjectCell.SendJsonAsync(HttpMethod.Post, $"{Base}/events/{eventId}/agenda", new { decision = "in" }, etag)).EnsureSuccessStatusCode();
    }

    /// <summary>A catalogue item of its own for one scenario, so scenarios sharing an app do not share stock.</summary>
    public async Task<string> ItemAsync(int capacity, string skill = "manutention", string kind = "equipment", int setupMinutes = 60, int unitsPerAgent = 1000, bool presence = false, double deliveryBeforeHours = 12, double pickupAfterHours = 12)
    {
        var id = Unique("article");
        var response = await Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", new
        {
            id,
            name = "Article de test " + id,
            kind,
            unit = "pièce",
            unitCost = 2.5m,
            serviceId = "regie",
            capacity,
            depotId = kind == "equipment" ? "ctm-cadreau" : null,
            turnaroundHours = 12,
            deliveryBeforeHours,
            pickupAfterHours,
            crew = new { skill, setupMinutes, setupMinutesPerUnit = 0, teardownMinutes = setupMinutes, teardownMinutesPerUnit = 0, presence, unitsPerAgent },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    public Task<HttpResponseMessage> CreateAsync(HttpClient client, string eventId, string itemId, int quantity, bool submit = true) =>
        client.SendJsonAsync(HttpMethod.Post, Base + "/requests", new { eventId, submit, lines = new[] { new { itemId, quantity } } });

    /// <summary>Creates and submits a one-line request as the organiser; returns its view.</summary>
    public async Task<JsonElement> SubmitAsync(string organisation, string eventId, string itemId, int quantity)
    {
        var response = await CreateAsync(Organiser(organisation), eventId, itemId, quantity);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.OkJsonAsync();
    }

    public async Task<(JsonElement View, string ETag)> ReadAsync(string requestId, HttpClient? client = null) =>
        await (client ?? Technician).GetWithETagAsync($"{Base}/requests/{requestId}");

    public async Task<HttpResponseMessage> DecideAsync(string requestId, string decision, int? quantity = null, string? reason = null)
    {
        var (_, etag) = await ReadAsync(requestId);
        return await Technician.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{requestId}/decisions", new { lines = new[] { new { lineId = "l1", decision, quantity, reason } } }, etag);
    }

    public async Task<JsonElement> ApproveAsync(string requestId, int? quantity = null, string? reason = null) =>
        await (await DecideAsync(requestId, "approve", quantity, reason)).OkJsonAsync();

    public async Task<JsonElement> PostWithETagAsync(string path, object? body, string requestId)
    {
        var (_, etag) = await ReadAsync(requestId);
        return await (await Technician.SendJsonAsync(HttpMethod.Post, path, body, etag)).OkJsonAsync();
    }

    public static JsonElement Line(JsonElement request) => request.GetProperty("lines")[0];

    public static string Status(JsonElement request) => request.GetProperty("status").GetString()!;

    public static IEnumerable<string> Codes(JsonElement reasons) => reasons.EnumerateArray().Select(r => r.GetProperty("code").GetString()!);
}
