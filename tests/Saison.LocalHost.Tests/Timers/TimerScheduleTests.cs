using Saison.LocalHost.Timers;

namespace Saison.LocalHost.Tests.Timers;

/// <summary>Schedules read as the Functions host reads them: NCRONTAB (NCrontab) in UTC, or an interval.</summary>
public sealed class TimerScheduleTests
{
    private static TimerSchedule Parse(string schedule, Func<string, string?>? settings = null) =>
        TimerSchedule.Parse(schedule, settings ?? (_ => null));

    [Fact]
    public void Six_fields_0_0_5_6_fire_at_five_and_six_UTC_whatever_the_local_offset()
    {
        var schedule = Parse("0 0 5,6 * * *");

        // 28 March 2027 is the night Paris moves to summer time; the schedule does not move with it.
        var first = schedule.Next(new DateTimeOffset(2027, 3, 28, 3, 30, 0, TimeSpan.FromHours(2)));
        var second = schedule.Next(first);
        var third = schedule.Next(second);

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 5, 0, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 6, 0, 0, TimeSpan.Zero), second);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 5, 0, 0, TimeSpan.Zero), third);
        Assert.Equal(TimeSpan.Zero, first.Offset);
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after_the_given_instant()
    {
        var fiveOclock = new DateTimeOffset(2027, 7, 14, 5, 0, 0, TimeSpan.Zero);
        Assert.Equal(fiveOclock.AddHours(1), Parse("0 0 5,6 * * *").Next(fiveOclock));
    }

    [Fact]
    public void Five_fields_have_no_seconds()
    {
        var next = Parse("*/15 * * * *").Next(new DateTimeOffset(2027, 7, 14, 10, 7, 30, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2027, 7, 14, 10, 15, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void An_interval_fires_that_long_after()
    {
        var now = new DateTimeOffset(2027, 7, 14, 10, 7, 30, TimeSpan.Zero);
        Assert.Equal(now.AddMinutes(5), Parse("00:05:00").Next(now));
    }

    [Fact]
    public void A_percent_name_reads_the_schedule_from_the_settings()
    {
        var schedule = Parse("%MorningSchedule%", name => name == "MorningSchedule" ? "0 30 4 * * *" : null);
        Assert.Equal("0 30 4 * * *", schedule.Expression);
        Assert.Throws<FormatException>(() => Parse("%Missing%"));
    }

    [Theory]
    [InlineData("0 0 5 * * 7")] // NCrontab, like the Functions host, knows Sunday as 0 only.
    [InlineData("0 0 25 * * *")]
    [InlineData("every morning")]
    [InlineData("0 0 5 * *  * *")]
    public void What_the_Functions_host_rejects_is_rejected(string schedule)
    {
        Assert.Throws<FormatException>(() => Parse(schedule));
    }
}
