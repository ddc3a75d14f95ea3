using Saison.Domain.Logistics;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Logistics;

public class AllocationPlacementTests
{
    [Fact]
    public void On_generated_seasons_a_claim_placed_last_reads_exactly_as_the_allocator_says_and_nobody_else_changes()
    {
        // A placement hands its load from claim to claim: after every step, what it says of every entry must be what
        // allocating the whole resource again says, the new claim explained as the allocator explains it.
        var random = new Random(2028);
        var placedCount = 0;
        for (var season = 0; season < 60; season++)
        {
            var capacity = random.Next(1, 60);
            var entries = Enumerable.Range(0, random.Next(1, 30)).Select(i => Generated(random, "r" + i, (PriorityClass)random.Next(3), (AllocationState)random.Next(4), At(3, 1).AddMinutes(random.Next(0, 10_000)))).ToList();
            var placement = AllocationPlacement.Of("barrieres", capacity, entries);
            Assert.NotNull(placement);
            var submittedAt = At(4, 1);
            for (var step = 0; step < 40; step++)
            {
                // One to three claims of one request, ranked one after the other.
                submittedAt = submittedAt.AddMinutes(random.Next(0, 3));
                var priority = random.Next(5) == 0 ? PriorityClass.City : PriorityClass.Other;
                var request = Enumerable.Range(1, random.Next(1, 4))
                    .Select(line => Generated(random, $"n{season}-{step}", priority, AllocationState.Pending, submittedAt, "l" + line))
                    .ToList();
                var explain = AllocationSettings.ExplainingRequest(request[0].RequestId);
                var next = placement!.WithPending(request, explain);
                var ranksLast = entries.All(e => LogisticsPriority.Compare(e, request[0]) < 0);
                if (!ranksLast)
                {
                    Assert.Null(next);
                    continue;
                }

                Assert.NotNull(next);
                AssertSame(ResourceAllocator.Allocate("barrieres", capacity, [.. entries, .. request], explain), next, request.Count);
                if (request.All(c => next.Find(c.RequestId, c.LineId)!.AvailableWithoutDisplacement >= c.Requested) && random.Next(2) == 0)
                {
                    // The fast procedure's grant of what the claims were proposed.
                    var granted = request.Select(c => c with { State = AllocationState.Approved, Granted = c.Requested }).ToList();
                    var grantedNext = placement.WithGranted(granted, explain);
                    Assert.NotNull(grantedNext);
                    AssertSame(ResourceAllocator.Allocate("barrieres", capacity, [.. entries, .. granted], explain), grantedNext, granted.Count);
                    (request, next) = (granted, grantedNext);
                }

                entries.AddRange(request);
                placement = placement.Then(next);
                Assert.NotNull(placement);
                placedCount += request.Count;
            }
        }

        Assert.True(placedCount > 1000, $"{placedCount} claims placed");
    }

    [Fact]
    public void A_grant_that_does_not_fit_in_what_the_others_leave_is_not_placed()
    {
        var entries = new[] { Entry("a", 8, At(7, 1, 8), At(7, 2, 8)) };
        var placement = AllocationPlacement.Of("barrieres", 10, entries)!;
        var grant = Entry("b", 5, At(7, 1, 12), At(7, 1, 20), state: AllocationState.Approved, granted: 5, submittedAt: At(4, 1));

        var fitting = Entry("b", 2, At(7, 1, 12), At(7, 1, 20), state: AllocationState.Approved, granted: 2, submittedAt: At(4, 1));

        Assert.Null(placement.WithGranted([grant], AllocationSettings.Default));
        Assert.Equal(2, placement.WithGranted([fitting], AllocationSettings.Default)!.Find("b", "l1")!.Available);
    }

    [Fact]
    public void An_agenda_claim_or_one_ranked_earlier_is_not_placed_and_a_spent_placement_places_nothing()
    {
        var placement = AllocationPlacement.Of("barrieres", 10, [Entry("a", 8, At(7, 1, 8), At(7, 2, 8), submittedAt: At(3, 1))])!;

        Assert.Null(placement.WithPending([Entry("agenda", 1, At(7, 1, 8), At(7, 2, 8), PriorityClass.TourismAgenda, submittedAt: At(4, 1))], AllocationSettings.Default));
        Assert.Null(placement.WithPending([Entry("earlier", 1, At(7, 1, 8), At(7, 2, 8), submittedAt: At(2, 1))], AllocationSettings.Default));

        var next = placement.WithPending([Entry("later", 1, At(7, 1, 8), At(7, 2, 8), submittedAt: At(4, 1))], AllocationSettings.Default)!;
        Assert.NotNull(placement.Then(next));
        Assert.True(placement.IsSpent);
        Assert.Null(placement.Then(next));
        Assert.Null(placement.WithPending([Entry("again", 1, At(7, 1, 8), At(7, 2, 8), submittedAt: At(5, 1))], AllocationSettings.Default));
    }

    private static AllocationEntry Generated(Random random, string requestId, PriorityClass priority, AllocationState state, DateTimeOffset submittedAt, string lineId = "l1")
    {
        var start = At(7, 1).AddHours(random.Next(0, 24 * 20));
        var end = start.AddHours(random.Next(1, 72));
        var requested = random.Next(1, 30);
        var granted = state is AllocationState.Approved or AllocationState.Confirmed ? random.Next(0, requested + 1) : 0;
        return new AllocationEntry(requestId, lineId, "evt-" + requestId, "org-" + requestId, priority, submittedAt, start, end, requested, granted, state)
        {
            EventStart = start.AddHours(1),
            EventEnd = end.AddHours(-1) > start.AddHours(1) ? end.AddHours(-1) : null,
        };
    }

    private static void AssertSame(ResourceAllocation expected, ResourceAllocation actual, int added)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected.Outcomes[i], actual.Outcomes[i]);
            Assert.Equal(e.Entry.Key, a.Entry.Key);
            Assert.Equal((e.Available, e.AvailableWithoutDisplacement, e.Displaced), (a.Available, a.AvailableWithoutDisplacement, a.Displaced));
        }

        // The new claims, last, are explained as the allocator explains them.
        for (var i = expected.Count - added; i < expected.Count; i++)
        {
            var (last, placed) = (expected.Outcomes[i], actual.Outcomes[i]);
            Assert.Equal(last.Reasons, placed.Reasons);
            Assert.Equal(last.Alternative, placed.Alternative);
            Assert.Equal(last.Conflicts, placed.Conflicts);
        }
    }
}
