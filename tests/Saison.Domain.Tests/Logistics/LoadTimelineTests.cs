using Saison.Domain.Logistics;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Logistics;

public sealed class LoadTimelineTests
{
    [Fact]
    public void Peak_is_the_highest_load_over_the_interval()
    {
        using var timeline = new LoadTimeline(At(7, 1), At(7, 31), TimeSpan.FromMinutes(15));
        timeline.Add(At(7, 10, 8), At(7, 10, 12), 5);
        timeline.Add(At(7, 10, 11), At(7, 10, 14), 3);

        Assert.Equal(8, timeline.Peak(At(7, 10), At(7, 11)));
        Assert.Equal(3, timeline.Peak(At(7, 10, 12), At(7, 10, 14)));
        Assert.Equal(0, timeline.Peak(At(7, 10, 14), At(7, 10, 20)));
    }

    [Fact]
    public void Intervals_off_the_grid_widen_outward()
    {
        using var timeline = new LoadTimeline(At(7, 1), At(7, 2), TimeSpan.FromMinutes(15));
        timeline.Add(At(7, 1, 10, 5), At(7, 1, 10, 20), 1);
        Assert.Equal(1, timeline.Peak(At(7, 1, 10, 0), At(7, 1, 10, 1)));
        Assert.Equal(1, timeline.Peak(At(7, 1, 10, 25), At(7, 1, 10, 29)));
    }

    [Fact]
    public void Intervals_outside_the_grid_are_refused()
    {
        using var timeline = new LoadTimeline(At(7, 1), At(7, 2), TimeSpan.FromMinutes(15));
        Assert.Throws<ArgumentOutOfRangeException>(() => timeline.Add(At(6, 30), At(7, 1, 2), 1));
    }
}
