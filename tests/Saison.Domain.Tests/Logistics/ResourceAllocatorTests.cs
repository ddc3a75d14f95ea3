using Saison.Domain.Logistics;
using static Saison.Domain.Tests.Logistics.LogisticsBuilders;

namespace Saison.Domain.Tests.Logistics;

public sealed class ResourceAllocatorTests
{
    private static readonly DateTimeOffset Start = At(7, 13, 8);
    private static readonly DateTimeOffset End = At(7, 15, 8);

    [Fact]
    public void Pending_lines_within_capacity_get_what_they_ask()
    {
        var result = ResourceAllocator.Allocate("barrieres", 100, [Entry("a", 40, Start, End), Entry("b", 60, Start, End)]);
        Assert.All(result.Outcomes, o => Assert.True(o.IsFull));
        Assert.All(result.Outcomes, o => Assert.Empty(o.Reasons));
    }

    [Fact]
    public void An_allocation_names_the_requests_whose_entries_changed_since_another()
    {
        var before = ResourceAllocator.Allocate("barrieres", 100, [Entry("a", 40, Start, End), Entry("b", 50, Start, End, submittedAt: At(3, 2, 9)), Entry("c", 10, At(8, 1, 8), At(8, 2, 8))]);

        // A claim ranked last that fits: nobody else's quantity moves.
        var after = ResourceAllocator.Allocate("barrieres", 100, [.. before.Quantities().Select(q => q.Entry), Entry("d", 5, Start, End, submittedAt: At(3, 3, 9))]);
        Assert.Equal(["d"], after.RequestsChangedSince(before));
        Assert.Equal(["d"], before.RequestsChangedSince(after));

        // An agenda claim takes units from those after it; a decided entry changed; an entry gone.
        var agenda = ResourceAllocator.Allocate("barrieres", 100, [Entry("a", 40, Start, End), Entry("b", 50, Start, End, submittedAt: At(3, 2, 9)), Entry("x", 30, Start, End, PriorityClass.TourismAgenda)]);
        Assert.Equal(["b", "c", "x"], agenda.RequestsChangedSince(before).Order(StringComparer.Ordinal));
        var decided = ResourceAllocator.Allocate("barrieres", 100, [Entry("a", 40, Start, End, state: AllocationState.Approved, granted: 40), .. before.Quantities().Skip(1).Select(q => q.Entry)]);
        Assert.Equal(["a"], decided.RequestsChangedSince(before));
        Assert.Empty(ResourceAllocator.Allocate("barrieres", 100, [.. before.Quantities().Select(q => q.Entry)]).RequestsChangedSince(before));
    }

    [Fact]
    public void Agenda_event_comes_first_even_when_submitted_later()
    {
        var association = Entry("asso", 80, Start, End, PriorityClass.Other, submittedAt: At(2, 1, 9));
        var agenda = Entry("agenda", 60, Start, End, PriorityClass.TourismAgenda, submittedAt: At(2, 20, 9));
        var result = ResourceAllocator.Allocate("barrieres", 100, [association, agenda]);

        Assert.Equal(60, result.Find("agenda", "l1")!.Available);
        var loser = result.Find("asso", "l1")!;
        Assert.Equal(40, loser.Available);
        Assert.Equal("partial-stock", loser.Reasons.Single().Code);
        Assert.Equal(40, loser.Alternative!.Quantity);
        Assert.Contains("agenda/l1", loser.Conflicts);
    }

    [Fact]
    public void Explaining_one_request_only_changes_nobody_s_quantities_and_explains_only_its_lines()
    {
        var entries = new[]
        {
            Entry("agenda", 60, Start, End, PriorityClass.TourismAgenda),
            Entry("asso", 80, Start, End, PriorityClass.Other, submittedAt: At(2, 1, 9)),
            Entry("other", 30, Start, End, PriorityClass.Other, submittedAt: At(2, 2, 9)),
        };

        var all = ResourceAllocator.Allocate("barrieres", 100, entries);
        var one = ResourceAllocator.Allocate("barrieres", 100, entries, AllocationSettings.ExplainingRequest("asso"));

        Assert.Equal(all.Outcomes.Select(o => (o.Entry.Key, o.Available, o.AvailableWithoutDisplacement, o.Displaced)), one.Outcomes.Select(o => (o.Entry.Key, o.Available, o.AvailableWithoutDisplacement, o.Displaced)));
        Assert.Equal(all.Find("asso", "l1")!.Alternative, one.Find("asso", "l1")!.Alternative);
        Assert.Equal(all.Find("asso", "l1")!.Conflicts, one.Find("asso", "l1")!.Conflicts);
        Assert.NotNull(all.Find("other", "l1")!.Alternative);
        Assert.Null(one.Find("other", "l1")!.Alternative);
        Assert.Empty(one.Find("other", "l1")!.Conflicts);
    }

    [Fact]
    public void On_generated_ledgers_a_line_explained_alone_reads_exactly_as_in_the_allocation_that_explains_every_line()
    {
        // The views share one allocation explaining every line (made once per state of a resource): it must say of each
        // request's lines exactly what an allocation explaining that request alone says.
        var random = new Random(2027);
        for (var ledger = 0; ledger < 200; ledger++)
        {
            var capacity = random.Next(1, 120);
            var entries = Enumerable.Range(0, random.Next(1, 40)).Select(i =>
            {
                var start = At(7, 1).AddHours(random.Next(0, 24 * 20));
                var end = start.AddHours(random.Next(1, 72));
                var requested = random.Next(1, 80);
                var state = (AllocationState)random.Next(4);
                var granted = state is AllocationState.Approved or AllocationState.Confirmed ? random.Next(0, requested + 1) : state == AllocationState.Refused ? 0 : 0;
                return Entry("r" + i, requested, start, end, (PriorityClass)random.Next(3), state, granted, At(3, 1).AddMinutes(random.Next(0, 10_000))) with
                {
                    EventStart = start.AddHours(1),
                    EventEnd = end.AddHours(-1) > start.AddHours(1) ? end.AddHours(-1) : null,
                };
            }).ToList();

            var all = ResourceAllocator.Allocate("barrieres", capacity, entries);
            foreach (var entry in entries)
            {
                var one = ResourceAllocator.Allocate("barrieres", capacity, entries, AllocationSettings.ExplainingRequest(entry.RequestId));
                var (a, o) = (all.Find(entry.RequestId, entry.LineId)!, one.Find(entry.RequestId, entry.LineId)!);
                Assert.Equal((a.Available, a.AvailableWithoutDisplacement, a.Displaced, a.Alternative), (o.Available, o.AvailableWithoutDisplacement, o.Displaced, o.Alternative));
                Assert.Equal(a.Reasons, o.Reasons);
                Assert.Equal(a.Conflicts, o.Conflicts);
            }
        }
    }

    [Fact]
    public void City_events_come_before_associations_and_earlier_submission_wins_within_a_class()
    {
        var lateCity = Entry("city", 50, Start, End, PriorityClass.City, submittedAt: At(3, 10, 9));
        var early = Entry("early", 50, Start, End, PriorityClass.Other, submittedAt: At(1, 5, 9));
        var late = Entry("late", 50, Start, End, PriorityClass.Other, submittedAt: At(1, 6, 9));
        var result = ResourceAllocator.Allocate("barrieres", 100, [late, early, lateCity]);

        Assert.Equal(["city", "early", "late"], result.Outcomes.Select(o => o.Entry.RequestId));
        Assert.Equal(50, result.Find("early", "l1")!.Available);
        Assert.Equal(0, result.Find("late", "l1")!.Available);
        Assert.Equal("no-stock", result.Find("late", "l1")!.Reasons.Single().Code);
    }

    [Fact]
    public void A_short_line_is_offered_the_nearest_slot_where_its_full_quantity_fits()
    {
        var holder = Entry("holder", 100, Start, End, PriorityClass.City, AllocationState.Approved, 100);
        var asked = Entry("asked", 30, Start.AddHours(2), End.AddHours(-2));
        var result = ResourceAllocator.Allocate("barrieres", 100, [holder, asked]);

        var alternative = result.Find("asked", "l1")!.Alternative!;
        Assert.Null(alternative.Quantity);
        Assert.Equal(2, alternative.ShiftDays);
        Assert.Equal(asked.Start.AddDays(2), alternative.Start);
    }

    [Fact]
    public void No_slot_is_offered_that_would_no_longer_cover_the_event()
    {
        var holder = Entry("holder", 100, Start, End, PriorityClass.City, AllocationState.Approved, 100);
        var asked = Entry("asked", 30, Start.AddHours(2), End.AddHours(-2)) with { EventStart = Start.AddHours(12), EventEnd = End.AddHours(-12) };
        var result = ResourceAllocator.Allocate("barrieres", 100, [holder, asked]);

        Assert.Null(result.Find("asked", "l1")!.Alternative);
    }

    [Fact]
    public void A_slot_that_still_covers_the_event_is_offered()
    {
        // A loan of ten days for a one-day event: a shift of two days still delivers before and picks up after it.
        var eventStart = Start.AddDays(5);
        var holder = Entry("holder", 100, Start, Start.AddDays(1).AddHours(1), PriorityClass.City, AllocationState.Approved, 100);
        var asked = Entry("asked", 30, Start, Start.AddDays(10)) with { EventStart = eventStart, EventEnd = eventStart.AddHours(6) };
        var result = ResourceAllocator.Allocate("barrieres", 100, [holder, asked]);

        var alternative = result.Find("asked", "l1")!.Alternative!;
        Assert.Equal(2, alternative.ShiftDays);
        Assert.True(alternative.Start <= eventStart && alternative.End >= eventStart.AddHours(6));
    }

    [Fact]
    public void A_partly_granted_line_is_not_offered_its_own_quantity_again()
    {
        var holder = Entry("holder", 70, Start, End, PriorityClass.TourismAgenda, AllocationState.Approved, 70);
        var partial = Entry("partial", 80, Start, End, PriorityClass.Other, AllocationState.Approved, 30) with { EventStart = Start.AddHours(2), EventEnd = End.AddHours(-2) };
        var result = ResourceAllocator.Allocate("barrieres", 100, [holder, partial]);

        Assert.Equal(30, result.Find("partial", "l1")!.Available);
        Assert.Null(result.Find("partial", "l1")!.Alternative);
    }

    [Fact]
    public void Turnaround_keeps_stock_busy_after_pickup()
    {
        var item = Barriers();
        var first = item.Occupancy(At(7, 10, 8), At(7, 11, 20));
        var second = item.Occupancy(At(7, 12, 6), At(7, 12, 20));
        var result = ResourceAllocator.Allocate(item.Id, 100, [
            Entry("first", 100, first.Start, first.End, PriorityClass.City, AllocationState.Approved, 100),
            Entry("second", 10, second.Start, second.End)]);

        Assert.Equal(0, result.Find("second", "l1")!.Available);
    }

    [Fact]
    public void A_service_capacity_counts_per_day()
    {
        var item = StageManagers(perDay: 3);
        var saturday = item.Occupancy(At(7, 17, 14), At(7, 17, 23));
        var sunday = item.Occupancy(At(7, 18, 14), At(7, 18, 23));
        var result = ResourceAllocator.Allocate(item.Id, 3, [
            Entry("sat", 3, saturday.Start, saturday.End, PriorityClass.City, AllocationState.Approved, 3),
            Entry("sun", 3, sunday.Start, sunday.End),
            Entry("sat2", 1, saturday.Start, saturday.End)]);

        Assert.True(result.Find("sun", "l1")!.IsFull);
        Assert.Equal(0, result.Find("sat2", "l1")!.Available);
        Assert.Equal(1, result.Find("sat2", "l1")!.Alternative!.ShiftDays);
    }

    [Fact]
    public void An_agenda_grant_displaces_an_unconfirmed_grant_but_not_a_confirmed_one()
    {
        var unconfirmed = Entry("unconfirmed", 40, Start, End, PriorityClass.Other, AllocationState.Approved, 40, At(1, 2, 9));
        var confirmed = Entry("confirmed", 40, Start, End, PriorityClass.Other, AllocationState.Confirmed, 40, At(1, 3, 9));
        var agenda = Entry("agenda", 50, Start, End, PriorityClass.TourismAgenda, AllocationState.Approved, 50, At(3, 1, 9));
        var result = ResourceAllocator.Allocate("barrieres", 100, [unconfirmed, confirmed, agenda]);

        Assert.False(result.Find("confirmed", "l1")!.Displaced);
        Assert.Equal(40, result.Find("confirmed", "l1")!.Available);
        var displaced = result.Find("unconfirmed", "l1")!;
        Assert.True(displaced.Displaced);
        Assert.Equal(10, displaced.Available);
        Assert.Equal("displaced-by-agenda", displaced.Reasons.Single().Code);
        var changed = Assert.Single(result.Changed());
        Assert.Equal(10, changed.Granted);
        Assert.Equal(AllocationState.Approved, changed.State);
    }

    [Fact]
    public void A_grant_displaced_to_nothing_becomes_a_refusal()
    {
        var unconfirmed = Entry("unconfirmed", 40, Start, End, PriorityClass.City, AllocationState.Approved, 40);
        var agenda = Entry("agenda", 100, Start, End, PriorityClass.TourismAgenda, AllocationState.Approved, 100);
        var changed = Assert.Single(ResourceAllocator.Allocate("barrieres", 100, [unconfirmed, agenda]).Changed());
        Assert.Equal(AllocationState.Refused, changed.State);
        Assert.Equal(0, changed.Granted);
    }

    [Fact]
    public void A_pending_agenda_line_is_proposed_what_it_could_take_from_unconfirmed_grants()
    {
        var unconfirmed = Entry("asso", 100, Start, End, PriorityClass.Other, AllocationState.Approved, 100);
        var confirmed = Entry("city", 20, Start, End, PriorityClass.City, AllocationState.Confirmed, 20);
        var agenda = Entry("agenda", 100, Start, End, PriorityClass.TourismAgenda);
        var result = ResourceAllocator.Allocate("barrieres", 120, [unconfirmed, confirmed, agenda]);

        var outcome = result.Find("agenda", "l1")!;
        Assert.Equal(100, outcome.Available);
        Assert.Equal(0, outcome.AvailableWithoutDisplacement);
        Assert.Equal("would-displace", outcome.Reasons.Single().Code);
        Assert.Empty(result.Changed());
    }

    [Fact]
    public void Refused_lines_hold_nothing()
    {
        var refused = Entry("refused", 100, Start, End, PriorityClass.TourismAgenda, AllocationState.Refused);
        var result = ResourceAllocator.Allocate("barrieres", 100, [refused, Entry("other", 100, Start, End)]);
        Assert.True(result.Find("other", "l1")!.IsFull);
    }

    [Fact]
    public void Allocation_never_exceeds_capacity_at_any_instant()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 400).Select(i =>
        {
            var start = At(6, 1).AddHours(random.Next(0, 24 * 60));
            return Entry("r" + i, random.Next(1, 40), start, start.AddHours(random.Next(2, 72)), (PriorityClass)random.Next(0, 3), submittedAt: At(1, 1).AddMinutes(i));
        }).ToList();
        var result = ResourceAllocator.Allocate("barrieres", 100, entries);

        var points = result.Outcomes.SelectMany(o => new[] { o.Entry.Start, o.Entry.End });
        foreach (var instant in points)
        {
            var load = result.Outcomes.Where(o => o.Entry.Start <= instant && instant < o.Entry.End).Sum(o => o.Available);
            Assert.True(load <= 100, $"{load} units allocated at {instant:O}");
        }
    }
}
