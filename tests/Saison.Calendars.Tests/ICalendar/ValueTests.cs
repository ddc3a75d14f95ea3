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
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), TextValue.Unescape(escaped));
    }

    [Fact]
    public void Unescape_reads_uppercase_N_as_a_line_break()
    {
        Assert.Equal("a\nb", TextValue.Unescape("a\\Nb"));
    }

    [Fact]
    public void Lists_split_on_unescaped_commas_only()
    {
        Assert.Equal(["Plage, bord de mer", "Fête"], TextValue.UnescapeList(TextValue.EscapeList(["Plage, bord de mer", "Fête"])));
    }
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
        Assert.Equal(duration, DurationValue.Parse(text, 1));
        Assert.Equal(text, DurationValue.Format(duration));
    }

    [Fact]
    public void Negative_durations_are_read()
    {
        Assert.Equal(TimeSpan.FromMinutes(-15), DurationValue.Parse("-PT15M", 1));
    }
}

public class UtcOffsetValueTests
{
    [Theory]
    [InlineData("+0100", 60)]
    [InlineData("-0530", -330)]
    [InlineData("+0000", 0)]
    public void Round_trips(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), UtcOffsetValue.Parse(text, 1));
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

    [Fact]
    public void Parses_by_value_type_and_shape()
    {
        Assert.True(CalendarTime.Parse("20270714", null, null, 1).IsDate);
        Assert.Equal(CalendarTimeKind.Utc, CalendarTime.Parse("20270714T193000Z", null, "Europe/Paris", 1).Kind);
        Assert.Equal(CalendarTimeKind.Zoned, CalendarTime.Parse("20270714T213000", null, "Europe/Paris", 1).Kind);
        Assert.Equal(CalendarTimeKind.Floating, CalendarTime.Parse("20270714T213000", null, null, 1).Kind);
    }
}

public class RecurrenceRuleTests
{
    [Theory]
    [InlineData("FREQ=WEEKLY;COUNT=8;BYDAY=FR")]
    [InlineData("FREQ=DAILY;UNTIL=20270831T220000Z;INTERVAL=2")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1,-1;WKST=MO")]
    public void Format_is_the_parsed_text(string text)
    {
        Assert.Equal(text, RecurrenceRule.Parse(text, 1).Format());
    }

    [Fact]
    public void Weekly_by_day_from_RFC_5545_example_every_tuesday_and_thursday_for_five_weeks()
    {
        // RFC 5545 §3.8.5.3: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH" from 1997-09-02.
        var rule = RecurrenceRule.Parse("FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", 1);
        var days = rule.Occurrences(new DateTime(1997, 9, 2, 9, 0, 0), new DateTime(1998, 1, 1)).Select(d => d.Day).ToList();
        Assert.Equal([2, 4, 9, 11, 16, 18, 23, 25, 30, 2], days);
    }

    [Fact]
    public void Yearly_last_sunday_of_march()
    {
        var rule = RecurrenceRule.Parse("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", 1);
        var starts = rule.Occurrences(new DateTime(2026, 3, 29, 2, 0, 0), new DateTime(2028, 12, 31)).ToList();
        Assert.Equal([new DateTime(2026, 3, 29, 2, 0, 0), new DateTime(2027, 3, 28, 2, 0, 0), new DateTime(2028, 3, 26, 2, 0, 0)], starts);
    }

    [Fact]
    public void Daily_with_count_stops()
    {
        var rule = new RecurrenceRule(RecurrenceFrequency.Daily, interval: 2, count: 3);
        Assert.Equal(3, rule.Occurrences(new DateTime(2027, 7, 1), DateTime.MaxValue.AddYears(-1)).Count());
    }
}
