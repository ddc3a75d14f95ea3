using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class IcsReaderTests
{
    [Fact]
    public void Reads_the_RFC_5545_meeting_example_with_its_VTIMEZONE()
    {
        var calendar = Fixture.Read("rfc5545-new-york.ics");
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal("guid-1.example.com", meeting.Uid);
        Assert.Equal("XYZ Project Review", meeting.Summary);
        Assert.Equal("1CP Conference Room 4350", meeting.Location);
        Assert.Equal(["MEETING"], meeting.Categories);
        Assert.Equal("America/New_York", meeting.Start.TimeZoneId);
        Assert.Equal(new DateTimeOffset(1998, 3, 12, 8, 30, 0, TimeSpan.FromHours(-5)), calendar.ToInstant(meeting.Start));
        Assert.Equal(new DateTimeOffset(1998, 3, 9, 23, 10, 0, TimeSpan.Zero), meeting.Stamp);
    }

    [Fact]
    public void Resolves_a_quoted_custom_TZID_through_its_recurring_VTIMEZONE_rules()
    {
        var calendar = Fixture.Read("rfc5545-rrule-timezone.ics");
        var summer = calendar.Events.Single(e => e.Uid == "summer-meeting@example.com");
        var winter = calendar.Events.Single(e => e.Uid == "winter-meeting@example.com");
        Assert.Equal(TimeSpan.FromHours(-4), calendar.ToInstant(summer.Start).Offset);
        Assert.Equal(TimeSpan.FromHours(-5), calendar.ToInstant(winter.Start).Offset);
        Assert.Equal(new DateTime(2026, 7, 15, 11, 30, 0), summer.End.Value);
    }

    [Fact]
    public void Reads_a_recurring_event_with_an_exception_date()
    {
        var calendar = Fixture.Read("recurring-with-exception.ics");
        var market = Assert.Single(calendar.Events);
        Assert.Equal("FREQ=WEEKLY;COUNT=8;BYDAY=FR", market.Rule!.Format());
        var exception = Assert.Single(market.ExceptionDates);
        Assert.Equal(new DateTime(2027, 7, 16, 19, 0, 0), exception.Value);
        Assert.Equal(2, market.Sequence);
        var occurrences = market.Rule.Occurrences(market.Start.Value, new DateTime(2027, 12, 31)).Where(o => !market.ExceptionDates.Any(x => x.Value == o)).ToList();
        Assert.Equal(7, occurrences.Count);
        Assert.DoesNotContain(new DateTime(2027, 7, 16, 19, 0, 0), occurrences);
        Assert.Equal(TimeSpan.FromHours(2), calendar.ToInstant(market.Start).Offset);
    }

    [Fact]
    public void Unfolds_and_unescapes_accents_emoji_and_separators()
    {
        var calendar = Fixture.Read("escapes-and-folding.ics");
        Assert.Equal("Agenda de l'été", calendar.Properties.Name);
        var fireworks = Assert.Single(calendar.Events);
        Assert.Equal("Feu d'artifice, bal populaire; et buvette", fireworks.Summary);
        Assert.Equal("Première ligne\nDeuxième ligne avec un antislash \\ et deux-points : ici. Été à Saint-Nazaire 🎆 et 🎉 sur la plage de Saint-Nazaire — fête !", fireworks.Description);
        Assert.Equal(["Fête nationale", "Plage, bord de mer"], fireworks.Categories);
        Assert.True(fireworks.IsAllDay);
        Assert.Equal(new DateOnly(2027, 7, 15), fireworks.End.Date);
    }

    [Theory]
    [InlineData("empty.ics", 1, "'BEGIN:VCALENDAR'")]
    [InlineData("missing-begin.ics", 1, "'BEGIN:VCALENDAR'")]
    [InlineData("continuation-first.ics", 1, "a property name (a continuation line")]
    [InlineData("missing-colon.ics", 3, "':' after 'VERSION'")]
    [InlineData("bad-property-name.ics", 3, "a property name")]
    [InlineData("unterminated-quote.ics", 5, "a closing '\"' for parameter 'TZID'")]
    [InlineData("parameter-without-equals.ics", 5, "'=' after parameter 'VALUE'")]
    [InlineData("mismatched-end.ics", 6, "'END:VEVENT'")]
    [InlineData("unexpected-eof.ics", 3, "'END:VEVENT' for the BEGIN on this line")]
    [InlineData("missing-end-calendar.ics", 2, "'END:VCALENDAR'")]
    [InlineData("bad-date-time.ics", 6, "a DATE-TIME")]
    [InlineData("bad-date.ics", 5, "a DATE (yyyyMMdd)")]
    [InlineData("unknown-tzid.ics", 5, "a VTIMEZONE or a known time zone for TZID 'Atlantis/Lost_City'")]
    [InlineData("rrule-without-freq.ics", 6, "FREQ in the RRULE")]
    [InlineData("rrule-bad-byday.ics", 6, "a BYDAY weekday")]
    [InlineData("rrule-count-and-until.ics", 6, "COUNT or UNTIL in the RRULE, not both")]
    [InlineData("missing-uid.ics", 5, "a UID in the VEVENT")]
    [InlineData("missing-dtstart.ics", 5, "a DTSTART in VEVENT 'a'")]
    [InlineData("bad-duration.ics", 6, "a DURATION")]
    [InlineData("bad-utc-offset.ics", 7, "a UTC offset")]
    [InlineData("bad-sequence.ics", 6, "a non-negative integer for SEQUENCE")]
    [InlineData("bad-status.ics", 6, "STATUS TENTATIVE, CONFIRMED or CANCELLED")]
    [InlineData("end-before-start.ics", 7, "a DTEND of the same type as DTSTART and after it")]
    [InlineData("missing-prodid.ics", 1, "a PRODID")]
    [InlineData("timezone-without-offsets.ics", 5, "DTSTART, TZOFFSETFROM and TZOFFSETTO")]
    [InlineData("dtstamp-not-utc.ics", 5, "a UTC DATE-TIME (ending in Z) for DTSTAMP")]
    public void Malformed_input_is_reported_with_its_line_and_what_was_expected(string file, int line, string expected)
    {
        var error = Assert.Throws<IcsFormatException>(() => Fixture.Read(Path.Combine("errors", file)));
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Error.Expected, StringComparison.Ordinal);
        Assert.StartsWith($"Line {line}: expected ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_gives_the_error_as_a_value()
    {
        using var reader = new StreamReader(Fixture.Path(Path.Combine("errors", "missing-uid.ics")));
        Assert.False(IcsReader.TryRead(reader, out var calendar, out var error));
        Assert.Null(calendar);
        Assert.Equal(5, error!.Line);
    }

    [Fact]
    public void Every_error_fixture_is_covered_by_a_test()
    {
        var covered = typeof(IcsReaderTests).GetMethod(nameof(Malformed_input_is_reported_with_its_line_and_what_was_expected))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).ToHashSet();
        var files = Directory.GetFiles(Fixture.Path("errors"), "*.ics").Select(Path.GetFileName).ToHashSet();
        Assert.Equal(files.Order(), covered.Order());
    }
}
