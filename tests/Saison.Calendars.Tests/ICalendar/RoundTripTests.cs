using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class RoundTripTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Stamp = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_then_read_gives_the_same_calendar()
    {
        var zone = CalendarTimeZone.FromSystem(Paris, 2027, 2027);
        var properties = new CalendarProperties(CalendarProperties.SaisonProductId, "Agenda de l'été 🎆", "Saint-Nazaire; saison 2027, agenda", TimeSpan.FromHours(6), "PUBLISH", zone.Id);
        CalendarEvent[] events =
        [
            new("a@saison", Stamp, CalendarTime.Zoned(new DateTime(2027, 3, 28, 1, 30, 0), zone.Id), CalendarTime.Zoned(new DateTime(2027, 3, 28, 4, 0, 0), zone.Id),
                "Nuit du changement d'heure", "Ligne 1\nLigne 2 ; \\ , fin", "Quai, Saint-Nazaire", ["Nuit", "Port, quai"], sequence: 5, lastModified: Stamp),
            new("b@saison", Stamp, CalendarTime.FromDate(new DateOnly(2027, 7, 14)), CalendarTime.FromDate(new DateOnly(2027, 7, 16)), "Deux jours", status: EventStatus.Cancelled),
            new("c@saison", Stamp, CalendarTime.Zoned(new DateTime(2027, 7, 2, 19, 0, 0), zone.Id), CalendarTime.Zoned(new DateTime(2027, 7, 2, 23, 0, 0), zone.Id), "Marché",
                rule: new RecurrenceRule(RecurrenceFrequency.Weekly, count: 8, byDay: [new WeekdayNumber(DayOfWeek.Friday)]),
                exceptionDates: [CalendarTime.Zoned(new DateTime(2027, 7, 16, 19, 0, 0), zone.Id)]),
            new("d@saison", Stamp, CalendarTime.Utc(Stamp), CalendarTime.Utc(Stamp.AddHours(1)), string.Concat(Enumerable.Repeat("Très long titre accentué 🎉 ", 10))),
        ];
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        IcsWriter.Write(text, properties, [zone], events);

        var read = IcsReader.Read(text.ToString());
        Assert.Equal(properties, read.Properties);
        Assert.Equal(zone, Assert.Single(read.TimeZones));
        Assert.Equal(events, read.Events);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 4, 0, 0, TimeSpan.FromHours(2)), read.ToInstant(events[0].End));
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.FromHours(1)), read.ToInstant(events[0].Start));
    }

    [Theory]
    [InlineData("rfc5545-new-york.ics")]
    [InlineData("rfc5545-rrule-timezone.ics")]
    [InlineData("recurring-with-exception.ics")]
    [InlineData("escapes-and-folding.ics")]
    public void Read_then_write_then_read_is_stable(string file)
    {
        var first = Fixture.Read(file);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var writer = new IcsWriter(text);
        writer.WriteStart(first.Properties);
        foreach (var zone in first.TimeZones)
        {
            writer.WriteTimeZone(zone);
        }

        var known = first.TimeZones.Select(z => z.Id).ToHashSet();
        foreach (var zoneId in first.Events.Select(e => e.Start.TimeZoneId).OfType<string>().Distinct().Where(z => !known.Contains(z)))
        {
            writer.WriteTimeZone(CalendarTimeZone.FromSystem(TimeZoneInfo.FindSystemTimeZoneById(zoneId), 2027, 2027));
        }

        foreach (var calendarEvent in first.Events)
        {
            writer.WriteEvent(calendarEvent);
        }

        writer.WriteEnd();
        var second = IcsReader.Read(text.ToString());
        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Properties, second.Properties);
    }
}
