using Saison.Domain.Leave;
using static Saison.Domain.Tests.Leave.LeaveBuilders;

namespace Saison.Domain.Tests.Leave;

public sealed class LeavePeriodTests
{
    [Fact]
    public void Half_days_count_half_and_weekends_and_holidays_not_at_all()
    {
        // Monday 12 to Friday 16 July 2027; Wednesday 14 is a public holiday.
        var period = new LeavePeriod(D(7, 12), D(7, 16), startsAfternoon: true, endsAtNoon: true);
        Assert.Equal(3m, Weekdays.DaysOf(period));
        Assert.Equal(1m, Weekdays.DaysOf(new LeavePeriod(D(7, 17), D(7, 19))));
    }

    [Fact]
    public void A_morning_and_an_afternoon_of_the_same_day_do_not_overlap()
    {
        var morning = new LeavePeriod(D(7, 12), D(7, 12), endsAtNoon: true);
        var afternoon = new LeavePeriod(D(7, 12), D(7, 12), startsAfternoon: true);
        Assert.False(morning.Overlaps(afternoon));
        Assert.True(morning.Overlaps(new LeavePeriod(D(7, 9), D(7, 12))));
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_a_bug()
    {
        Assert.Throws<ArgumentException>(() => new LeavePeriod(D(7, 12), D(7, 11)));
        Assert.Throws<ArgumentException>(() => new LeavePeriod(D(7, 12), D(7, 12), true, true));
    }
}
