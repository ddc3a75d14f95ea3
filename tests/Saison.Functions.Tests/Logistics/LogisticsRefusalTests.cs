using System.Net;
using System.Text;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

/// <summary>Every refusal of the catalogue, requests and crews endpoints: French problem+json, stable status, nothing written.</summary>
public sealed class LogisticsRefusalTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;
    private readonly LogisticsApi _api;

    public LogisticsRefusalTests(SaisonApp app)
    {
        _app = app;
        _api = new LogisticsApi(app);
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<string> FieldAsync(HttpResponseMessage response, int status = 400) =>
        (await response.AssertProblemAsync(status)).GetProperty("field").GetString()!;

    [Fact]
    public async Task Catalogue_refusals()
    {
        await (await _app.Anonymous().GetAsync(Url(Base + "/catalog"))).AssertProblemAsync(401);
        await (await _app.ClientAs("Agent", "agt-001").GetAsync(Url(Base + "/catalog"))).AssertProblemAsync(403);
        await (await _api.Technician.GetAsync(Url("/api/seasons/2031/catalog"))).AssertProblemAsync(404);
        await (await _api.Technician.GetAsync(Url(Base + "/catalog/items/inconnu"))).AssertProblemAsync(404);

        var valid = new { id = Unique("item"), name = "Grilles d'exposition", kind = "equipment", unit = "grille", unitCost = 4m, serviceId = "regie", capacity = 60, depotId = (string?)"ctm-cadreau" };
        await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid)).AssertProblemAsync(403);
        Assert.Equal("name", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid with { name = "" })));
        Assert.Equal("capacity", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid with { capacity = -1 })));
        Assert.Equal("depotId", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid with { depotId = (string?)null })));
        Assert.Equal("id", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid with { id = "a/b" })));
        var malformed = await _api.Technician.PostAsync(Url(Base + "/catalog/items"), new StringContent("{\"id\": ", Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(400);

        var created = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", valid)).AssertProblemAsync(409);
        var path = $"{Base}/catalog/items/{valid.id}";
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, valid with { capacity = 70 })).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, valid with { capacity = 70 }, "W/\"stale\"")).AssertProblemAsync(412);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/catalog/items/inconnu", valid, "W/\"stale\"")).AssertProblemAsync(404);
        Assert.Equal("id", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, valid with { id = "autre" }, SeasonApi.ETagOf(created))));
        var replaced = await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, valid with { capacity = 70 }, SeasonApi.ETagOf(created))).OkJsonAsync();
        Assert.Equal(70, replaced.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Catalogue_rules_are_redefined_with_if_match_and_checked()
    {
        var path = Base + "/catalog/policy";
        var read = await _api.Technician.GetAsync(Url(path));
        var policy = await read.OkJsonAsync();
        var body = new
        {
            leadTimes = new { defaultWorkingDays = 20, workingDaysBySizeClass = new Dictionary<string, int> { ["small"] = 8, ["medium"] = 20, ["large"] = 40, ["major"] = 60 } },
            serviceLevels = new[] { new { organiserKind = "association", inSeason = true, maxCostPerRequest = 300m, maxLines = 3, allowances = new[] { new { itemId = "chaises", maxQuantity = 80 } } } },
            envelopes = new[] { new { serviceId = "regie", name = "Régie et technique événementielle", amount = 230000m } },
        };
        Assert.True(policy.GetProperty("serviceLevels").GetArrayLength() > 1);
        await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Put, path, body, SeasonApi.ETagOf(read))).AssertProblemAsync(403);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body)).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body, "W/\"stale\"")).AssertProblemAsync(412);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, "/api/seasons/2031/catalog/policy", body, SeasonApi.ETagOf(read))).AssertProblemAsync(404);
        Assert.Equal("leadTimes", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body with { leadTimes = new { defaultWorkingDays = -1, workingDaysBySizeClass = new Dictionary<string, int>() } }, SeasonApi.ETagOf(read))));
        // Lead times are required whole: omitting the table by size no longer empties it silently.
        Assert.Equal("leadTimes", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, new { body.serviceLevels, body.envelopes }, SeasonApi.ETagOf(read))));
        Assert.Equal("leadTimes", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, new { leadTimes = new { defaultWorkingDays = 20 }, body.serviceLevels, body.envelopes }, SeasonApi.ETagOf(read))));
        Assert.Equal("leadTimes.workingDaysBySizeClass", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body with { leadTimes = new { defaultWorkingDays = 20, workingDaysBySizeClass = new Dictionary<string, int> { ["géant"] = 90 } } }, SeasonApi.ETagOf(read))));
        Assert.Equal("serviceLevels[0].allowances", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body with { serviceLevels = new[] { new { organiserKind = "association", inSeason = true, maxCostPerRequest = 300m, maxLines = 3, allowances = new[] { new { itemId = "licorne", maxQuantity = 1 } } } } }, SeasonApi.ETagOf(read))));
        Assert.Equal("envelopes", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body with { envelopes = new[] { new { serviceId = "regie", name = "Régie", amount = -5m } } }, SeasonApi.ETagOf(read))));

        var replaced = await (await _api.Technician.SendJsonAsync(HttpMethod.Put, path, body, SeasonApi.ETagOf(read))).OkJsonAsync();
        Assert.Single(replaced.GetProperty("serviceLevels").EnumerateArray());
        var catalog = await _api.Technician.GetJsonAsync(Base + "/catalog");
        Assert.Equal(230000m, catalog.GetProperty("envelopes")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(8, catalog.GetProperty("leadTimes").GetProperty("workingDaysBySizeClass").GetProperty("small").GetInt32());
    }

    [Fact]
    public async Task Request_creation_refusals()
    {
        var organiser = _api.Organiser("asso-saint-marc");
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-20T18:00:00+02:00", "2027-08-20T23:00:00+02:00");
        object Body(string? eventIdValue = null, object? lines = null) => new { eventId = eventIdValue ?? eventId, lines = lines ?? new[] { new { itemId = "chaises", quantity = 10 } } };

        await (await _app.Anonymous().SendJsonAsync(HttpMethod.Post, Base + "/requests", Body())).AssertProblemAsync(401);
        await (await _app.ClientAs("Agent", "agt-001").SendJsonAsync(HttpMethod.Post, Base + "/requests", Body())).AssertProblemAsync(403);
        await (await _api.Organiser("asso-front-de-mer").SendJsonAsync(HttpMethod.Post, Base + "/requests", Body())).AssertProblemAsync(404);
        Assert.Equal("eventId", await FieldAsync(await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", new { lines = new[] { new { itemId = "chaises", quantity = 1 } } })));
        await (await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", Body("evenement-inconnu"))).AssertProblemAsync(404);
        await (await organiser.SendJsonAsync(HttpMethod.Post, "/api/seasons/2031/requests", Body())).AssertProblemAsync(404);
        Assert.Equal("lines", await FieldAsync(await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", Body(lines: Array.Empty<object>()))));
        Assert.Equal("lines[0].itemId", await FieldAsync(await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", Body(lines: new[] { new { itemId = "licorne", quantity = 1 } }))));
        Assert.Equal("lines[0].quantity", await FieldAsync(await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", Body(lines: new[] { new { itemId = "chaises", quantity = 0 } }))));
        Assert.Equal("lines[0].pickup", await FieldAsync(await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", Body(lines: new[] { new { itemId = "chaises", quantity = 1, delivery = "2027-08-20T10:00:00+02:00", pickup = "2027-08-19T10:00:00+02:00" } }))));
        await (await organiser.GetAsync(Url(Base + "/requests/req-inconnue"))).AssertProblemAsync(404);

        var all = await _api.Technician.GetJsonAsync(Base + "/requests");
        Assert.DoesNotContain(all.EnumerateArray(), r => r.GetProperty("eventId").GetString() == eventId);
    }

    [Fact]
    public async Task A_loan_window_far_from_its_event_is_refused_at_submission_and_never_fast_tracked()
    {
        // Ten chairs from 10 January to 10 December for a five-hour picnic on 26 June.
        var organiser = _api.Organiser("asso-saint-marc");
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-06-26T12:00:00+02:00", "2027-06-26T17:00:00+02:00");
        var body = new { eventId, submit = true, lines = new[] { new { itemId = "chaises", quantity = 10, delivery = "2027-01-10T09:00:00+01:00", pickup = "2027-12-10T09:00:00+01:00" } } };
        var refused = await (await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", body)).AssertProblemAsync(422);
        var reasons = string.Join(" ", refused.GetProperty("reasons").EnumerateArray().Select(r => r.ToString()));
        Assert.Contains("trop tôt", reasons, StringComparison.Ordinal);
        Assert.Contains("trop tard", reasons, StringComparison.Ordinal);

        // The draft exists, was never submitted, and holds no stock.
        var mine = (await organiser.GetJsonAsync(Base + "/requests")).EnumerateArray().Where(r => r.GetProperty("eventId").GetString() == eventId).ToList();
        Assert.All(mine, r => Assert.Equal("draft", Status(r)));
        Assert.All(mine, r => Assert.False(r.GetProperty("fastTrack").GetBoolean()));

        // A window that does not even cover the event.
        var apart = new { eventId, submit = true, lines = new[] { new { itemId = "chaises", quantity = 10, delivery = "2027-06-27T09:00:00+02:00", pickup = "2027-06-28T09:00:00+02:00" } } };
        var outside = await (await organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", apart)).AssertProblemAsync(422);
        Assert.Contains("ne couvre pas l'événement", outside.GetProperty("reasons").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_technician_decides_only_the_lines_and_items_of_their_own_service()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-14T18:00:00+02:00", "2027-08-14T23:00:00+02:00");
        var request = await _api.SubmitAsync("asso-saint-marc", eventId, item, 80);
        var id = request.GetProperty("id").GetString()!;
        var (view, etag) = await _api.ReadAsync(id);
        Assert.Equal("submitted", Status(view));

        // An espaces-verts technician sees the request but may not decide the régie line, nor edit the régie item.
        var greens = _app.ClientAs("Technician", "tech-espaces-verts", ["espaces-verts"]);
        var decisions = $"{Base}/requests/{id}/decisions";
        var refused = await (await greens.SendJsonAsync(HttpMethod.Post, decisions, new { lines = new[] { new { lineId = "l1", decision = "refuse", reason = "Pas chez nous" } } }, etag)).AssertProblemAsync(403);
        Assert.Contains("regie", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await greens.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{id}/lines/l1/override", new { quantity = 0, justification = "Non" }, etag)).AssertProblemAsync(403);
        var (item1, itemTag) = await _api.Technician.GetWithETagAsync($"{Base}/catalog/items/{item}");
        Assert.Equal(HttpStatusCode.Forbidden, (await greens.SendJsonAsync(HttpMethod.Post, Base + "/catalog/items", new { id = Unique("item"), name = "Jardinières", kind = "equipment", unit = "pièce", unitCost = 4m, serviceId = "regie", capacity = 10, depotId = "ctm-cadreau" })).StatusCode);

        // Nothing changed: the line still waits for the régie.
        var (after, afterTag) = await _api.ReadAsync(id);
        Assert.Equal(etag, afterTag);
        Assert.Equal("submitted", Status(after));
        Assert.Equal(item1.GetProperty("capacity").GetInt32(), (await _api.Technician.GetWithETagAsync($"{Base}/catalog/items/{item}")).Item1.GetProperty("capacity").GetInt32());
        Assert.NotNull(itemTag);
    }

    [Fact]
    public async Task Submission_and_decision_refusals()
    {
        var organiser = _api.Organiser("asso-saint-marc");
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-21T18:00:00+02:00", "2027-08-21T23:00:00+02:00");
        var draft = await _api.CreateAsync(organiser, eventId, "chaises", 500, submit: false);
        var id = (await draft.OkJsonAsync()).GetProperty("id").GetString()!;
        var submitPath = $"{Base}/requests/{id}/submit";

        // A draft is not decided yet.
        await (await _api.DecideAsync(id, "approve")).AssertProblemAsync(409);
        await (await organiser.SendJsonAsync(HttpMethod.Post, submitPath, null)).AssertProblemAsync(428);
        await (await organiser.SendJsonAsync(HttpMethod.Post, submitPath, null, "W/\"stale\"")).AssertProblemAsync(412);
        await (await _api.Organiser("asso-front-de-mer").SendJsonAsync(HttpMethod.Post, submitPath, null, SeasonApi.ETagOf(draft))).AssertProblemAsync(404);
        var submitted = await organiser.SendJsonAsync(HttpMethod.Post, submitPath, null, SeasonApi.ETagOf(draft));
        Assert.Equal("submitted", Status(await submitted.OkJsonAsync()));
        await (await organiser.SendJsonAsync(HttpMethod.Post, submitPath, null, SeasonApi.ETagOf(submitted))).AssertProblemAsync(409);

        await (await organiser.GetAsync(Url(Base + "/requests/review"))).AssertProblemAsync(403);
        var decisions = $"{Base}/requests/{id}/decisions";
        var etag = SeasonApi.ETagOf(submitted);
        object One(string? lineId = "l1", string? decision = "approve", int? quantity = null, string? reason = null) => new { lines = new[] { new { lineId, decision, quantity, reason } } };
        await (await organiser.SendJsonAsync(HttpMethod.Post, decisions, One(), etag)).AssertProblemAsync(403);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One())).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(), "W/\"stale\"")).AssertProblemAsync(412);
        Assert.Equal("lines", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, new { lines = Array.Empty<object>() }, etag)));
        Assert.Equal("lines[0].lineId", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(lineId: "l9"), etag)));
        Assert.Equal("lines[0].decision", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(decision: "maybe"), etag)));
        Assert.Equal("lines[0].reason", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(decision: "refuse"), etag)));
        Assert.Equal("lines[0].reason", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(quantity: 100), etag)));
        Assert.Equal("lines[0].quantity", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(quantity: 501, reason: "trop"), etag)));

        // Nothing to confirm yet; a status the lifecycle does not allow.
        var confirm = $"{Base}/requests/{id}/confirm";
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, confirm, null)).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, confirm, null, etag)).AssertProblemAsync(409);
        var status = $"{Base}/requests/{id}/status";
        Assert.Equal("status", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, status, new { status = "teleported" }, etag)));
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, status, new { status = "delivered" }, etag)).AssertProblemAsync(409);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, status, new { status = "delivered" })).AssertProblemAsync(428);

        // An override needs a decided line, a justification and a quantity in range.
        var overridePath = $"{Base}/requests/{id}/lines/l1/override";
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, overridePath, new { quantity = 1, justification = "x" }, etag)).AssertProblemAsync(409);
        var refused = await (await _api.Technician.SendJsonAsync(HttpMethod.Post, decisions, One(decision: "refuse", reason: "Chaises réservées aux événements de l'agenda ce week-end."), etag)).OkJsonAsync();
        Assert.Equal("refused", Status(refused));
        Assert.Contains("refused", Codes(Line(refused).GetProperty("reasons")));
        var (_, after) = await _api.ReadAsync(id);
        await (await _api.DecideAsync(id, "approve")).AssertProblemAsync(409);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{id}/lines/l7/override", new { quantity = 1, justification = "x" }, after)).AssertProblemAsync(404);
        Assert.Equal("justification", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, overridePath, new { quantity = 1 }, after)));
        Assert.Equal("quantity", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, overridePath, new { quantity = 501, justification = "x" }, after)));
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, overridePath, new { quantity = 1, justification = "x" })).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, overridePath, new { quantity = 1, justification = "x" }, "W/\"stale\"")).AssertProblemAsync(412);
    }

    [Fact]
    public async Task An_override_cannot_grant_more_than_is_free()
    {
        var item = await _api.ItemAsync(capacity: 10);
        var eventId = await _api.EventAsync("ville-sports", "2027-08-22T10:00:00+02:00", "2027-08-22T18:00:00+02:00");
        var first = (await _api.SubmitAsync("ville-sports", eventId, item, 6)).GetProperty("id").GetString()!;
        var second = (await _api.SubmitAsync("ville-sports", eventId, item, 8)).GetProperty("id").GetString()!;
        await _api.ApproveAsync(first);
        await _api.ApproveAsync(second, 4, "Reste du stock.");
        var (_, etag) = await _api.ReadAsync(second);
        var refused = await (await _api.Technician.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{second}/lines/l1/override", new { quantity = 8, justification = "Besoin réévalué" }, etag)).AssertProblemAsync(422);
        Assert.Equal("quantity", refused.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Crew_refusals()
    {
        await (await _api.Technician.GetAsync(Url(Base + "/crews/schedule"))).AssertProblemAsync(404);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule/publish", null, "W/\"x\"")).AssertProblemAsync(404);
        await (await _api.Organiser("asso-saint-marc").GetAsync(Url(Base + "/crews"))).AssertProblemAsync(403);
        await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null)).AssertProblemAsync(403);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, "/api/seasons/2031/crews/schedule", null)).AssertProblemAsync(404);
        await (await _api.Technician.GetAsync(Url(Base + "/crews/inconnue"))).AssertProblemAsync(404);
        await (await _api.Technician.GetAsync(Url(Base + "/crews/inconnue/schedule"))).AssertProblemAsync(404);
        await (await _api.Organiser("asso-saint-marc").GetAsync(Url(Base + "/crews/agents/agt-001/schedule"))).AssertProblemAsync(403);

        var id = Unique("equipe");
        var body = new { id, name = "Équipe du soir", serviceId = "regie", members = new[] { new { agentId = "agt-001", skills = new[] { "manutention" } } } };
        Assert.Equal("members[0].agentId", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews", body with { members = new[] { new { agentId = "personne", skills = Array.Empty<string>() } } })));
        Assert.Equal("name", await FieldAsync(await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews", body with { name = " " })));
        await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Post, Base + "/crews", body)).AssertProblemAsync(403);
        var created = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews", body)).AssertProblemAsync(409);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/crews/{id}", body)).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/crews/{id}", body, "W/\"stale\"")).AssertProblemAsync(412);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/crews/inconnue", body, "W/\"stale\"")).AssertProblemAsync(404);
        var replaced = await (await _api.Technician.SendJsonAsync(HttpMethod.Put, $"{Base}/crews/{id}", body with { name = "Équipe de nuit" }, SeasonApi.ETagOf(created))).OkJsonAsync();
        Assert.Equal("Équipe de nuit", replaced.GetProperty("name").GetString());

        var planned = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null);
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule/publish", null)).AssertProblemAsync(428);
        await (await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule/publish", null, "W/\"stale\"")).AssertProblemAsync(412);
    }
}
