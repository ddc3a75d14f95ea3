using Saison.Domain.Calendar;
using Saison.Domain.Tests.Destinations;
using Saison.Domain.Seasons;

namespace Saison.Domain.Tests.Seasons;

public sealed class SeasonCarryOverRulesTests
{
    [Theory]
    [InlineData("2027-06-01", 2028, "2028-05-30")]
    [InlineData("2027-06-05", 2028, "2028-06-03")]
    [InlineData("2028-06-03", 2029, "2029-06-02")]
    [InlineData("2027-06-01", 2029, "2029-05-29")]
    [InlineData("2028-02-29", 2029, "2029-02-27")]
    public void A_season_carried_over_keeps_its_weekdays_nearest_the_same_date(string first, int toYear, string expected)
    {
        var from = DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        var to = from.AddDays(SeasonRules.WeekdayShiftDays(from, toYear));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), to);
        Assert.Equal(from.DayOfWeek, to.DayOfWeek);
        Assert.InRange(Math.Abs(to.DayNumber - new DateOnly(toYear, from.Month, Math.Min(from.Day, DateTime.DaysInMonth(toYear, from.Month))).DayNumber), 0, 3);
    }

    [Fact]
    public void What_falls_on_a_fixed_date_holiday_keeps_the_holiday_and_the_rest_keeps_its_weekdays()
    {
        var weeks = SeasonRules.WeekdayShiftDays(new DateOnly(2027, 6, 1), 2028);
        Assert.Equal(new DateOnly(2028, 7, 14), new DateOnly(2027, 7, 14).AddDays(SeasonRules.CarryShiftDays(new DateOnly(2027, 7, 14), new DateOnly(2027, 7, 14), 1, weeks, SampleRules.France.On)));
        Assert.Equal(new DateOnly(2028, 7, 13), new DateOnly(2027, 7, 13).AddDays(SeasonRules.CarryShiftDays(new DateOnly(2027, 7, 13), new DateOnly(2027, 7, 15), 1, weeks, SampleRules.France.On)));
        Assert.Equal(weeks, SeasonRules.CarryShiftDays(new DateOnly(2027, 7, 21), new DateOnly(2027, 7, 21), 1, weeks, SampleRules.France.On));

        // Easter Monday and Whit Monday move with Easter: they anchor nothing.
        Assert.Equal(weeks, SeasonRules.CarryShiftDays(new DateOnly(2027, 5, 17), new DateOnly(2027, 5, 17), 1, weeks, SampleRules.France.On));
    }

    [Theory]
    [InlineData(2027)]
    [InlineData(2026)]
    [InlineData(3000)]
    public void A_season_starts_only_from_an_earlier_one(int toYear)
    {
        var season = new Season(2027, "Ville", "Europe/Paris", new DateRange(new DateOnly(2027, 6, 1), new DateOnly(2027, 9, 19)), [], SampleRules.Themes, SeasonStatus.Closed, []);
        Assert.True(SeasonRules.CheckCarryOver(season, toYear).IsRefused);
        Assert.False(SeasonRules.CheckCarryOver(season, 2028).IsRefused);
    }
}
