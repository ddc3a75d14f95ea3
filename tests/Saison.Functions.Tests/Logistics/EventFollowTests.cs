using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

/// <summary>
/// What follows an event and the stock through HTTP on SQLite: a moved or resized event moves its lines, due date and
/// crew tasks and says so in the requests' history; a stock cut never changes a decision silently.
/// </summary>
public sealed class EventFollowTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;
    private readonly LogisticsApi _api;

    public EventFollowTests(SaisonApp app)
    {
        _app = app;
        _api = new LogisticsApi(app);
    }

    private static DateTimeOffset At(JsonElement e, string name) => DateTimeOffset.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static IEnumerable<string> Flags(JsonElement request) => Codes(Line(request).GetProperty("flags"));

    private async Task<JsonElement> MoveAsync(string eventId, object body, HttpClient? client = null)
    {
        client ??= _api.ProjectCell;
        var (_, etag) = await client.GetWithETagAsync($"{Base}/events/{eventId}");
        return await (await client.SendJsonAsync(HttpMethod.Post, $"{Base}/events/{eventId}/move", body, etag)).OkJsonAsync();
    }

    [Fact]
    public async Task The_services_with_lines_on_a_moved_event_are_told_where_their_lines_are_now()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-07-11T18:00:00+02:00", "2027-07-11T23:00:00+02:00", size: "medium");
        var id = (await _api.SubmitAsync("asso-saint-marc", eventId, item, 20)).GetProperty("id").GetString()!;
        await _api.ApproveAsync(id);

        await MoveAsync(eventId, new { start = "2027-07-25T18:00:00+02:00" }, _api.Organiser("asso-saint-marc"));

        var notices = await _api.Technician.GetJsonAsync(Base + "/notices");
        var told = Assert.Single(notices.EnumerateArray(), n => n.GetProperty("kind").GetString() == "event-changed" && n.GetProperty("link").GetString()!.EndsWith(id, StringComparison.Ordinal));
        Assert.Contains("la demande suit", told.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains(told.GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("livraison le samedi 24 juillet 2027", StringComparison.Ordinal));

        // Another service is not told.
        var other = await _app.ClientAs("Technician", "tech-espaces-verts", ["espaces-verts"]).GetJsonAsync(Base + "/notices");
        Assert.DoesNotContain(other.EnumerateArray(), n => n.GetProperty("link").GetString()!.EndsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moving_an_event_moves_its_lines_due_date_and_crew_tasks_and_the_request_history_says_so()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-07-10T18:00:00+02:00", "2027-07-10T23:00:00+02:00", size: "medium");
        var submitted = await _api.SubmitAsync("asso-saint-marc", eventId, item, 80);
        var id = submitted.GetProperty("id").GetString()!;
        var approved = await _api.ApproveAsync(id);
        Assert.Equal("approved", Status(approved));
        (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).EnsureSuccessStatusCode();
        var planned = await _api.Technician.GetJsonAsync(Base + "/crews/schedule");
        Assert.DoesNotContain(planned.GetProperty("replan").EnumerateArray(), r => r.GetProperty("eventId").GetString() == eventId);

        await MoveAsync(eventId, new { start = "2027-07-24T18:00:00+02:00" }, _api.Organiser("asso-saint-marc"));

        // The organiser and the services read the same request: its line moved by the event's 14 days, decided as it was.
        foreach (var client in new[] { _api.Organiser("asso-saint-marc"), _api.Technician })
        {
            var (moved, _) = await _api.ReadAsync(id, client);
            Assert.Equal("approved", Status(moved));
            Assert.Equal(80, Line(moved).GetProperty("granted").GetInt32());
            Assert.Equal(At(Line(approved), "delivery").AddDays(14), At(Line(moved), "delivery"));
            Assert.Equal(At(Line(approved), "pickup").AddDays(14), At(Line(moved), "pickup"));
            Assert.True(DateOnly.Parse(moved.GetProperty("dueBy").GetString()!, CultureInfo.InvariantCulture) > DateOnly.Parse(approved.GetProperty("dueBy").GetString()!, CultureInfo.InvariantCulture));
            Assert.Empty(Flags(moved));
            var entry = moved.GetProperty("history").EnumerateArray().Last();
            Assert.Equal("event-changed", entry.GetProperty("action").GetString());
            Assert.Contains("24/07/2027 18:00", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Its crew tasks are marked for re-planning until the next plan; the plan then books them on the new dates.
        var stale = await _api.Technician.GetJsonAsync(Base + "/crews/schedule");
        Assert.Contains(stale.GetProperty("replan").EnumerateArray(), r => r.GetProperty("eventId").GetString() == eventId);
        Assert.All(stale.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("eventId").GetString() == eventId), t => Assert.True(t.GetProperty("toReplan").GetBoolean()));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).EnsureSuccessStatusCode();
        var replanned = await _api.Technician.GetJsonAsync(Base + "/crews/schedule");
        Assert.Empty(replanned.GetProperty("replan").EnumerateArray());
        var tasks = replanned.GetProperty("tasks").EnumerateArray().Concat(replanned.GetProperty("unstaffed").EnumerateArray())
            .Where(t => t.GetProperty("eventId").GetString() == eventId).ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.True(At(t, "start") >= new DateTimeOffset(2027, 7, 23, 0, 0, 0, TimeSpan.FromHours(2))));

        // The change is recorded once (following is idempotent).
        var (again, _) = await _api.ReadAsync(id);
        Assert.Equal(1, again.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("action").GetString() == "event-changed"));
    }

    [Fact]
    public async Task A_line_an_event_change_can_no_longer_serve_keeps_its_dates_and_is_flagged_until_a_technician_decides()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-07-17T10:00:00+02:00", "2027-07-17T22:00:00+02:00");
        var created = await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Post, Base + "/requests", new
        {
            eventId,
            submit = true,
            lines = new[] { new { itemId = item, quantity = 40, delivery = "2027-07-17T12:00:00+02:00", pickup = "2027-07-17T23:00:00+02:00" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.OkJsonAsync()).GetProperty("id").GetString()!;
        var approved = await _api.ApproveAsync(id);

        // Ending at 11:00, the pickup would come at noon, when the delivery comes: that loan cannot serve the event.
        await MoveAsync(eventId, new { start = "2027-07-17T10:00:00+02:00", end = "2027-07-17T11:00:00+02:00" });
        var (flagged, _) = await _api.ReadAsync(id, _api.Organiser("asso-saint-marc"));
        Assert.Equal("approved", Status(flagged));
        Assert.Equal(["event-changed-unservable"], Flags(flagged));
        Assert.Equal(At(Line(approved), "delivery"), At(Line(flagged), "delivery"));
        Assert.Contains("l1", flagged.GetProperty("history").EnumerateArray().Last().GetProperty("detail").GetString(), StringComparison.Ordinal);
        var queue = await _api.Technician.GetJsonAsync(Base + "/requests/review");
        Assert.Contains(queue.EnumerateArray(), r => r.GetProperty("id").GetString() == id);

        var decided = await _api.PostWithETagAsync($"{Base}/requests/{id}/lines/l1/override", new { quantity = 0, justification = "Plus de créneau pour livrer avant l'événement raccourci." }, id);
        Assert.Empty(Flags(decided));
        Assert.Equal("refused", Status(decided));
        Assert.DoesNotContain((await _api.Technician.GetJsonAsync(Base + "/requests/review")).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_stock_cut_keeps_the_decision_and_flags_the_line_with_its_reason_until_a_technician_decides()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-07-31T18:00:00+02:00", "2027-07-31T23:00:00+02:00");
        var id = (await _api.SubmitAsync("asso-saint-marc", eventId, item, 60)).GetProperty("id").GetString()!;
        await _api.ApproveAsync(id);

        var (read, etag) = await _api.Technician.GetWithETagAsync($"{Base}/catalog/items/{item}");
        var body = JsonNode.Parse(read.GetRawText())!.AsObject();
        body["capacity"] = 10;
        (await _api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/catalog/items/{item}", body, etag)).EnsureSuccessStatusCode();

        // Not "partly approved" behind anyone's back: 60 still granted, the line flagged with why, for both sides.
        foreach (var client in new[] { _api.Organiser("asso-saint-marc"), _api.Technician })
        {
            var (view, _) = await _api.ReadAsync(id, client);
            Assert.Equal("approved", Status(view));
            Assert.Equal(60, Line(view).GetProperty("granted").GetInt32());
            Assert.Equal(["no-longer-fits"], Flags(view));
            Assert.Contains("10 disponibles", Line(view).GetProperty("flags")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains((await _api.Technician.GetJsonAsync(Base + "/requests/review")).EnumerateArray(), r => r.GetProperty("id").GetString() == id);

        // Another decision on the same stock does not cut it either.
        var other = (await _api.SubmitAsync("asso-saint-marc", eventId, item, 5)).GetProperty("id").GetString()!;
        await (await _api.DecideAsync(other, "approve", 5)).AssertProblemAsync(422);
        var (still, _) = await _api.ReadAsync(id);
        Assert.Equal(60, Line(still).GetProperty("granted").GetInt32());
        Assert.DoesNotContain(still.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "line-displaced");

        var decided = await _api.PostWithETagAsync($"{Base}/requests/{id}/lines/l1/override", new { quantity = 10, justification = "Stock réduit : 10 chaises restent disponibles." }, id);
        Assert.Equal("partlyApproved", Status(decided));
        Assert.Empty(Flags(decided));
    }

    [Fact]
    public async Task An_event_moved_while_a_technician_decides_its_request_ends_with_both_or_a_412_and_lines_on_the_new_dates()
    {
        for (var round = 0; round < 3; round++)
        {
            var item = await _api.ItemAsync(capacity: 100);
            var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-07T18:00:00+02:00", "2027-08-07T23:00:00+02:00");
            var submitted = await _api.SubmitAsync("asso-saint-marc", eventId, item, 50);
            var id = submitted.GetProperty("id").GetString()!;
            var (_, requestTag) = await _api.ReadAsync(id);
            var (_, eventTag) = await _api.ProjectCell.GetWithETagAsync($"{Base}/events/{eventId}");

            var move = _api.ProjectCell.SendJsonAsync(HttpMethod.Post, $"{Base}/events/{eventId}/move", new { start = "2027-08-08T18:00:00+02:00" }, eventTag);
            var decide = _api.Technician.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{id}/decisions", new { lines = new[] { new { lineId = "l1", decision = "approve" } } }, requestTag);
            var results = await Task.WhenAll(move, decide);
            Assert.Equal(HttpStatusCode.OK, results[0].StatusCode);
            Assert.True(results[1].StatusCode is HttpStatusCode.OK or HttpStatusCode.PreconditionFailed, results[1].StatusCode.ToString());

            var (after, _) = await _api.ReadAsync(id);
            Assert.Equal(At(Line(submitted), "delivery").AddDays(1), At(Line(after), "delivery"));
            Assert.Equal(results[1].StatusCode == HttpStatusCode.OK ? "approved" : "submitted", Status(after));
            Assert.Contains(after.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "event-changed");
        }
    }
}
