using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class TextValueTests
{
    [Theory]
    [InlineData("Feu d'artifice, bal; buvette", "Feu d'artifice\\, bal\\; buvette")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("ligne 1\nligne 2", "ligne 1\\nligne 2")]
    [InlineData("ligne 1\r\nligne 2", "ligne 1\\nligne 2")]
    [InlineData("Heure : 21h30", "Heure : 21h30")]
    public void Escape_follows_RFC_5545_3_3_11(string text, string escaped)
    {
        Assert.Equal(escaped, TextValue.Escape(text));
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), Ical(escaped, []).Summary);
    }

    [Fact]
    public void Lists_split_on_unescaped_commas_only_when_Ical_Net_reads_them()
    {
        Assert.Equal(["Plage, bord de mer", "Fête"], Ical("x", ["Plage, bord de mer", "Fête"]).Categories);
    }

    /// <summary>A one-event calendar with this escaped SUMMARY and these categories, read by Ical.Net.</summary>
    private static Ical.Net.CalendarComponents.CalendarEvent Ical(string escapedSummary, string[] categories) =>
        global::Ical.Net.Calendar.Load(
            "BEGIN:VCALENDAR\r\nPRODID:x\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270714\r\n"
            + "SUMMARY:" + escapedSummary + "\r\n" + (categories.Length > 0 ? "CATEGORIES:" + TextValue.EscapeList(categories) + "\r\n" : string.Empty)
            + "END:VEVENT\r\nEND:VCALENDAR\r\n")!.Events.Single();
}

public class DurationValueTests
{
    [Theory]
    [InlineData("PT12H", 0, 12, 0)]
    [InlineData("P1D", 1, 0, 0)]
    [InlineData("P1W", 7, 0, 0)]
    [InlineData("P1DT2H30M", 1, 2, 30)]
    public void Round_trips(string text, int days, int hours, int minutes)
    {
        var duration = new TimeSpan(days, hours, minutes, 0);
        Assert.Equal(text, DurationValue.Format(duration));
        Assert.Equal(duration, global::Ical.Net.DataTypes.Duration.Parse(DurationValue.Format(duration))!.Value.ToTimeSpanUnspecified());
    }

    [Fact]
    public void Negative_durations_are_written_with_their_sign()
    {
        Assert.Equal("-PT15M", DurationValue.Format(TimeSpan.FromMinutes(-15)));
    }
}

public class UtcOffsetValueTests
{
    [Theory]
    [InlineData("+0100", 60)]
    [InlineData("-0530", -330)]
    [InlineData("+0000", 0)]
    public void Formats(string text, int minutes)
    {
        Assert.Equal(text, UtcOffsetValue.Format(TimeSpan.FromMinutes(minutes)));
    }
}

public class CalendarTimeTests
{
    [Fact]
    public void Formats_the_three_forms()
    {
        Assert.Equal("20270714", CalendarTime.FromDate(new DateOnly(2027, 7, 14)).Format());
        Assert.Equal("20270714T213000", CalendarTime.Zoned(new DateTime(2027, 7, 14, 21, 30, 0), "Europe/Paris").Format());
        Assert.Equal("20270714T193000Z", CalendarTime.Utc(new DateTimeOffset(2027, 7, 14, 21, 30, 0, TimeSpan.FromHours(2))).Format());
    }
}

public class RecurrenceRuleTests
{
    [Fact]
    public void Format_writes_the_parts_in_a_stable_order()
    {
        Assert.Equal("FREQ=WEEKLY;COUNT=8;BYDAY=FR", new RecurrenceRule(RecurrenceFrequency.Weekly, count: 8, byDay: [new WeekdayNumber(DayOfWeek.Friday)]).Format());
        Assert.Equal("FREQ=DAILY;UNTIL=20270831T220000Z;INTERVAL=2", new RecurrenceRule(RecurrenceFrequency.Daily, 2, until: CalendarTime.Utc(new DateTimeOffset(2027, 8, 31, 22, 0, 0, TimeSpan.Zero))).Format());
        Assert.Equal("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", new RecurrenceRule(RecurrenceFrequency.Yearly, byDay: [new WeekdayNumber(DayOfWeek.Sunday, -1)], byMonth: [3]).Format());
        Assert.Equal("FREQ=MONTHLY;BYMONTHDAY=1,-1;WKST=MO", new RecurrenceRule(RecurrenceFrequency.Monthly, byMonthDay: [1, -1], weekStart: DayOfWeek.Monday).Format());
    }

    [Fact]
    public void What_we_write_Ical_Net_expands_as_RFC_5545_example_every_tuesday_and_thursday_for_five_weeks()
    {
        // RFC 5545 §3.8.5.3: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH" from 1997-09-02 09:00 New York.
        var rule = new RecurrenceRule(RecurrenceFrequency.Weekly, until: CalendarTime.Utc(new DateTimeOffset(1997, 10, 7, 0, 0, 0, TimeSpan.Zero)),
            byDay: [new WeekdayNumber(DayOfWeek.Tuesday), new WeekdayNumber(DayOfWeek.Thursday)], weekStart: DayOfWeek.Sunday);
        var vevent = new global::Ical.Net.CalendarComponents.CalendarEvent
        {
            DtStart = new global::Ical.Net.DataTypes.CalDateTime(1997, 9, 2, 9, 0, 0, "America/New_York"),
            RecurrenceRule = new global::Ical.Net.DataTypes.RecurrenceRule(rule.Format()),
        };
        Assert.Equal([2, 4, 9, 11, 16, 18, 23, 25, 30, 2], vevent.GetOccurrences().Select(o => o.Period.StartTime.Day));
    }
}
