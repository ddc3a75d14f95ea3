using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class CalendarTimeZoneTests
{
    // The zone is data in the app (the season's TimeZoneId); the tests name the sample season's.
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void FromSystem_Paris_gives_yearly_rules_on_the_last_sundays_of_march_and_october()
    {
        var zone = CalendarTimeZone.FromSystem(Paris, 2026, 2028);
        Assert.Equal("Europe/Paris", zone.Id);
        var daylight = Assert.Single(zone.Observances, o => o.IsDaylight);
        var standard = Assert.Single(zone.Observances, o => !o.IsDaylight);
        Assert.Equal(new DateTime(2025, 3, 30, 2, 0, 0), daylight.Start);
        Assert.Equal(TimeSpan.FromHours(1), daylight.OffsetFrom);
        Assert.Equal(TimeSpan.FromHours(2), daylight.OffsetTo);
        Assert.Equal("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", daylight.Rule!.Format());
        Assert.Equal(new DateTime(2025, 10, 26, 3, 0, 0), standard.Start);
        Assert.Equal("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", standard.Rule!.Format());
    }

    [Fact]
    public void Offsets_from_the_VTIMEZONE_equal_the_system_zone_every_hour_of_the_years_covered()
    {
        var zone = CalendarTimeZone.FromSystem(Paris, 2027, 2027);
        for (var utc = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc.Year == 2027; utc = utc.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, Paris);
            if (Paris.IsAmbiguousTime(local))
            {
                continue;
            }

            Assert.Equal(Paris.GetUtcOffset(utc), OffsetAt(zone, local));
        }
    }

    [Theory]
    [InlineData(2027, 3, 28, 1, 59, 1)]
    [InlineData(2027, 3, 28, 3, 0, 2)]
    [InlineData(2027, 10, 31, 1, 59, 2)]
    [InlineData(2027, 10, 31, 3, 0, 1)]
    public void Offsets_either_side_of_the_DST_transitions(int year, int month, int day, int hour, int minute, int offsetHours)
    {
        var zone = CalendarTimeZone.FromSystem(Paris, 2027, 2027);
        Assert.Equal(TimeSpan.FromHours(offsetHours), OffsetAt(zone, new DateTime(year, month, day, hour, minute, 0)));
    }

    /// <summary>
    /// The offset the written VTIMEZONE gives at a wall-clock time, its observances' RRULEs expanded by
    /// Ical.Net (RFC 5545 §3.6.5: the latest onset at or before the time wins).
    /// </summary>
    private static TimeSpan OffsetAt(CalendarTimeZone zone, DateTime local)
    {
        var onsets = zone.Observances.SelectMany(o => Onsets(o, local).Select(onset => (onset, o.OffsetTo)));
        return onsets.Where(x => x.onset <= local).MaxBy(x => x.onset).OffsetTo;
    }

    private static IEnumerable<DateTime> Onsets(TimeZoneObservance observance, DateTime limit)
    {
        if (observance.Rule is null)
        {
            return [observance.Start];
        }

        var vevent = new Ical.Net.CalendarComponents.CalendarEvent
        {
            DtStart = new Ical.Net.DataTypes.CalDateTime(observance.Start, null, true),
            RecurrenceRule = new Ical.Net.DataTypes.RecurrenceRule(observance.Rule.Format()),
        };
        return vevent.GetOccurrences().Select(o => o.Period.StartTime.Value).TakeWhile(o => o <= limit);
    }

    [Fact]
    public void A_zone_without_DST_has_one_standard_observance()
    {
        var zone = CalendarTimeZone.FromSystem(TimeZoneInfo.Utc, 2027, 2027);
        var only = Assert.Single(zone.Observances);
        Assert.False(only.IsDaylight);
        Assert.Equal(TimeSpan.Zero, only.OffsetTo);
    }

    [Fact]
    public void Written_VTIMEZONE_has_the_transitions_and_reads_back_equal()
    {
        var zone = CalendarTimeZone.FromSystem(Paris, 2027, 2027);
        var text = Fixture.Write(w =>
        {
            w.WriteStart(new CalendarProperties(CalendarProperties.SaisonProductId));
            w.WriteTimeZone(zone);
            w.WriteEnd();
        });
        Assert.Contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD", text, StringComparison.Ordinal);
        var read = Assert.Single(Ical.Net.Calendar.Load(text)!.TimeZones);
        Assert.Equal("Europe/Paris", read.TzId);
        Assert.Equal(2, read.Children.Count());
    }
}
