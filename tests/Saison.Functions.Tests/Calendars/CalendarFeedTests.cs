using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Saison.Application.Contracts;
using Saison.Calendars.ICalendar;
using Saison.Domain.Staff;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Calendars;

public sealed class CalendarFeedTests : IDisposable
{
    private readonly CalendarFakes _data = new();
    private readonly SaisonApp _app;

    public CalendarFeedTests()
    {
        _data.Events.Add(CalendarFakes.Event("feu-14-juillet", "Feu d'artifice, bal populaire", CalendarFakes.Paris(7, 14, 22, 30), CalendarFakes.Paris(7, 14, 23, 30)));
        _data.Events.Add(CalendarFakes.Event("regates", "Régates de l'estuaire", CalendarFakes.Paris(7, 10, 0), CalendarFakes.Paris(7, 12, 0), allDay: true));
        _data.Events.Add(CalendarFakes.Event("projet-interne", "Réunion de préparation", CalendarFakes.Paris(6, 1, 10), CalendarFakes.Paris(6, 1, 11), agenda: false, status: "proposed"));
        _data.Events.Add(CalendarFakes.Event("concert-annule", "Concert sur la plage", CalendarFakes.Paris(8, 5, 21), CalendarFakes.Paris(8, 5, 23), status: "cancelled", revision: 3));
        _data.Events.Add(CalendarFakes.Event("marche-nocturne", "Marché nocturne", CalendarFakes.Paris(7, 2, 19), CalendarFakes.Paris(7, 2, 23), organiser: "org-commercants",
            occurrences: [.. new[] { 2, 9, 23, 30 }.Select(d => new EventOccurrence(CalendarFakes.Paris(7, d, 19), CalendarFakes.Paris(7, d, 23)))]));
        _app = CalendarFakes.CreateApp(_data);
    }

    public void Dispose() => _app.Dispose();

    private static Uri Uri(string path) => new(path, UriKind.Relative);

    private static async Task<Ical.Net.Calendar> ReadCalendarAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<(string Path, string Id, string ETag)> CreateTokenAsync(HttpClient client, string feed, string subject)
    {
        var response = await client.PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed, subject, label = "Outlook" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadAsync<JsonElement>();
        return (body.GetProperty("path").GetString()!, body.GetProperty("token").GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Public_agenda_is_anonymous_and_lists_validated_agenda_events_only()
    {
        var response = await _app.Anonymous().GetAsync(Uri("/calendars/agenda-2027.ics"));
        var text = await response.Content.ReadAsStringAsync();
        var calendar = await ReadCalendarAsync(response);

        Assert.Equal(["concert-annule", "feu-14-juillet", "marche-nocturne", "regates"], calendar.Events.Select(e => e!.Uid!.Split('.')[0]).Order());
        Assert.DoesNotContain("Réunion de préparation", text, StringComparison.Ordinal);
        Assert.DoesNotContain("org-snat", text, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:Agenda touristique de l'été 2027 — Saint-Nazaire", text, StringComparison.Ordinal);
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT6H", text, StringComparison.Ordinal);
        Assert.Equal("Europe/Paris", Assert.Single(calendar.TimeZones).TzId);

        var fireworks = calendar.Events.Single(e => e!.Uid!.StartsWith("feu-14-juillet", StringComparison.Ordinal));
        Assert.Equal("Feu d'artifice, bal populaire", fireworks.Summary);
        Assert.Equal((new DateTime(2027, 7, 14, 22, 30, 0), "Europe/Paris"), (fireworks.DtStart!.Value, fireworks.DtStart.TzId));
        Assert.Equal(CalendarFakes.Paris(7, 14, 22, 30), new DateTimeOffset(fireworks.DtStart.AsUtc));
        Assert.Equal(["Plages", "Fête"], fireworks.Categories);

        var regattas = calendar.Events.Single(e => e!.Uid!.StartsWith("regates", StringComparison.Ordinal));
        Assert.True(regattas.IsAllDay);
        Assert.Equal((new DateOnly(2027, 7, 10), new DateOnly(2027, 7, 12)), (regattas.DtStart!.Date, regattas.DtEnd!.Date));

        var cancelled = calendar.Events.Single(e => e!.Uid!.StartsWith("concert-annule", StringComparison.Ordinal));
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(3, cancelled.Sequence);

        var market = calendar.Events.Single(e => e!.Uid!.StartsWith("marche-nocturne", StringComparison.Ordinal));
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=5\r\n", text, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2027, 7, 16, 19, 0, 0), Assert.Single(market.ExceptionDates.GetAllDates()).Value);
        Assert.Equal([2, 9, 23, 30], market.GetOccurrences().Select(o => o.Period.StartTime.Day));
    }

    [Fact]
    public async Task Feed_answers_304_to_its_ETag_and_Last_Modified_and_changes_when_the_data_does()
    {
        var client = _app.Anonymous();
        var first = await client.GetAsync(Uri("/calendars/agenda-2027.ics"));
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, Uri("/calendars/agenda-2027.ics"));
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        using var since = new HttpRequestMessage(HttpMethod.Get, Uri("/calendars/agenda-2027.ics"));
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);

        _data.Events[0] = _data.Events[0] with { Title = "Feu d'artifice (décalé)", Revision = 2, LastModified = CalendarFakes.Modified.AddDays(1) };
        using var again = new HttpRequestMessage(HttpMethod.Get, Uri("/calendars/agenda-2027.ics"));
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var calendar = await ReadCalendarAsync(changed);
        Assert.Equal(2, calendar.Events.Single(e => e.Summary == "Feu d'artifice (décalé)").Sequence);
    }

    [Fact]
    public async Task Unknown_season_and_unknown_token_are_404()
    {
        await (await _app.Anonymous().GetAsync(Uri("/calendars/agenda-2031.ics"))).AssertProblemAsync(404);
        await (await _app.Anonymous().GetAsync(Uri("/calendars/" + new string('a', 64) + ".ics"))).AssertProblemAsync(404);
        await (await _app.Anonymous().GetAsync(Uri("/calendars/n-importe-quoi.ics"))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Organiser_feed_lists_all_their_events_and_only_theirs()
    {
        var (path, _, _) = await CreateTokenAsync(_app.ClientAs("Organiser", "org-snat"), "organiser", "org-snat");
        Assert.Matches("^/calendars/[0-9a-f]{64}\\.ics$", path);
        var calendar = await ReadCalendarAsync(await _app.Anonymous().GetAsync(Uri(path)));
        Assert.Contains(calendar.Events, e => e.Summary == "Réunion de préparation" && e.Description!.Contains("Statut : proposé", StringComparison.Ordinal));
        Assert.DoesNotContain(calendar.Events, e => e.Summary == "Marché nocturne");
    }

    [Fact]
    public async Task Token_refusals_say_why()
    {
        var organiser = _app.ClientAs("Organiser", "org-snat");
        var other = await organiser.PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "organiser", subject = "org-commercants" });
        await other.AssertProblemAsync(403);
        var badFeed = await organiser.PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "agenda", subject = "org-snat" });
        Assert.Equal("feed", (await badFeed.AssertProblemAsync(400)).GetProperty("field").GetString());
        var noSubject = await organiser.PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "organiser" });
        Assert.Equal("subject", (await noSubject.AssertProblemAsync(400)).GetProperty("field").GetString());
        var anonymous = await _app.Anonymous().PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "organiser", subject = "org-snat" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var unknownOwner = await _app.ClientAs("Agent", "agent-1", ["agent-1"]).PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "plan", subject = "agent-2" });
        Assert.Equal("subject", (await unknownOwner.AssertProblemAsync(400)).GetProperty("field").GetString());
        _data.Milestones.Add(new MilestoneSummary("feu.securite", "feu-14-juillet", "Dossier de sécurité", "police", new DateOnly(2027, 6, 1), "toDo", 1, CalendarFakes.Modified));
        var planOfSomeoneElse = await _app.ClientAs("Agent", "agent-1", ["agent-1"]).PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "plan", subject = "police" });
        await planOfSomeoneElse.AssertProblemAsync(403);
        var unknownCrew = await _app.ClientAs("Technician", "tech", ["regie"]).PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "crew", subject = "equipe-fantome" });
        Assert.Equal("subject", (await unknownCrew.AssertProblemAsync(400)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Team_absences_show_names_to_the_team_managers_only_and_never_the_kind()
    {
        _data.Teams.Add(new Team("pm-brigade-jour", "Brigade de jour", "police-municipale", ["chef-brigade"]));
        _data.Agents.Add(new Agent("agent-dupont", "Camille Dupont", "pm-brigade-jour", "police-municipale", [], WorkCycleKind.Weekly, 35));
        _data.Absences.Add(new Absence("agent-dupont", "pm-brigade-jour", CalendarFakes.Paris(7, 5, 0), CalendarFakes.Paris(7, 10, 0)));
        _data.Absences.Add(new Absence("agent-dupont", "pm-brigade-jour", CalendarFakes.Paris(7, 20, 12), CalendarFakes.Paris(7, 21, 0)));
        _data.Absences.Add(new Absence("agent-autre", "voirie", CalendarFakes.Paris(7, 5, 0), CalendarFakes.Paris(7, 6, 0)));

        var (managerPath, _, _) = await CreateTokenAsync(_app.ClientAs("Manager", "chef-brigade", ["pm-brigade-jour"]), "team", "pm-brigade-jour");
        var managerFeed = await ReadCalendarAsync(await _app.Anonymous().GetAsync(Uri(managerPath)));
        Assert.Equal(2, managerFeed.Events.Count);
        Assert.All(managerFeed.Events, e => Assert.Equal("Absent — Camille Dupont", e.Summary));
        var wholeDays = managerFeed.Events.Single(e => e.IsAllDay);
        Assert.Equal((new DateOnly(2027, 7, 5), new DateOnly(2027, 7, 10)), (wholeDays.DtStart!.Date, wholeDays.DtEnd!.Date));
        Assert.Equal(new DateTime(2027, 7, 20, 12, 0, 0), managerFeed.Events.Single(e => !e.IsAllDay).DtStart!.Value);

        var (cellPath, _, _) = await CreateTokenAsync(_app.ClientAs("ProjectCell", "cellule"), "team", "pm-brigade-jour");
        var cellResponse = await _app.Anonymous().GetAsync(Uri(cellPath));
        var cellText = await cellResponse.Content.ReadAsStringAsync();
        var cellFeed = Ical.Net.Calendar.Load(cellText)!;
        Assert.All(cellFeed.Events, e => Assert.Equal("Absent", e.Summary));
        Assert.DoesNotContain("Dupont", cellText, StringComparison.Ordinal);
        Assert.DoesNotContain("agent-dupont", cellText, StringComparison.Ordinal);
        Assert.Empty(cellFeed.Events.Select(e => e.Uid).Intersect(managerFeed.Events.Select(e => e.Uid)));

        var outsider = await _app.ClientAs("Manager", "chef-voirie", ["voirie"]).PostAsJsonAsync(Uri("/api/seasons/2027/calendar-tokens"), new { feed = "team", subject = "pm-brigade-jour" });
        await outsider.AssertProblemAsync(403);
    }

    [Fact]
    public async Task Crew_feed_lists_the_crews_published_tasks_once_each()
    {
        _data.Tasks.Add(new AssignedTask("t1", "agent-a", "regie-son", "feu-14-juillet", "Montage scène", CalendarFakes.Paris(7, 14, 8), CalendarFakes.Paris(7, 14, 12), true));
        _data.Tasks.Add(new AssignedTask("t1", "agent-b", "regie-son", "feu-14-juillet", "Montage scène", CalendarFakes.Paris(7, 14, 8), CalendarFakes.Paris(7, 14, 12), true));
        _data.Tasks.Add(new AssignedTask("t2", "agent-a", "regie-son", null, "Brouillon", CalendarFakes.Paris(7, 15, 8), CalendarFakes.Paris(7, 15, 12), false));
        _data.Tasks.Add(new AssignedTask("t3", "agent-c", "voirie", null, "Barrières", CalendarFakes.Paris(7, 14, 6), CalendarFakes.Paris(7, 14, 7), true));
        var (path, _, _) = await CreateTokenAsync(_app.ClientAs("Technician", "tech-regie", ["regie-son"]), "crew", "regie-son");
        var calendar = await ReadCalendarAsync(await _app.Anonymous().GetAsync(Uri(path)));
        var task = Assert.Single(calendar.Events);
        Assert.Equal("Montage scène", task.Summary);
        Assert.Contains("2 agents affectés", task.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_feed_lists_the_owners_milestones_as_whole_days()
    {
        _data.Milestones.Add(new MilestoneSummary("m1", "feu-14-juillet", "Arrêté préfectoral", "agent-1", new DateOnly(2027, 6, 1), "late", 2, CalendarFakes.Modified));
        _data.Milestones.Add(new MilestoneSummary("m2", "feu-14-juillet", "Commande artificier", "agent-2", new DateOnly(2027, 5, 1), "open", 1, CalendarFakes.Modified));
        var (path, _, _) = await CreateTokenAsync(_app.ClientAs("Agent", "agent-1", ["agent-1"]), "plan", "agent-1");
        var milestone = Assert.Single((await ReadCalendarAsync(await _app.Anonymous().GetAsync(Uri(path)))).Events);
        Assert.Equal("Jalon : Arrêté préfectoral", milestone.Summary);
        Assert.Contains("en retard", milestone.Description, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 2)), (milestone.DtStart!.Date, milestone.DtEnd!.Date));
    }

    [Fact]
    public async Task Tokens_are_listed_to_their_creator_and_revoked_with_If_Match()
    {
        var organiser = _app.ClientAs("Organiser", "org-snat");
        var (path, id, etag) = await CreateTokenAsync(organiser, "organiser", "org-snat");
        await CreateTokenAsync(_app.ClientAs("Organiser", "org-commercants"), "organiser", "org-commercants");

        var mine = await (await organiser.GetAsync(Uri("/api/seasons/2027/calendar-tokens"))).ReadAsync<JsonElement>();
        var listed = Assert.Single(mine.EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(path.Split('/')[^1].Replace(".ics", string.Empty, StringComparison.Ordinal), mine.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, (await (await _app.ClientAs("ProjectCell", "cellule").GetAsync(Uri("/api/seasons/2027/calendar-tokens"))).ReadAsync<JsonElement>()).GetArrayLength());

        await (await _app.ClientAs("Organiser", "org-commercants").DeleteAsync(Uri($"/api/seasons/2027/calendar-tokens/{id}"))).AssertProblemAsync(403);
        await (await organiser.DeleteAsync(Uri($"/api/seasons/2027/calendar-tokens/{id}"))).AssertProblemAsync(428);
        await (await organiser.DeleteAsync(Uri($"/api/seasons/2027/calendar-tokens/{new string('0', 64)}"))).AssertProblemAsync(404);
        using (var stale = new HttpRequestMessage(HttpMethod.Delete, Uri($"/api/seasons/2027/calendar-tokens/{id}")))
        {
            stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"stale\""));
            await (await organiser.SendAsync(stale)).AssertProblemAsync(412);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync(Uri(path))).StatusCode);
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, Uri($"/api/seasons/2027/calendar-tokens/{id}"));
        revoke.Headers.TryAddWithoutValidation("If-Match", etag);
        var revoked = await organiser.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotNull((await revoked.ReadAsync<JsonElement>()).GetProperty("revokedAt").GetString());
        await (await _app.Anonymous().GetAsync(Uri(path))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Two_revocations_racing_on_one_ETag_one_wins()
    {
        var cell = _app.ClientAs("ProjectCell", "cellule");
        var (_, id, etag) = await CreateTokenAsync(cell, "organiser", "org-snat");
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, Uri($"/api/seasons/2027/calendar-tokens/{id}"));
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return await cell.SendAsync(request);
        }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_the_hash_of_a_secret_is_stored_and_the_audit_never_holds_it()
    {
        var (path, id, _) = await CreateTokenAsync(_app.ClientAs("ProjectCell", "cellule"), "organiser", "org-snat");
        var secret = path.Split('/')[^1][..^4];
        Assert.Equal(Saison.Application.Calendars.FeedTokens.HashOf(secret), id);
        var audit = _app.Services.GetRequiredService<Saison.Application.Auditing.AuditTrail>();
        var entries = await audit.ListAsync(Saison.Application.Auditing.AuditTrail.PartitionOf(_app.Clock.GetUtcNow()));
        var entry = Assert.Single(entries, e => e.Action == "calendarToken.create");
        Assert.DoesNotContain(secret, entry.After!, StringComparison.Ordinal);
    }
}
