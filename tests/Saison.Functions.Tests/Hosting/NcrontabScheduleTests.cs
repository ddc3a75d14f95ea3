using Saison.Functions.Hosting;

namespace Saison.Functions.Tests.Hosting;

/// <summary>The examples of the Azure Functions timer trigger documentation, and DST in Europe/Paris.</summary>
public sealed class NcrontabScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("0 */5 * * * *", "2027-07-14T10:03:20", "2027-07-14T10:05:00")] // once every five minutes
    [InlineData("0 0 * * * *", "2027-07-14T10:03:20", "2027-07-14T11:00:00")] // once at the top of every hour
    [InlineData("0 0 */2 * * *", "2027-07-14T10:03:20", "2027-07-14T12:00:00")] // once every two hours
    [InlineData("0 0 9-17 * * *", "2027-07-14T17:30:00", "2027-07-15T09:00:00")] // every hour from 9 AM to 5 PM
    [InlineData("0 30 9 * * *", "2027-07-14T09:30:00", "2027-07-15T09:30:00")] // at 9:30 AM every day
    [InlineData("0 30 9 * * 1-5", "2027-07-16T10:00:00", "2027-07-19T09:30:00")] // at 9:30 AM every weekday (Fri → Mon)
    [InlineData("0 30 9 * Jan Mon", "2027-01-25T10:00:00", "2028-01-03T09:30:00")] // at 9:30 AM every Monday in January
    [InlineData("*/15 * * * * *", "2027-07-14T10:00:59", "2027-07-14T10:01:00")] // every 15 seconds
    [InlineData("0 0 0 29 2 *", "2027-03-01T00:00:00", "2028-02-29T00:00:00")] // leap day
    [InlineData("0 0 8 * * sun", "2027-07-14T09:00:00", "2027-07-18T08:00:00")]
    [InlineData("0 0 8 * * 7", "2027-07-14T09:00:00", "2027-07-18T08:00:00")] // 7 is Sunday too
    [InlineData("0 0 6 1,15 * *", "2027-07-02T00:00:00", "2027-07-15T06:00:00")]
    [InlineData("0 0 12 * 6-8/2 *", "2027-07-02T00:00:00", "2027-08-01T12:00:00")]
    public void NextAfter_documented_examples(string expression, string after, string expected)
    {
        var schedule = NcrontabSchedule.Parse(expression);
        var next = schedule.NextAfter(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Theory]
    [InlineData("", "vide")]
    [InlineData("0 */5 * * *", "5 champs")]
    [InlineData("60 * * * * *", "seconde")]
    [InlineData("0 0 24 * * *", "heure")]
    [InlineData("0 0 0 0 * *", "jour du mois")]
    [InlineData("0 0 0 * 13 *", "mois")]
    [InlineData("0 0 0 * * 8", "jour de la semaine")]
    [InlineData("0 */0 * * * *", "pas")]
    [InlineData("0 0 0 * Foo *", "Foo")]
    [InlineData("0 0 10-2 * * *", "intervalle")]
    public void TryParse_refuses_with_a_french_reason(string expression, string expectedFragment)
    {
        var result = NcrontabSchedule.TryParse(expression);
        Assert.False(result.IsSuccess);
        Assert.Contains(expectedFragment, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NextOccurrence_in_utc_ignores_paris_daylight_saving()
    {
        var schedule = NcrontabSchedule.Parse("0 0 5 * * *");
        var next = schedule.NextOccurrence(new DateTimeOffset(2027, 3, 27, 6, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 5, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextOccurrence_skips_a_local_time_that_spring_forward_removes()
    {
        // 28 March 2027: clocks go from 02:00 to 03:00 in Paris; 02:30 does not exist that day.
        var schedule = NcrontabSchedule.Parse("0 30 2 * * *");
        var after = new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero);
        var next = schedule.NextOccurrence(after, Paris);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void NextOccurrence_runs_a_repeated_local_time_once_when_fall_back_repeats_it()
    {
        // 31 October 2027: clocks go from 03:00 back to 02:00; 02:30 happens twice, the job runs once.
        var schedule = NcrontabSchedule.Parse("0 30 2 * * *");
        var first = schedule.NextOccurrence(new DateTimeOffset(2027, 10, 30, 12, 0, 0, TimeSpan.Zero), Paris);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 2, 30, 0, TimeSpan.FromHours(2)), first);
        var second = schedule.NextOccurrence(first!.Value, Paris);
        Assert.Equal(new DateTimeOffset(2027, 11, 1, 2, 30, 0, TimeSpan.FromHours(1)), second);
    }

    [Fact]
    public void A_paris_morning_job_scheduled_at_both_utc_hours_runs_once_a_day_all_year()
    {
        // The README's recipe for a local-time job under Flex Consumption (UTC schedules):
        // schedule at 05:00 and 06:00 UTC, keep the run whose Paris time is 07:00.
        var function = new TimerFunction(new TimerFunctionDeclaration("Morning", "0 0 5,6 * * *", "test", new TimeOnly(7, 0)), (_, _) => Task.CompletedTask);
        var schedule = NcrontabSchedule.Parse(function.Declaration.Schedule);
        var runsPerDay = new Dictionary<DateOnly, int>();
        var cursor = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        while (schedule.NextOccurrence(cursor, TimeZoneInfo.Utc) is { } next && next.Year == 2027)
        {
            if (function.IsIntendedRun(next, Paris))
            {
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(next, Paris).DateTime);
                runsPerDay[day] = runsPerDay.GetValueOrDefault(day) + 1;
                Assert.Equal(7, TimeZoneInfo.ConvertTime(next, Paris).Hour);
            }

            cursor = next;
        }

        Assert.Equal(365, runsPerDay.Count);
        Assert.All(runsPerDay.Values, count => Assert.Equal(1, count));
    }
}
