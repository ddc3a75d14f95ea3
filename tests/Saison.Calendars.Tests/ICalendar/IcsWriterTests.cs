using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class IcsWriterTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Stamp = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Calendar_header_has_the_required_and_refresh_properties()
    {
        var text = Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId, "Agenda de l'été, Saint-Nazaire", RefreshInterval: TimeSpan.FromHours(12)));
            w.WriteEnd();
        });
        Assert.Equal(
            "BEGIN:VCALENDAR\r\nPRODID:-//Saison//Saison Calendars 1.0//FR\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
            + "X-WR-CALNAME:Agenda de l'été\\, Saint-Nazaire\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\nX-PUBLISHED-TTL:PT12H\r\nEND:VCALENDAR\r\n",
            text);
    }

    [Fact]
    public void Timed_event_is_written_with_TZID_DTSTAMP_in_UTC_and_every_property()
    {
        var zone = CalendarTimeZone.FromSystem(Paris, 2027, 2027);
        var calendarEvent = new CalendarEvent(
            "evt-42@saison",
            Stamp,
            CalendarTime.Zoned(new DateTime(2027, 7, 14, 22, 30, 0), zone.Id),
            CalendarTime.Zoned(new DateTime(2027, 7, 14, 23, 0, 0), zone.Id),
            "Feu d'artifice",
            "Tiré depuis la jetée; prévoir\nune lampe",
            "Plage de Saint-Nazaire, Front de mer",
            ["Fête nationale", "Plage, bord de mer"],
            sequence: 3,
            lastModified: Stamp,
            status: EventStatus.Confirmed);
        var text = Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId));
            w.WriteTimeZone(zone);
            w.WriteEvent(calendarEvent);
            w.WriteEnd();
        });
        Assert.Contains(
            "BEGIN:VEVENT\r\nUID:evt-42@saison\r\nDTSTAMP:20270301T080000Z\r\nDTSTART;TZID=Europe/Paris:20270714T223000\r\nDTEND;TZID=Europe/Paris:20270714T230000\r\n"
            + "SUMMARY:Feu d'artifice\r\nDESCRIPTION:Tiré depuis la jetée\\; prévoir\\nune lampe\r\nLOCATION:Plage de Saint-Nazaire\\, Front de mer\r\n"
            + "CATEGORIES:Fête nationale,Plage\\, bord de mer\r\nSEQUENCE:3\r\nLAST-MODIFIED:20270301T080000Z\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n",
            text,
            StringComparison.Ordinal);
        Assert.True(text.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal) < text.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal));
    }

    [Fact]
    public void All_day_event_has_date_values_with_an_exclusive_end()
    {
        var text = Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId));
            w.WriteEvent(new CalendarEvent("fete@saison", Stamp, CalendarTime.FromDate(new DateOnly(2027, 7, 14)), CalendarTime.FromDate(new DateOnly(2027, 7, 15)), "Fête"));
            w.WriteEnd();
        });
        Assert.Contains("DTSTART;VALUE=DATE:20270714\r\nDTEND;VALUE=DATE:20270715\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_event_says_so()
    {
        var text = Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId));
            w.WriteEvent(new CalendarEvent("x@saison", Stamp, CalendarTime.FromDate(new DateOnly(2027, 7, 14)), CalendarTime.FromDate(new DateOnly(2027, 7, 15)), "Annulé", sequence: 4, status: EventStatus.Cancelled));
            w.WriteEnd();
        });
        Assert.Contains("SEQUENCE:4\r\nSTATUS:CANCELLED\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TZID_without_its_VTIMEZONE_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId));
            w.WriteEvent(new CalendarEvent("x", Stamp, CalendarTime.Zoned(new DateTime(2027, 7, 14, 10, 0, 0), "Europe/Paris"), CalendarTime.Zoned(new DateTime(2027, 7, 14, 11, 0, 0), "Europe/Paris"), "x"));
        }));
    }

    [Fact]
    public void An_event_ending_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CalendarEvent("x", Stamp, CalendarTime.FromDate(new DateOnly(2027, 7, 14)), CalendarTime.FromDate(new DateOnly(2027, 7, 14)), "x"));
    }

    [Fact]
    public void Every_line_ends_with_CRLF_and_fits_75_octets()
    {
        var text = Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId, string.Concat(Enumerable.Repeat("Été 🎆 ", 40))));
            w.WriteEnd();
        });
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75));
    }
}
