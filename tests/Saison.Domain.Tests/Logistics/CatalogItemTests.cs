using Saison.Domain.Tests.Destinations;
using Saison.Domain.Logistics;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Logistics;

public sealed class CatalogItemTests
{
    [Fact]
    public void Equipment_is_busy_from_delivery_to_pickup_plus_turnaround()
    {
        var (start, end) = Barriers().Occupancy(At(7, 13, 8), At(7, 15, 10));
        Assert.Equal(At(7, 13, 8), start);
        Assert.Equal(At(7, 15, 22), end);
    }

    [Fact]
    public void A_service_is_busy_on_whole_local_days()
    {
        var (start, end) = StageManagers().Occupancy(At(7, 13, 18), At(7, 14, 1));
        Assert.Equal(At(7, 13), start);
        Assert.Equal(At(7, 15), end);
    }

    [Fact]
    public void Cost_is_per_loan_for_equipment_and_per_day_for_services()
    {
        Assert.Equal(250m, Barriers().CostOf(100, At(7, 13, 8), At(7, 16, 8)));
        Assert.Equal(1280m, StageManagers().CostOf(2, At(7, 13, 18), At(7, 14, 1)));
    }

    [Fact]
    public void A_loan_is_bounded_by_its_event()
    {
        var (start, end) = (At(7, 14, 10), At(7, 14, 18));
        Assert.True(Barriers().CheckLoan(start, end, Barriers().DefaultDelivery(start), Barriers().DefaultPickup(end)).IsAccepted);

        var early = Barriers().CheckLoan(start, end, At(1, 10, 9), Barriers().DefaultPickup(end));
        Assert.Equal("delivery-too-early", Assert.Single(early.Reasons).Code);
        var late = Barriers().CheckLoan(start, end, Barriers().DefaultDelivery(start), At(12, 10, 9));
        Assert.Equal("pickup-too-late", Assert.Single(late.Reasons).Code);
        var apart = Barriers().CheckLoan(start, end, At(7, 15, 9), At(7, 16, 9));
        Assert.Equal("loan-outside-event", Assert.Single(apart.Reasons).Code);
    }

    [Fact]
    public void Equipment_needs_a_depot_and_quantities_cannot_be_negative()
    {
        Assert.Throws<ArgumentException>(() => new CatalogItem("x", "X", CatalogItemKind.Equipment, "pièce", 1m, "svc", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CatalogItem("x", "X", CatalogItemKind.Service, "pièce", 1m, "svc", -1));
    }

    [Fact]
    public void Lead_time_depends_on_the_size_class_in_working_days()
    {
        var policy = new LeadTimePolicy(new Dictionary<string, int> { ["small"] = 10, ["large"] = 40 }, 20);
        var eventDay = new DateOnly(2027, 7, 14);
        Assert.Equal(new DateOnly(2027, 6, 30), policy.DueBy(eventDay, "small", SampleRules.Working));
        Assert.True(policy.IsOnTime(new DateOnly(2027, 6, 30), eventDay, "small", SampleRules.Working));
        Assert.False(policy.IsOnTime(new DateOnly(2027, 7, 1), eventDay, "small", SampleRules.Working));
        Assert.Equal(20, policy.WorkingDaysFor("unknown"));
        Assert.Equal(40, policy.WorkingDaysFor("Large"));
    }

    [Fact]
    public void Default_delivery_and_pickup_fall_in_the_crews_day()
    {
        var item = Barriers(); // delivery 24 h before, pickup 12 h after
        Assert.Equal(At(7, 13, 14), item.DefaultDelivery(At(7, 14, 14)));
        Assert.Equal(At(7, 12, 17), item.DefaultDelivery(At(7, 14, 5)));
        Assert.Equal(At(7, 13, 17), item.DefaultDelivery(At(7, 14, 21)));
        Assert.Equal(At(7, 15, 11), item.DefaultPickup(At(7, 14, 23)));
        Assert.Equal(At(7, 15, 8), item.DefaultPickup(At(7, 14, 18)));
        Assert.Equal(At(7, 16, 8), item.DefaultPickup(At(7, 15, 8)));
    }
}
