using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

/// <summary>Organisers edit, cancel and accept alternatives on their own requests: each one transaction, with If-Match, refused in French otherwise.</summary>
public sealed class OrganiserChangeTests : IClassFixture<SaisonApp>
{
    private const string Organisation = "asso-front-de-mer";
    private readonly LogisticsApi _api;

    public OrganiserChangeTests(SaisonApp app) => _api = new LogisticsApi(app);

    private HttpClient Organiser => _api.Organiser(Organisation);

    private static string Id(JsonElement request) => request.GetProperty("id").GetString()!;

    private static JsonElement LineOf(JsonElement request, string lineId) => request.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("lineId").GetString() == lineId);

    private async Task<(JsonElement View, string ETag)> ReadAsOrganiserAsync(string requestId) => await _api.ReadAsync(requestId, Organiser);

    [Fact]
    public async Task A_submitted_request_is_edited_until_a_line_is_decided_and_unchanged_lines_keep_their_place()
    {
        var first = await _api.ItemAsync(capacity: 50);
        var second = await _api.ItemAsync(capacity: 50);
        var eventId = await _api.EventAsync(Organisation, "2027-08-07T14:00:00+02:00", "2027-08-07T20:00:00+02:00");
        var created = await Organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", new { eventId, submit = true, lines = new[] { new { itemId = first, quantity = 10 }, new { itemId = second, quantity = 5 } } });
        var request = await created.OkJsonAsync();
        Assert.Equal("submitted", Status(request));

        var edited = await Organiser.SendJsonAsync(HttpMethod.Put, $"{Base}/requests/{Id(request)}", new { eventId, lines = new[] { new { itemId = first, quantity = 10 }, new { itemId = second, quantity = 8 } } }, SeasonApi.ETagOf(created));
        var view = await edited.OkJsonAsync();
        Assert.Equal(["l1", "l3"], view.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineId").GetString()));
        Assert.Equal(8, LineOf(view, "l3").GetProperty("proposed").GetInt32());
        Assert.Contains(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "line-withdrawn" && h.GetProperty("detail").GetString()!.StartsWith("l2", StringComparison.Ordinal));
        Assert.NotEqual(SeasonApi.ETagOf(created), SeasonApi.ETagOf(edited));

        // The withdrawn claim holds nothing: another request gets all 50 units of the second item.
        var other = await _api.SubmitAsync("asso-saint-marc", await _api.EventAsync("asso-saint-marc", "2027-08-07T14:00:00+02:00", "2027-08-07T20:00:00+02:00"), second, 42);
        Assert.Equal(42, Line(other).GetProperty("proposed").GetInt32());

        // Once a line is decided the request no longer changes by an edit.
        var (read, etag) = await _api.ReadAsync(Id(view));
        (await _api.Technician.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{Id(view)}/decisions", new { lines = new[] { new { lineId = "l1", decision = "approve" } } }, etag)).EnsureSuccessStatusCode();
        var (_, organiserETag) = await ReadAsOrganiserAsync(Id(view));
        var late = await (await Organiser.SendJsonAsync(HttpMethod.Put, $"{Base}/requests/{Id(view)}", new { lines = new[] { new { itemId = first, quantity = 1 } } }, organiserETag)).AssertProblemAsync(409);
        Assert.Contains("line-decided", Codes(late.GetProperty("reasons")));
        Assert.Equal("submitted", Status(read));
    }

    [Fact]
    public async Task A_draft_is_rewritten_then_submitted_by_the_same_call()
    {
        var item = await _api.ItemAsync(capacity: 50);
        var eventId = await _api.EventAsync(Organisation, "2027-08-08T14:00:00+02:00", "2027-08-08T20:00:00+02:00");
        var draft = await _api.CreateAsync(Organiser, eventId, item, 3, submit: false);
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var id = Id(await draft.OkJsonAsync());

        var rewritten = await Organiser.SendJsonAsync(HttpMethod.Put, $"{Base}/requests/{id}", new { lines = new[] { new { itemId = item, quantity = 4, note = "Devant la scène" } } }, SeasonApi.ETagOf(draft));
        var view = await rewritten.OkJsonAsync();
        Assert.Equal("draft", Status(view));
        Assert.Equal(4, Line(view).GetProperty("quantity").GetInt32());

        var submitted = await (await Organiser.SendJsonAsync(HttpMethod.Put, $"{Base}/requests/{id}", new { submit = true, lines = new[] { new { itemId = item, quantity = 5 } } }, SeasonApi.ETagOf(rewritten))).OkJsonAsync();
        Assert.Equal("submitted", Status(submitted));
        Assert.Equal(5, Line(submitted).GetProperty("proposed").GetInt32());
    }

    [Fact]
    public async Task Cancelling_gives_the_units_back_and_a_cancelled_request_stays_cancelled()
    {
        var item = await _api.ItemAsync(capacity: 10);
        var day = ("2027-08-21T14:00:00+02:00", "2027-08-21T20:00:00+02:00");
        var first = await _api.SubmitAsync(Organisation, await _api.EventAsync(Organisation, day.Item1, day.Item2), item, 10);
        await _api.ApproveAsync(Id(first));
        var waiting = await _api.SubmitAsync("asso-saint-marc", await _api.EventAsync("asso-saint-marc", day.Item1, day.Item2), item, 6);
        Assert.Equal(0, Line(waiting).GetProperty("proposed").GetInt32());

        var (_, etag) = await ReadAsOrganiserAsync(Id(first));
        var cancelled = await (await Organiser.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{Id(first)}/cancel", null, etag)).OkJsonAsync();
        Assert.Equal("cancelled", Status(cancelled));
        Assert.Equal(0, Line(cancelled).GetProperty("granted").GetInt32());
        Assert.Contains(cancelled.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "cancelled");
        var (freed, _) = await _api.ReadAsync(Id(waiting));
        Assert.Equal(6, Line(freed).GetProperty("proposed").GetInt32());

        var (_, again) = await ReadAsOrganiserAsync(Id(first));
        var twice = await (await Organiser.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{Id(first)}/cancel", null, again)).AssertProblemAsync(409);
        Assert.Contains("not-cancellable", Codes(twice.GetProperty("reasons")));
        Assert.Contains("annulée", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alternative_of_a_refused_line_is_accepted_in_one_click_and_waits_for_its_decision()
    {
        // Picked up 36 h after the event, so the full quantity fits a day earlier while the loan still covers the event.
        var item = await _api.ItemAsync(capacity: 10, pickupAfterHours: 36);
        var blocker = await _api.SubmitAsync("snat", await _api.EventAsync("snat", "2027-08-16T20:00:00+02:00", "2027-08-16T22:00:00+02:00"), item, 10);
        await _api.ApproveAsync(Id(blocker));
        var mine = await _api.SubmitAsync(Organisation, await _api.EventAsync(Organisation, "2027-08-14T14:00:00+02:00", "2027-08-14T20:00:00+02:00"), item, 10);
        (await _api.DecideAsync(Id(mine), "refuse", reason: "Barrières réservées le 16 août.")).EnsureSuccessStatusCode();

        var (seen, etag) = await ReadAsOrganiserAsync(Id(mine));
        Assert.Equal("refused", Status(seen));
        var alternative = Line(seen).GetProperty("alternative");
        Assert.Equal(-1, alternative.GetProperty("shiftDays").GetInt32());

        var accepted = await (await Organiser.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{Id(mine)}/lines/l1/accept-alternative", null, etag)).OkJsonAsync();
        Assert.Equal("underReview", Status(accepted));
        var replacement = LineOf(accepted, "l2");
        Assert.Equal("pending", replacement.GetProperty("decision").GetString());
        Assert.Equal(10, replacement.GetProperty("proposed").GetInt32());
        Assert.Equal(Line(seen).GetProperty("delivery").GetDateTimeOffset().AddDays(-1), replacement.GetProperty("delivery").GetDateTimeOffset());
        Assert.Single(accepted.GetProperty("lines").EnumerateArray());
        Assert.Contains(accepted.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "alternative-accepted");

        var (_, techETag) = await _api.ReadAsync(Id(mine));
        var approved = await (await _api.Technician.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{Id(mine)}/decisions", new { lines = new[] { new { lineId = "l2", decision = "approve" } } }, techETag)).OkJsonAsync();
        Assert.Equal("approved", Status(approved));

        // Accepted once: the new line is approved, no alternative is left to accept.
        var (_, after) = await ReadAsOrganiserAsync(Id(mine));
        var none = await (await Organiser.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{Id(mine)}/lines/l2/accept-alternative", null, after)).AssertProblemAsync(409);
        Assert.Contains("line-not-short", Codes(none.GetProperty("reasons")));
    }

    [Fact]
    public async Task Refusals_are_french_problems_and_write_nothing()
    {
        var item = await _api.ItemAsync(capacity: 50);
        var eventId = await _api.EventAsync(Organisation, "2027-08-28T14:00:00+02:00", "2027-08-28T20:00:00+02:00");
        var request = await _api.SubmitAsync(Organisation, eventId, item, 5);
        var id = Id(request);
        var path = $"{Base}/requests/{id}";
        var (_, etag) = await ReadAsOrganiserAsync(id);
        var body = new { lines = new[] { new { itemId = item, quantity = 6 } } };

        await (await _api.App.Anonymous().SendJsonAsync(HttpMethod.Post, path + "/cancel", null, etag)).AssertProblemAsync(401);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, path + "/cancel", null, etag)).AssertProblemAsync(403);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body, etag)).AssertProblemAsync(403);
        await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Post, path + "/cancel", null, etag)).AssertProblemAsync(404);
        await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Put, path, body, etag)).AssertProblemAsync(404);
        await (await Organiser.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/req-inconnue/cancel", null, etag)).AssertProblemAsync(404);
        await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/cancel", null)).AssertProblemAsync(428);
        await (await Organiser.SendJsonAsync(HttpMethod.Put, path, body)).AssertProblemAsync(428);
        await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/lines/l1/accept-alternative", null)).AssertProblemAsync(428);
        await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/cancel", null, "W/\"stale\"")).AssertProblemAsync(412);
        await (await Organiser.SendJsonAsync(HttpMethod.Put, path, body, "W/\"stale\"")).AssertProblemAsync(412);
        await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/lines/l9/accept-alternative", null, etag)).AssertProblemAsync(404);
        var pending = await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/lines/l1/accept-alternative", null, etag)).AssertProblemAsync(409);
        Assert.Contains("line-not-short", Codes(pending.GetProperty("reasons")));
        Assert.Equal("eventId", (await (await Organiser.SendJsonAsync(HttpMethod.Put, path, new { eventId = "autre-evenement", body.lines }, etag)).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("lines", (await (await Organiser.SendJsonAsync(HttpMethod.Put, path, new { lines = Array.Empty<object>() }, etag)).AssertProblemAsync(400)).GetProperty("field").GetString());
        Assert.Equal("lines[0].itemId", (await (await Organiser.SendJsonAsync(HttpMethod.Put, path, new { lines = new[] { new { itemId = "licorne", quantity = 1 } } }, etag)).AssertProblemAsync(400)).GetProperty("field").GetString());
        await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/cancel", new { motif = "non" }, etag)).AssertProblemAsync(400);

        // Nothing moved: the same ETag still reads the same request.
        var (after, afterETag) = await ReadAsOrganiserAsync(id);
        Assert.Equal(etag, afterETag);
        Assert.Equal(5, Line(after).GetProperty("quantity").GetInt32());

        // A scheduled request no longer cancels.
        await _api.ApproveAsync(id);
        await _api.PostWithETagAsync($"{Base}/requests/{id}/status", new { status = "scheduled" }, id);
        var (_, scheduledETag) = await ReadAsOrganiserAsync(id);
        var scheduled = await (await Organiser.SendJsonAsync(HttpMethod.Post, path + "/cancel", null, scheduledETag)).AssertProblemAsync(409);
        Assert.Contains("planifiée", scheduled.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
