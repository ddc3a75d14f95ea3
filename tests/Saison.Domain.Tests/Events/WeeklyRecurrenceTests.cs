using Saison.Domain.Events;

namespace Saison.Domain.Tests.Events;

public sealed class WeeklyRecurrenceTests
{
    private static readonly EventSchedule FirstThursday = new(new DateTime(2027, 7, 1, 19, 30, 0), new DateTime(2027, 7, 1, 23, 0, 0), allDay: false);

    [Fact]
    public void Expand_every_Thursday_of_July_and_August_minus_exceptions()
    {
        var rule = new WeeklyRecurrence([DayOfWeek.Thursday], new DateOnly(2027, 8, 26), null, [new DateOnly(2027, 7, 15)]);
        var occurrences = rule.Expand(FirstThursday);
        Assert.Equal(8, occurrences.Count);
        Assert.DoesNotContain(occurrences, o => o.FirstDay == new DateOnly(2027, 7, 15));
        Assert.All(occurrences, o => Assert.Equal(new TimeOnly(19, 30), TimeOnly.FromDateTime(o.Start)));
        Assert.Equal(new DateOnly(2027, 8, 26), occurrences[^1].FirstDay);
    }

    [Fact]
    public void Count_counts_before_exceptions_are_removed()
    {
        var rule = new WeeklyRecurrence([DayOfWeek.Thursday], null, 4, [new DateOnly(2027, 7, 8)]);
        Assert.Equal([new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 15), new DateOnly(2027, 7, 22)], rule.Expand(FirstThursday).Select(o => o.FirstDay));
    }

    [Fact]
    public void Several_days_and_an_interval()
    {
        var rule = new WeeklyRecurrence([DayOfWeek.Saturday, DayOfWeek.Thursday], new DateOnly(2027, 7, 31), null, interval: 2);
        Assert.Equal(
            [new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 3), new DateOnly(2027, 7, 15), new DateOnly(2027, 7, 17), new DateOnly(2027, 7, 29), new DateOnly(2027, 7, 31)],
            rule.Expand(FirstThursday).Select(o => o.FirstDay));
        Assert.Equal("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,SA;UNTIL=20270731", rule.ToRRule());
    }

    [Fact]
    public void CheckShape_needs_days_and_exactly_one_bound()
    {
        Assert.Contains(WeeklyRecurrence.CheckShape([], new DateOnly(2027, 8, 1), null, 1).Reasons, r => r.Code == "recurrence-no-days");
        Assert.Contains(WeeklyRecurrence.CheckShape([DayOfWeek.Monday], null, null, 1).Reasons, r => r.Code == "recurrence-unbounded");
        Assert.Contains(WeeklyRecurrence.CheckShape([DayOfWeek.Monday], new DateOnly(2027, 8, 1), 3, 1).Reasons, r => r.Code == "recurrence-unbounded");
    }

    [Fact]
    public void CheckAgainst_refuses_a_start_off_the_days_and_unknown_exceptions()
    {
        var onFriday = new WeeklyRecurrence([DayOfWeek.Friday], new DateOnly(2027, 8, 27), null);
        Assert.Equal("recurrence-start-day", onFriday.CheckAgainst(FirstThursday).Reasons[0].Code);
        var wrongException = new WeeklyRecurrence([DayOfWeek.Thursday], new DateOnly(2027, 8, 26), null, [new DateOnly(2027, 7, 16)]);
        Assert.Equal("recurrence-exception-unknown", wrongException.CheckAgainst(FirstThursday).Reasons[0].Code);
    }
}
