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

        // Read back by Ical.Net, the library the app reads with: every field as written.
        var read = Ical.Net.Calendar.Load(text.ToString())!;
        Assert.Equal(properties.ProductId, read.ProductId);
        Assert.Equal(properties.Name, read.Properties["X-WR-CALNAME"]!.Value);
        Assert.Equal(properties.Description, read.Properties["X-WR-CALDESC"]!.Value);
        Assert.Equal("Europe/Paris", Assert.Single(read.TimeZones).TzId);
        Assert.Equal(events.Length, read.Events.Count);
        foreach (var (written, got) in events.Zip(read.Events))
        {
            Assert.Equal(written.Uid, got.Uid);
            Assert.Equal(written.Summary, got.Summary);
            Assert.Equal(written.Description, got.Description);
            Assert.Equal(written.Location, got.Location);
            Assert.Equal(written.Categories, got.Categories);
            Assert.Equal(written.Sequence, got.Sequence);
            Assert.Equal(written.Stamp, new DateTimeOffset(got.DtStamp!.AsUtc, TimeSpan.Zero));
            Assert.Equal(written.Status?.ToString().ToUpperInvariant(), got.Status);
            Assert.Equal(written.IsAllDay, got.IsAllDay);
            Assert.Equal(written.Start.Value, got.DtStart!.Value);
            Assert.Equal(written.End.Value, got.DtEnd!.Value);
            Assert.Equal(written.Start.TimeZoneId, written.Start.Kind == CalendarTimeKind.Zoned ? got.DtStart.TzId : null);
        }

        // 01:30 is before the change of 28 March 2027, 04:00 after it.
        Assert.Equal(new DateTime(2027, 3, 28, 0, 30, 0), read.Events[0]!.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2027, 3, 28, 2, 0, 0), read.Events[0]!.DtEnd!.AsUtc);
        Assert.Equal(7, read.Events[2]!.GetOccurrences().Count());
    }
}
