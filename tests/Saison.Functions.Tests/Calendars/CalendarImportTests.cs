using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Calendars;

public sealed class CalendarImportTests : IDisposable
{
    private readonly CalendarFakes _data = new();
    private readonly SaisonApp _app;

    public CalendarImportTests()
    {
        _data.Events.Add(CalendarFakes.Event("feu-14-juillet", "Feu d'artifice", CalendarFakes.Paris(7, 14, 22, 30), CalendarFakes.Paris(7, 14, 23, 30)));
        _app = CalendarFakes.CreateApp(_data);
    }

    public void Dispose() => _app.Dispose();

    private static Uri Preview(int season = 2027) => new($"/api/seasons/{season}/calendars/import-preview", UriKind.Relative);

    private static StringContent Ics(string body) =>
        new(body.Replace("\n", "\r\n", StringComparison.Ordinal), Encoding.UTF8, new MediaTypeHeaderValue("text/calendar"));

    private const string Programme = """
        BEGIN:VCALENDAR
        PRODID:-//Association des Régates//FR
        VERSION:2.0
        BEGIN:VEVENT
        UID:regate-1@regates.example
        DTSTAMP:20270301T080000Z
        DTSTART:20270710T140000
        DTEND:20270710T180000
        SUMMARY:Régate des voiliers
        LOCATION:Port de Saint-Nazaire
        END:VEVENT
        BEGIN:VEVENT
        UID:initiation@regates.example
        DTSTAMP:20270301T080000Z
        DTSTART;TZID=Europe/Paris:20270707T100000
        DTEND;TZID=Europe/Paris:20270707T120000
        RRULE:FREQ=WEEKLY;COUNT=4
        EXDATE;TZID=Europe/Paris:20270714T100000
        SUMMARY:Initiation à la voile
        END:VEVENT
        BEGIN:VEVENT
        UID:regate-1@regates.example
        DTSTAMP:20270301T080000Z
        DTSTART:20270710T140000
        DTEND:20270710T180000
        SUMMARY:Régate des voiliers (doublon)
        END:VEVENT
        BEGIN:VEVENT
        UID:feu-14-juillet.2027.agenda@saison
        DTSTAMP:20270301T080000Z
        DTSTART;VALUE=DATE:20270714
        SUMMARY:Feu d'artifice (de l'agenda de Saison)
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public async Task Programme_is_read_into_proposed_events_with_duplicates_recognised_by_UID()
    {
        var response = await _app.ClientAs("Organiser", "org-regates").PostAsync(Preview(), Ics(Programme));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.ReadAsync<JsonElement>();
        var proposed = preview.GetProperty("proposed").EnumerateArray().ToList();
        Assert.Equal(["Régate des voiliers", "Initiation à la voile"], proposed.Select(p => p.GetProperty("title").GetString()));
        Assert.Equal("2027-07-10T14:00:00+02:00", proposed[0].GetProperty("start").GetString());
        Assert.Equal(3, proposed[1].GetProperty("occurrences").GetArrayLength());

        var duplicates = preview.GetProperty("duplicates").EnumerateArray().ToList();
        Assert.Equal(["regate-1@regates.example", "feu-14-juillet"], duplicates.Select(d => d.GetProperty("duplicateOf").GetString()));
    }

    [Fact]
    public async Task A_malformed_programme_is_refused_in_French_with_its_line()
    {
        var response = await _app.ClientAs("Organiser", "org-regates").PostAsync(Preview(), Ics("BEGIN:VCALENDAR\nPRODID:x\nBEGIN:VEVENT\nUID:a\nDTSTART 20270710\nEND:VEVENT\nEND:VCALENDAR\n"));
        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("ics", problem.GetProperty("field").GetString());
        Assert.Contains("Ligne 5 : ligne illisible « DTSTART 20270710 »", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static StringContent Fixture(string name) =>
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clients", name)), Encoding.UTF8, new MediaTypeHeaderValue("text/calendar"));

    /// <summary>Uploads a client's file; every VEVENT of it must be proposed, none refused.</summary>
    private async Task<List<JsonElement>> ProposedFromAsync(string fixture)
    {
        var response = await _app.ClientAs("Organiser", "org-regates").PostAsync(Preview(), Fixture(fixture));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.ReadAsync<JsonElement>();
        Assert.Empty(preview.GetProperty("refused").EnumerateArray());
        return [.. preview.GetProperty("proposed").EnumerateArray()];
    }

    [Fact]
    public async Task A_programme_written_by_ical_generator_is_read_with_its_non_UTC_DTSTAMP()
    {
        var proposed = await ProposedFromAsync("ical-generator.ics");
        Assert.Equal(["Régate des voiliers", "Initiation à la voile", "Fête de la mer"], proposed.Select(p => p.GetProperty("title").GetString()));
        Assert.Equal("2027-07-10T14:00:00+02:00", proposed[0].GetProperty("start").GetString());

        // Weekly on Wednesdays until 25 August 08:00 UTC (10:00 in Paris): the last Wednesday is kept, 14 July skipped.
        var lessons = proposed[1].GetProperty("occurrences").EnumerateArray().Select(o => o.GetString()).ToList();
        Assert.Equal(7, lessons.Count);
        Assert.Equal("2027-08-25T10:00:00+02:00", lessons[^1]);
        Assert.DoesNotContain("2027-07-14T10:00:00+02:00", lessons);
        Assert.True(proposed[2].GetProperty("allDay").GetBoolean());
    }

    [Fact]
    public async Task An_Outlook_export_is_read_with_its_Windows_time_zone_and_its_last_thursday()
    {
        var proposed = await ProposedFromAsync("outlook.ics");
        var concerts = proposed.Single(p => p.GetProperty("title").GetString() == "Concert du jeudi");
        Assert.Equal("Base sous-marine", concerts.GetProperty("location").GetString());
        var thursdays = concerts.GetProperty("occurrences").EnumerateArray().Select(o => o.GetString()).ToList();
        Assert.Equal(8, thursdays.Count);
        Assert.Equal("2027-07-01T21:00:00+02:00", thursdays[0]);
        Assert.Equal("2027-08-26T21:00:00+02:00", thursdays[^1]);
        Assert.DoesNotContain("2027-08-05T21:00:00+02:00", thursdays);

        // 02:30 on 31 October happens twice: the first, still in summer time (RFC 5545 §3.3.5).
        var night = proposed.Single(p => p.GetProperty("title").GetString() == "Nuit du changement d'heure");
        Assert.Equal("2027-10-31T02:30:00+02:00", night.GetProperty("start").GetString());
    }

    [Fact]
    public async Task A_broken_event_is_refused_by_name_in_French_while_the_others_are_proposed()
    {
        var response = await _app.ClientAs("Organiser", "org-regates").PostAsync(Preview(), Fixture("one-broken-event.ics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.ReadAsync<JsonElement>();
        Assert.Equal(["Ouverture de la saison nautique", "Clôture de la saison nautique"], preview.GetProperty("proposed").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        var refused = preview.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("reason").GetString()!);
        Assert.Equal("sa règle de récurrence « RRULE:FREQ=FORTNIGHTLY;COUNT=4 » (ligne 16) est invalide.", refused["Balade en mer"]);
        Assert.Equal("il se termine (15/08/2027 21:00) avant de commencer (15/08/2027 23:00).", refused["Nuit des étoiles"]);
    }

    [Fact]
    public async Task Import_refusals()
    {
        var organiser = _app.ClientAs("Organiser", "org-regates");
        await (await organiser.PostAsync(Preview(), new StringContent("{}", Encoding.UTF8, "application/json"))).AssertProblemAsync(415);
        await (await organiser.PostAsync(Preview(2031), Ics(Programme))).AssertProblemAsync(404);
        await (await organiser.PostAsync(Preview(), Ics(new string('x', (1024 * 1024) + 10)))).AssertProblemAsync(413);
        await (await _app.ClientAs("Agent", "agent-1", ["agent-1"]).PostAsync(Preview(), Ics(Programme))).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().PostAsync(Preview(), Ics(Programme))).StatusCode);
    }
}
