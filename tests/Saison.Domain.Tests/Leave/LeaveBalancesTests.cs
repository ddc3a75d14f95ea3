using Saison.Domain.Tests.Destinations;
using Saison.Domain.Leave;
using static Saison.Domain.Tests.Leave.LeaveBuilders;

namespace Saison.Domain.Tests.Leave;

public sealed class LeaveBalancesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(4.5, 0)]
    [InlineData(5, 1)]
    [InlineData(7, 1)]
    [InlineData(7.5, 1)]
    [InlineData(8, 2)]
    [InlineData(20, 2)]
    public void FractionnementDays_are_one_from_5_and_two_from_8(decimal daysOutside, int expected) =>
        Assert.Equal(expected, LeaveBalances.FractionnementDays(daysOutside));

    [Fact]
    public void Annual_leave_is_five_times_the_weekly_working_days()
    {
        Assert.Equal(25, LeaveBalances.Compute("a1", 2027, new WorkPattern(5, SampleRules.France), 0, 7, [], []).AnnualLeave.Entitled);
        Assert.Equal(20, LeaveBalances.Compute("a1", 2027, new WorkPattern(4, SampleRules.France), 0, 7, [], []).AnnualLeave.Entitled);
    }

    [Fact]
    public void Compute_counts_approved_days_outside_May_to_October_only()
    {
        // 5 working days in February, 5 in July: only February earns fractionnement.
        var february = Booking("a1", D(2, 1), D(2, 5));
        var july = Booking("a1", D(7, 5), D(7, 9));
        var balance = LeaveBalances.Compute("a1", 2027, Weekdays, 0, 7, [february, july], []);
        Assert.Equal(5, balance.AnnualLeave.DaysOutsideSummer);
        Assert.Equal(1, balance.AnnualLeave.Fractionnement);
        Assert.Equal(26, balance.AnnualLeave.Entitled);
        Assert.Equal(10, balance.AnnualLeave.Taken);
        Assert.Equal(16, balance.AnnualLeave.Remaining);
    }

    [Fact]
    public void Compute_gives_two_days_at_exactly_eight_days_outside_summer()
    {
        var five = Booking("a1", D(2, 1), D(2, 5));
        var three = Booking("a1", D(11, 2), D(11, 4));
        var balance = LeaveBalances.Compute("a1", 2027, Weekdays, 0, 7, [five, three], []);
        Assert.Equal(8, balance.AnnualLeave.DaysOutsideSummer);
        Assert.Equal(27, balance.AnnualLeave.Entitled);
    }

    [Fact]
    public void Pending_requests_reserve_the_balance_but_earn_no_fractionnement()
    {
        var pending = Booking("a1", D(2, 1), D(2, 5), status: LeaveStatus.Pending);
        var balance = LeaveBalances.Compute("a1", 2027, Weekdays, 0, 7, [pending], []);
        Assert.Equal(0, balance.AnnualLeave.Fractionnement);
        Assert.Equal(5, balance.AnnualLeave.Pending);
        Assert.Equal(20, balance.AnnualLeave.Remaining);
    }

    [Fact]
    public void Allows_refuses_rtt_beyond_the_balance_and_recovery_beyond_the_banked_hours()
    {
        var credits = new[] { new RecoveryCredit("c1", "a1", 10.5m, D(6, 20), "Fête de la musique") };
        var balance = LeaveBalances.Compute("a1", 2027, Weekdays, 2, 7, [Booking("a1", D(3, 1), D(3, 1), LeaveKind.Rtt)], credits);
        Assert.True(balance.Allows(LeaveKind.Rtt, 1).IsAccepted);
        Assert.True(balance.Allows(LeaveKind.Rtt, 2).IsRefused);
        Assert.True(balance.Allows(LeaveKind.Recovery, 1.5m).IsAccepted);
        var refused = balance.Allows(LeaveKind.Recovery, 2);
        Assert.True(refused.IsRefused);
        Assert.Equal("insufficient-balance", refused.Reasons[0].Code);
        Assert.Contains("10,5", refused.Reasons[0].Message, StringComparison.Ordinal);
    }
}
