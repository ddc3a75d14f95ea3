using Saison.Domain.Tests.Destinations;
using Saison.Domain.Calendar;

namespace Saison.Domain.Tests.Calendar;

public sealed class WorkingDaysTests
{
    private static DateOnly D(int month, int day) => new(2027, month, day);

    [Fact]
    public void Ascension_and_Whit_Monday_are_not_working_days()
    {
        Assert.False(SampleRules.Working.IsWorkingDay(D(5, 6)));
        Assert.False(SampleRules.Working.IsWorkingDay(D(5, 17)));
        Assert.True(SampleRules.Working.IsWorkingDay(D(5, 7)));
    }

    [Fact]
    public void Add_backwards_over_Whit_Monday_moves_to_the_Friday_before() =>
        Assert.Equal(D(5, 14), SampleRules.Working.Add(D(5, 18), -1));

    [Fact]
    public void Add_backwards_over_Ascension_skips_it() =>
        Assert.Equal(D(5, 5), SampleRules.Working.Add(D(5, 7), -1));

    [Fact]
    public void Add_backwards_over_14_July_skips_it() =>
        Assert.Equal(D(7, 13), SampleRules.Working.Add(D(7, 15), -1));

    [Fact]
    public void Add_zero_on_a_holiday_moves_earlier()
    {
        Assert.Equal(D(7, 13), SampleRules.Working.Add(D(7, 14), 0));
        Assert.Equal(D(8, 13), SampleRules.Working.Add(D(8, 15), 0));
    }

    [Fact]
    public void Between_counts_working_days_only()
    {
        // 4 May (Tue) to 12 May (Wed): 4, 5, 7, 10, 11 — Ascension and the weekend skipped.
        Assert.Equal(5, SampleRules.Working.Between(D(5, 4), D(5, 12)));
        Assert.Equal(-5, SampleRules.Working.Between(D(5, 12), D(5, 4)));
    }
}
