using Saison.Domain.Calendar;

namespace Saison.Domain.Tests.Calendar;

public sealed class FrenchPublicHolidaysTests
{
    [Fact]
    public void EasterSunday_2027_is_28_March() =>
        Assert.Equal(new DateOnly(2027, 3, 28), FrenchPublicHolidays.EasterSunday(2027));

    [Theory]
    [InlineData("2027-03-29", "Lundi de Pâques")]
    [InlineData("2027-05-06", "Ascension")]
    [InlineData("2027-05-17", "Lundi de Pentecôte")]
    [InlineData("2027-07-14", "Fête nationale")]
    [InlineData("2027-08-15", "Assomption")]
    public void Of_2027_computes_fixed_and_Easter_based_holidays(string date, string name) =>
        Assert.Equal(name, FrenchPublicHolidays.On(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))?.Name);

    [Fact]
    public void Of_2027_has_eleven_holidays_in_date_order()
    {
        var holidays = FrenchPublicHolidays.Of(2027);
        Assert.Equal(11, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
    }

    [Fact]
    public void An_ordinary_day_is_not_a_holiday() =>
        Assert.False(FrenchPublicHolidays.IsPublicHoliday(new DateOnly(2027, 5, 7)));
}
