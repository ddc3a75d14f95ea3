using System.Globalization;
using Saison.Domain.Calendar;
using Saison.Domain.Tests.Destinations;

namespace Saison.Domain.Tests.Calendar;

/// <summary>Public holidays from a destination's rules, as the repository's rule sets state them.</summary>
public sealed class PublicHolidayCalendarTests
{
    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void EasterSunday_2027_is_28_March() =>
        Assert.Equal(new DateOnly(2027, 3, 28), PublicHolidayCalendar.EasterSunday(2027));

    [Theory]
    [InlineData("2027-03-29", "Lundi de Pâques")]
    [InlineData("2027-05-06", "Ascension")]
    [InlineData("2027-05-17", "Lundi de Pentecôte")]
    [InlineData("2027-07-14", "Fête nationale")]
    [InlineData("2027-08-15", "Assomption")]
    public void France_computes_fixed_and_Easter_based_holidays(string date, string name) =>
        Assert.Equal(name, SampleRules.France.On(Date(date))?.Name);

    [Fact]
    public void France_has_eleven_holidays_in_date_order()
    {
        var holidays = SampleRules.France.Of(2027);
        Assert.Equal(11, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
    }

    [Fact]
    public void An_ordinary_day_is_not_a_holiday() =>
        Assert.False(SampleRules.France.IsPublicHoliday(new DateOnly(2027, 5, 7)));

    [Fact]
    public void Alsace_Moselle_adds_Good_Friday_and_26_December()
    {
        var holidays = SampleRules.Holidays("france", "alsace-moselle");
        Assert.Equal(13, holidays.Of(2027).Count);
        Assert.Equal("Vendredi saint", holidays.On(new DateOnly(2027, 3, 26))?.Name);
        Assert.Equal("Saint-Étienne", holidays.On(new DateOnly(2027, 12, 26))?.Name);
        Assert.Equal("Vendredi saint", holidays.On(new DateOnly(2028, 4, 14))?.Name);
        Assert.False(SampleRules.France.IsPublicHoliday(new DateOnly(2027, 3, 26)));
        Assert.False(new WorkingDays(holidays).IsWorkingDay(new DateOnly(2027, 3, 26)));
        Assert.True(SampleRules.Working.IsWorkingDay(new DateOnly(2027, 3, 26)));
    }

    [Theory]
    [InlineData("la-reunion", "2027-12-20")]
    [InlineData("martinique", "2027-05-22")]
    [InlineData("guadeloupe", "2027-05-27")]
    [InlineData("guyane", "2027-06-10")]
    [InlineData("mayotte", "2027-04-27")]
    public void Overseas_departments_add_their_abolition_of_slavery_day(string set, string date)
    {
        var holidays = SampleRules.Holidays("france", set);
        Assert.Equal(12, holidays.Of(2027).Count);
        Assert.Equal("Abolition de l'esclavage", holidays.On(Date(date))?.Name);
        Assert.False(SampleRules.France.IsPublicHoliday(Date(date)));
    }

    [Fact]
    public void Working_days_skip_the_destination_s_own_holiday()
    {
        // Monday 20 December 2027 is a holiday in La Réunion, not in Paris.
        var reunion = new WorkingDays(SampleRules.Holidays("france", "la-reunion"));
        Assert.Equal(new DateOnly(2027, 12, 17), reunion.Add(new DateOnly(2027, 12, 21), -1));
        Assert.Equal(new DateOnly(2027, 12, 20), SampleRules.Working.Add(new DateOnly(2027, 12, 21), -1));
    }

    [Fact]
    public void A_rule_is_a_fixed_day_or_an_offset_from_Easter_never_both_nor_neither()
    {
        Assert.Throws<ArgumentException>(() => new PublicHolidayRule("Les deux", month: 5, day: 1, easterOffset: 1));
        Assert.Throws<ArgumentException>(() => new PublicHolidayRule("Aucun"));
        Assert.Throws<ArgumentException>(() => new PublicHolidayRule("Trente février", month: 2, day: 30));
        Assert.Empty(PublicHolidayCalendar.None.Of(2027));
    }
}
