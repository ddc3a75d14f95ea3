using Saison.Calendars.Outlook;

namespace Saison.Calendars.Tests.Outlook;

public class OutlookReconciliationTests
{
    private static Dictionary<string, SyncedEvent> State(params SyncedEvent[] entries) => entries.ToDictionary(e => e.SaisonId, StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyList<string>> Owned(params (string SaisonId, string[] GraphIds)[] owned) =>
        owned.ToDictionary(o => o.SaisonId, o => (IReadOnlyList<string>)o.GraphIds, StringComparer.Ordinal);

    [Fact]
    public void An_event_is_attributed_only_to_the_Saison_id_its_property_equals_exactly()
    {
        // Graph compares property values case-insensitively: "evt-A" and "evt-a" are different ids of ours.
        var state = State(new SyncedEvent("agenda:evt-a#1", null, "h", "tx", false));
        var plan = OutlookReconciliation.Compare(state, Owned(("agenda:EVT-A#1", ["g1"]), ("agenda:evt-a#1", ["g2"])));
        var adopted = Assert.Single(plan.Upserts, u => u.SaisonId == "agenda:evt-a#1");
        Assert.Equal("g2", adopted.GraphId);
        Assert.Equal("g1", Assert.Single(plan.Upserts, u => u.SaisonId == "agenda:EVT-A#1").GraphId);
        Assert.Empty(plan.Duplicates);
        Assert.Empty(plan.Removals);
    }

    [Fact]
    public void Duplicates_keep_the_event_the_state_knows_and_delete_the_others()
    {
        var state = State(new SyncedEvent("s1", "g3", "h1", null, Confirmed: true));
        var plan = OutlookReconciliation.Compare(state, Owned(("s1", ["g9", "g3", "g1"])));
        Assert.Equal([("s1", "g9"), ("s1", "g1")], plan.Duplicates);
        Assert.Empty(plan.Upserts);
        Assert.Equal(0, plan.Adopted);
    }

    [Fact]
    public void Duplicates_the_state_does_not_know_keep_the_smallest_id_and_will_be_written_once()
    {
        var plan = OutlookReconciliation.Compare(State(new SyncedEvent("s1", null, "h1", "tx")), Owned(("s1", ["g9", "g3"])));
        Assert.Equal([("s1", "g9")], plan.Duplicates);
        var entry = Assert.Single(plan.Upserts);
        Assert.Equal(new SyncedEvent("s1", "g3", string.Empty, null, Confirmed: true), entry);
        Assert.Equal(1, plan.Adopted);
    }

    [Fact]
    public void An_entry_in_doubt_loses_its_hash_so_that_it_is_written_again()
    {
        var plan = OutlookReconciliation.Compare(State(new SyncedEvent("s1", "g1", "h1", null, Confirmed: false)), Owned(("s1", ["g1", "g2"])));
        Assert.Equal(new SyncedEvent("s1", "g1", string.Empty, null, Confirmed: true), Assert.Single(plan.Upserts));
        Assert.Equal([("s1", "g2")], plan.Duplicates);
    }

    [Fact]
    public void State_entries_the_mailbox_lacks_are_forgotten_and_counted_missing()
    {
        var state = State(new SyncedEvent("gone", "g1", "h", null, true), new SyncedEvent("never-created", null, "h", "tx"), new SyncedEvent("kept", "g2", "h", null, true));
        var plan = OutlookReconciliation.Compare(state, Owned(("kept", ["g2"])));
        Assert.Equal(["gone", "never-created"], plan.Removals);
        Assert.Equal(1, plan.Missing);
        Assert.Empty(plan.Upserts);
    }

    [Fact]
    public void Our_events_the_state_does_not_know_are_adopted_so_that_the_diff_can_delete_orphans()
    {
        var plan = OutlookReconciliation.Compare(State(), Owned(("orphan", ["g7"])));
        Assert.Equal(new SyncedEvent("orphan", "g7", string.Empty, null, Confirmed: true), Assert.Single(plan.Upserts));
        Assert.Equal(1, plan.Adopted);
    }
}
