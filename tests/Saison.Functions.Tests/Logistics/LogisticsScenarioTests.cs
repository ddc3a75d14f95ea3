using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

/// <summary>The study's logistics loop through the HTTP API on real storage (SQLite), with the sample season.</summary>
public sealed class LogisticsScenarioTests : IClassFixture<SaisonApp>
{
    private readonly LogisticsApi _api;

    public LogisticsScenarioTests(SaisonApp app) => _api = new LogisticsApi(app);

    [Fact]
    public async Task Sample_catalogue_is_served_with_its_service_levels_envelopes_and_lead_times()
    {
        var catalog = await _api.Organiser("asso-saint-marc").GetJsonAsync(Base + "/catalog");
        var ids = catalog.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains("barrieres", ids);
        Assert.Contains("regisseurs", ids);
        Assert.Contains(catalog.GetProperty("serviceLevels").EnumerateArray(), l => l.GetProperty("organiserKind").GetString() == "association" && l.GetProperty("inSeason").GetBoolean());
        Assert.Contains(catalog.GetProperty("envelopes").EnumerateArray(), e => e.GetProperty("serviceId").GetString() == "regie" && e.GetProperty("amount").GetDecimal() > 0);
        Assert.Equal(40, catalog.GetProperty("leadTimes").GetProperty("workingDaysBySizeClass").GetProperty("large").GetInt32());
    }

    [Fact]
    public async Task Fast_procedure_approves_a_small_standard_request_at_once_and_the_envelope_shows_it()
    {
        var before = await _api.Technician.GetJsonAsync(Base + "/catalog");
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-06T18:00:00+02:00", "2027-08-06T23:00:00+02:00");

        var request = await _api.SubmitAsync("asso-saint-marc", eventId, "chaises", 80);

        Assert.Equal("approved", Status(request));
        Assert.True(request.GetProperty("fastTrack").GetBoolean());
        Assert.Equal(["fast-track"], Codes(request.GetProperty("reasons")));
        Assert.Equal(80, Line(request).GetProperty("granted").GetInt32());
        Assert.Contains(request.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "fast-track-approved");
        var after = await _api.Technician.GetJsonAsync(Base + "/catalog");
        static decimal Consumed(JsonElement c) => c.GetProperty("envelopes").EnumerateArray().Single(e => e.GetProperty("serviceId").GetString() == "regie").GetProperty("consumed").GetDecimal();
        Assert.Equal(Consumed(before) + 64m, Consumed(after));
    }

    [Fact]
    public async Task In_a_shortage_the_agenda_event_wins_and_the_association_gets_a_partial_offer_with_an_alternative()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var associationEvent = await _api.EventAsync("asso-front-de-mer", "2027-07-24T14:00:00+02:00", "2027-07-24T20:00:00+02:00");
        var agendaEvent = await _api.EventAsync("snat", "2027-07-24T10:00:00+02:00", "2027-07-24T22:00:00+02:00", agenda: true);
        var association = await _api.SubmitAsync("asso-front-de-mer", associationEvent, item, 80);
        var agenda = await _api.SubmitAsync("snat", agendaEvent, item, 70);
        Assert.Equal("submitted", Status(association));
        Assert.Contains("not-standard", Codes(association.GetProperty("reasons")));

        var queue = (await _api.Technician.GetJsonAsync(Base + "/requests/review")).EnumerateArray()
            .Where(r => Line(r).GetProperty("itemId").GetString() == item).ToList();
        Assert.Equal([agenda.GetProperty("id").GetString(), association.GetProperty("id").GetString()], queue.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("tourismAgenda", queue[0].GetProperty("priorityClass").GetString());
        var contested = Line(queue[1]);
        Assert.Equal(30, contested.GetProperty("proposed").GetInt32());
        Assert.Equal(30, contested.GetProperty("alternative").GetProperty("quantity").GetInt32());
        // Both events are on 24 July: no slot on another day would still serve the association's event.
        Assert.False(contested.GetProperty("alternative").TryGetProperty("shiftDays", out var shift) && shift.ValueKind != JsonValueKind.Null);
        Assert.Equal(agenda.GetProperty("id").GetString(), contested.GetProperty("conflicts")[0].GetProperty("requestId").GetString());

        Assert.Equal("approved", Status(await _api.ApproveAsync(agenda.GetProperty("id").GetString()!)));
        var tooMuch = await (await _api.DecideAsync(association.GetProperty("id").GetString()!, "approve")).AssertProblemAsync(422);
        Assert.Contains(tooMuch.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("message").GetString()!.Contains("30 unités disponibles", StringComparison.Ordinal));
        Assert.DoesNotContain(tooMuch.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("message").GetString()!.Contains("Alternative", StringComparison.Ordinal));
        var partial = await _api.ApproveAsync(association.GetProperty("id").GetString()!, 30, "Stock partagé avec un événement de l'agenda touristique de l'été.");
        Assert.Equal("partlyApproved", Status(partial));

        // The association follows its request: part granted, why, and the nearest alternative; no one else's ids.
        var (seen, _) = await _api.ReadAsync(association.GetProperty("id").GetString()!, _api.Organiser("asso-front-de-mer"));
        Assert.Equal("partlyApproved", Status(seen));
        Assert.Equal(30, Line(seen).GetProperty("granted").GetInt32());
        Assert.Contains("partly-approved", Codes(Line(seen).GetProperty("reasons")));
        // Its 30 units are granted: offering "30 units" again, or a day that misses the event, would say nothing.
        Assert.False(Line(seen).TryGetProperty("alternative", out var alternative) && alternative.ValueKind != JsonValueKind.Null);
        Assert.False(Line(seen).TryGetProperty("conflicts", out _));
    }

    [Fact]
    public async Task A_later_agenda_validation_displaces_an_unconfirmed_allocation_but_not_a_confirmed_one()
    {
        var item = await _api.ItemAsync(capacity: 100);
        var first = await _api.SubmitAsync("asso-front-de-mer", await _api.EventAsync("asso-front-de-mer", "2027-07-31T14:00:00+02:00", "2027-07-31T20:00:00+02:00"), item, 40);
        var second = await _api.SubmitAsync("asso-saint-marc", await _api.EventAsync("asso-saint-marc", "2027-07-31T14:00:00+02:00", "2027-07-31T20:00:00+02:00"), item, 40);
        var unconfirmedId = first.GetProperty("id").GetString()!;
        var confirmedId = second.GetProperty("id").GetString()!;
        await _api.ApproveAsync(unconfirmedId);
        await _api.ApproveAsync(confirmedId);
        var confirmed = await _api.PostWithETagAsync($"{Base}/requests/{confirmedId}/confirm", null, confirmedId);
        Assert.True(Line(confirmed).GetProperty("confirmed").GetBoolean());

        var cityEvent = await _api.EventAsync("ville-sports", "2027-07-31T10:00:00+02:00", "2027-07-31T22:00:00+02:00");
        var city = await _api.SubmitAsync("ville-sports", cityEvent, item, 60);
        var cityId = city.GetProperty("id").GetString()!;
        Assert.Equal(20, Line(city).GetProperty("proposed").GetInt32());

        // The project cell validates the event into the agenda: it may now take the unconfirmed units.
        await _api.ValidateIntoAgendaAsync(cityEvent);
        var (promoted, _) = await _api.ReadAsync(cityId);
        Assert.Equal("tourismAgenda", promoted.GetProperty("priorityClass").GetString());
        Assert.Equal(60, Line(promoted).GetProperty("proposed").GetInt32());
        Assert.Equal("approved", Status(await _api.ApproveAsync(cityId)));

        var (displaced, _) = await _api.ReadAsync(unconfirmedId, _api.Organiser("asso-front-de-mer"));
        Assert.Equal("refused", Status(displaced));
        Assert.Contains("displaced-by-agenda", Codes(Line(displaced).GetProperty("reasons")));
        Assert.Contains(displaced.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "line-displaced");
        var (kept, _) = await _api.ReadAsync(confirmedId);
        Assert.Equal("approved", Status(kept));
        Assert.Equal(40, Line(kept).GetProperty("granted").GetInt32());

        // A confirmed allocation changes only by an explicit, justified and audited decision.
        var overridden = await _api.PostWithETagAsync($"{Base}/requests/{confirmedId}/lines/l1/override", new { quantity = 25, justification = "Arbitrage de la cellule projet : barrières redéployées." }, confirmedId);
        Assert.Equal("partlyApproved", Status(overridden));
        var audit = await _api.Admin.GetJsonAsync("/api/audit?month=2027-03");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "logistics.allocation.override" && e.GetProperty("justification").GetString()!.Contains("Arbitrage", StringComparison.Ordinal));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "logistics.allocation.displaced");
    }

    [Fact]
    public async Task A_request_follows_its_lifecycle_to_closed()
    {
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-07T18:00:00+02:00", "2027-08-07T23:00:00+02:00");
        var draft = await (await _api.CreateAsync(_api.Organiser("asso-saint-marc"), eventId, "tables", 10, submit: false)).OkJsonAsync();
        Assert.Equal("draft", Status(draft));
        var id = draft.GetProperty("id").GetString()!;
        var (_, etag) = await _api.ReadAsync(id, _api.Organiser("asso-saint-marc"));
        var submitted = await (await _api.Organiser("asso-saint-marc").SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{id}/submit", null, etag)).OkJsonAsync();
        Assert.Equal("approved", Status(submitted));
        foreach (var status in new[] { "scheduled", "delivered", "closed" })
        {
            var moved = await _api.PostWithETagAsync($"{Base}/requests/{id}/status", new { status }, id);
            Assert.Equal(status, Status(moved));
        }

        var audit = await _api.Admin.GetJsonAsync("/api/audit?month=2027-03");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "logistics.request.status" && e.GetProperty("target").GetString()!.EndsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Organisers_see_only_their_organisation_s_requests()
    {
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-08T18:00:00+02:00", "2027-08-08T23:00:00+02:00");
        var mine = await _api.SubmitAsync("asso-saint-marc", eventId, "tables", 5);
        var id = mine.GetProperty("id").GetString()!;

        var theirs = await _api.Organiser("asso-front-de-mer").GetJsonAsync(Base + "/requests");
        Assert.DoesNotContain(theirs.EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.All(theirs.EnumerateArray(), r => Assert.Equal("asso-front-de-mer", r.GetProperty("organiserId").GetString()));
        await (await _api.Organiser("asso-front-de-mer").GetAsync(new Uri($"{Base}/requests/{id}", UriKind.Relative))).AssertProblemAsync(404);
        await (await _api.CreateAsync(_api.Organiser("asso-front-de-mer"), eventId, "tables", 5)).AssertProblemAsync(404);
        Assert.Contains((await _api.Organiser("asso-saint-marc").GetJsonAsync(Base + "/requests")).EnumerateArray(), r => r.GetProperty("id").GetString() == id);
    }
}
