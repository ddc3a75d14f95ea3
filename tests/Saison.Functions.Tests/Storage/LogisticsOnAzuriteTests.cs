using System.Net;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Logistics;
using Saison.Functions.Tests.Seasons;
using Saison.Storage.Tests.Azurite;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Storage;

/// <summary>
/// The logistics storage model on the Azure Table service (Azurite): submissions racing for the last units,
/// each one entity-group transaction with the stock heads' If-Match; the crew schedule written as a
/// generation of task entities, read back and published.
/// </summary>
public sealed class LogisticsOnAzuriteTests
{
    [Fact]
    public async Task Racing_submissions_and_the_crew_schedule_hold_on_the_Table_service()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var app = SaisonApp.Create(settings: new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        var api = new LogisticsApi(app);

        // 35 of the 40 barnums granted to a city event; 20 association requests race for the last 5.
        var cityEvent = await api.EventAsync("ville-sports", "2027-08-21T10:00:00+02:00", "2027-08-21T20:00:00+02:00");
        await api.ApproveAsync((await api.SubmitAsync("ville-sports", cityEvent, "barnums", 35)).GetProperty("id").GetString()!);
        var eventId = await api.EventAsync("asso-saint-marc", "2027-08-21T14:00:00+02:00", "2027-08-21T19:00:00+02:00");
        var organiser = api.Organiser("asso-saint-marc");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", new { eventId, submit = true, lines = new[] { new { itemId = "barnums", quantity = 1 } } })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var views = await Task.WhenAll(responses.Select(r => r.OkJsonAsync()));
        Assert.Equal(5, views.Count(v => v.GetProperty("fastTrack").GetBoolean()));
        Assert.All(views, v => Assert.Equal(v.GetProperty("fastTrack").GetBoolean(), Status(v) == "approved"));
        var ids = views.Select(v => v.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        var all = await api.Technician.GetJsonAsync(Base + "/requests");
        Assert.Equal(5, all.EnumerateArray().Where(r => ids.Contains(r.GetProperty("id").GetString()!)).Sum(r => Line(r).GetProperty("granted").GetInt32()));

        var planned = await api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null);
        var schedule = await planned.OkJsonAsync();
        var tasks = schedule.GetProperty("tasks").GetArrayLength() + schedule.GetProperty("unstaffed").GetArrayLength();
        Assert.True(tasks > 0);
        var (read, etag) = await api.Technician.GetWithETagAsync(Base + "/crews/schedule");
        Assert.Equal(tasks, read.GetProperty("tasks").GetArrayLength() + read.GetProperty("unstaffed").GetArrayLength());
        var published = await (await api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule/publish", null, etag)).OkJsonAsync();
        Assert.True(published.GetProperty("upToDateWithPublished").GetBoolean());
        var again = await (await api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).OkJsonAsync();
        Assert.Equal(0, again.GetProperty("moved").GetInt32());
    }

    [Fact]
    public async Task A_moved_event_moves_its_requests_and_a_stock_cut_flags_them_on_the_Table_service()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var app = SaisonApp.Create(settings: new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        var api = new LogisticsApi(app);
        var item = await api.ItemAsync(capacity: 100);
        var eventId = await api.EventAsync("asso-saint-marc", "2027-07-10T18:00:00+02:00", "2027-07-10T23:00:00+02:00");
        var id = (await api.SubmitAsync("asso-saint-marc", eventId, item, 60)).GetProperty("id").GetString()!;
        var approved = await api.ApproveAsync(id);

        var (_, eventTag) = await api.ProjectCell.GetWithETagAsync($"{Base}/events/{eventId}");
        (await api.ProjectCell.SendJsonAsync(HttpMethod.Post, $"{Base}/events/{eventId}/move", new { start = "2027-07-17T18:00:00+02:00" }, eventTag)).EnsureSuccessStatusCode();
        var (moved, _) = await api.ReadAsync(id, api.Organiser("asso-saint-marc"));
        Assert.Equal(DateTimeOffset.Parse(Line(approved).GetProperty("delivery").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(7), DateTimeOffset.Parse(Line(moved).GetProperty("delivery").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("event-changed", moved.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());

        var (itemBody, itemTag) = await api.Technician.GetWithETagAsync($"{Base}/catalog/items/{item}");
        var cut = System.Text.Json.Nodes.JsonNode.Parse(itemBody.GetRawText())!.AsObject();
        cut["capacity"] = 10;
        (await api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/catalog/items/{item}", cut, itemTag)).EnsureSuccessStatusCode();
        var (flagged, _) = await api.ReadAsync(id);
        Assert.Equal("approved", Status(flagged));
        Assert.Equal(["no-longer-fits"], Codes(Line(flagged).GetProperty("flags")));
    }
}
