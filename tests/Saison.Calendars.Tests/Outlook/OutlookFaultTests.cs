using System.Globalization;
using Saison.Calendars.Outlook;
using Xunit.Abstractions;

namespace Saison.Calendars.Tests.Outlook;

/// <summary>
/// The sync against a Graph that loses answers after doing the work (whole <c>$batch</c>es, their
/// steps, single calls), throttles (429/503 with Retry-After, inside batches and outside), and — in
/// the second mode — does not recognise a re-sent create by its transactionId. Seeded, so each case
/// replays the same faults; nobody sleeps (Retry-After waits are recorded, not waited).
/// </summary>
public sealed class OutlookFaultTests(ITestOutputHelper output)
{
    public enum GraphMode
    {
        /// <summary>Answers lost after the work, 429/503; transactionId honoured.</summary>
        LostAnswers,

        /// <summary>The same faults, and a re-sent create makes a second event.</summary>
        TransactionIdIgnored,
    }

    private const int FaultyRuns = 10;

    public static TheoryData<GraphMode, int> Cases()
    {
        var cases = new TheoryData<GraphMode, int>();
        foreach (var mode in Enum.GetValues<GraphMode>())
        {
            foreach (var seed in new[] { 11, 23, 37, 41, 59 })
            {
                cases.Add(mode, seed);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task After_faulty_runs_with_changes_one_clean_run_leaves_the_mailbox_equal_to_the_desired_events(GraphMode mode, int seed)
    {
        await using var h = await OutlookHarness.StartAsync();
        h.Options.PageSize = 10;
        var desired = Enumerable.Range(0, 50).Select(Item).ToList();
        var persons = PersonsEvents(h, desired);
        var random = new Random(seed);
        h.Server.IgnoreTransactionId = mode == GraphMode.TransactionIdIgnored;
        var loseEveryBatch = false;
        h.Server.Faults = (method, path, inBatch) => loseEveryBatch && !inBatch && path == "/$batch" ? new Fault(FaultKind.DropAfter) : Decide(random, path, inBatch);

        var duplicatesRemoved = 0;
        var reconciliations = 0;
        for (var run = 1; run <= FaultyRuns; run++)
        {
            if (run > 1)
            {
                // Every run has something to write: two events renamed.
                for (var k = 0; k < 2; k++)
                {
                    var index = (run * 7 + k * 13) % desired.Count;
                    desired[index] = desired[index] with { Subject = $"{desired[index].Subject.Split(" (v", 2)[0]} (v{run})" };
                }
            }

            if (run is 3 or 6 or 9)
            {
                // Between runs the season changes: one event moved and renamed, one cancelled, one added.
                var moved = desired[run * 4];
                desired[run * 4] = moved with { Subject = moved.Subject + " (déplacé)", Start = moved.Start.AddHours(1), End = moved.End.AddHours(1) };
                desired.RemoveAt(run * 5);
                desired.Add(Item(100 + run));
            }

            if (run == FaultyRuns)
            {
                // The last faulty run adds an event and loses every batch answer: the clean run must find it.
                desired.Add(Item(200));
                loseEveryBatch = true;
            }

            var before = h.Ours.Select(e => e.PropertyValue!).ToHashSet(StringComparer.Ordinal);
            var report = await h.SyncAsync(desired);
            duplicatesRemoved += report.Targets.Sum(t => t.DuplicatesRemoved);
            reconciliations += report.Targets.Count(t => t.Reconciled);

            // Whatever the faults: nothing wanted that was there is gone, no person's event is touched.
            var after = h.Ours.Select(e => e.PropertyValue!).ToHashSet(StringComparer.Ordinal);
            var lost = desired.Select(d => d.SaisonId).Where(id => before.Contains(id) && !after.Contains(id)).ToList();
            Assert.Empty(lost);
            AssertUntouched(h, persons);
        }

        h.Server.Faults = null;
        var final = await h.SyncAsync(desired);
        Assert.True(final.Succeeded, string.Join("; ", final.Targets.SelectMany(t => t.Failed)));
        Assert.True(final.Targets[0].Reconciled, "the clean run after lost answers compares with the mailbox");
        AssertMailboxIs(h, desired);
        AssertUntouched(h, persons);
        Assert.Empty(h.Server.Violations);

        var server = h.Server;
        output.WriteLine($"{mode} seed {seed}: lost answers: {server.LostAnswers("batch")} batches, {server.LostAnswers("step")} steps, {server.LostAnswers("single")} single calls; "
            + $"429: {server.FaultsFired(FaultKind.Throttle)}, 503 before work: {server.FaultsFired(FaultKind.Unavailable)}, dropped before work: {server.FaultsFired(FaultKind.DropBefore)}; "
            + $"{reconciliations} of {FaultyRuns} faulty runs reconciled, {duplicatesRemoved} duplicates removed; final run: created {final.Created}, updated {final.Updated}, deleted {final.Deleted}, "
            + $"duplicates removed {final.Targets[0].DuplicatesRemoved}, reconciled {final.Targets[0].Reconciled}; mailbox {h.Ours.Count} of ours = {desired.Count} desired, {persons.Count} persons' events kept");

        // The faults did fire for this app's traffic.
        Assert.True(h.Server.LostAnswers("batch") > 0, "no $batch answer lost");
        Assert.True(h.Server.LostAnswers("step") > 0, "no batch step answer lost");
        Assert.True(h.Server.LostAnswers("single") > 0, "no single-call answer lost");
        Assert.True(h.Server.FaultsFired(FaultKind.Throttle, "step") + h.Server.FaultsFired(FaultKind.Throttle, "batch") > 0, "no 429");
        Assert.True(h.Server.FaultsFired(FaultKind.Unavailable, "step") > 0, "no 503 in a batch");
        Assert.Contains(h.Waits, w => w >= TimeSpan.FromSeconds(1));
        Assert.True(reconciliations > 0);
        if (mode == GraphMode.TransactionIdIgnored)
        {
            Assert.True(duplicatesRemoved > 0, "no second copy was made, so none was removed");
        }

        // Converged for good: the next run has nothing in doubt and sends nothing.
        var quiet = await h.SyncAsync(desired);
        Assert.Equal((0, 0, 0, false, 0), (quiet.Created, quiet.Updated, quiet.Deleted, quiet.Targets[0].Reconciled, quiet.Targets[0].GraphRequests));
    }

    private static Fault? Decide(Random random, string path, bool inBatch)
    {
        var retryAfter = random.Next(1, 6);
        var roll = random.NextDouble();
        if (!inBatch && path == "/$batch")
        {
            // A quarter of the batches are carried out and their answer lost.
            return roll switch
            {
                < 0.10 => new Fault(FaultKind.DropAfter),
                < 0.18 => new Fault(FaultKind.UnavailableAfterWork, retryAfter),
                < 0.25 => new Fault(FaultKind.TimeoutAfterWork),
                < 0.30 => new Fault(FaultKind.Throttle, retryAfter),
                < 0.33 => new Fault(FaultKind.DropBefore),
                _ => null,
            };
        }

        if (inBatch)
        {
            return roll switch
            {
                < 0.08 => new Fault(FaultKind.Throttle, retryAfter),
                < 0.14 => new Fault(FaultKind.Unavailable, retryAfter),
                < 0.18 => new Fault(FaultKind.OmitAnswer),
                < 0.22 => new Fault(FaultKind.UnavailableAfterWork, retryAfter),
                _ => null,
            };
        }

        // Single calls: the pages of a reconciliation's listing.
        return roll switch
        {
            < 0.12 => new Fault(FaultKind.DropAfter),
            < 0.18 => new Fault(FaultKind.UnavailableAfterWork, retryAfter),
            < 0.24 => new Fault(FaultKind.Throttle, retryAfter),
            < 0.28 => new Fault(FaultKind.Unavailable, retryAfter),
            _ => null,
        };
    }

    /// <summary>Occurrence ids with '#', and every character a url or a filter can trip on; two ids differ only by case.</summary>
    private static OutlookItem Item(int n)
    {
        var id = (n % 10) switch
        {
            0 => $"agenda:marche-nocturne#202707{n % 28 + 1:D2}T1900",
            1 => $"agenda:feu d'artifice #{n}",
            2 => $"agenda:a&b={n}",
            3 => $"agenda:1+{n}",
            4 => $"agenda:régates/{n}?",
            5 => $"agenda:100%-{n}",
            6 => $"agenda:MARCHE#{n / 10}",
            7 => $"agenda:marche#{n / 10}",
            8 => $"agenda:l'été à Saint-Nazaire#{n}",
            _ => $"agenda:evt-{n}#20270714T2030",
        };
        return OutlookHarness.Item(n, subject: $"Animation {n.ToString(CultureInfo.InvariantCulture)} — {id}", allDay: n % 7 == 0) with { SaisonId = id };
    }

    private static List<(string Id, string Json, string? Property)> PersonsEvents(OutlookHarness h, IReadOnlyList<OutlookItem> desired)
    {
        List<StoredEvent> added =
        [
            h.Server.AddUserEvent(OutlookHarness.Mailbox, "Réunion d'équipe"),
            h.Server.AddUserEvent(OutlookHarness.Mailbox, "Congés"),
            h.Server.AddUserEvent(OutlookHarness.Mailbox, "Marché nocturne (noté à la main)"),
            h.Server.AddUserEvent(OutlookHarness.Mailbox, "Autre application", "String {00000000-1111-2222-3333-444444444444} Name SaisonId", desired[0].SaisonId),
            h.Server.AddUserEvent(OutlookHarness.Mailbox, "Autre application bis", "String {00000000-1111-2222-3333-444444444444} Name SaisonId", desired[1].SaisonId),
        ];
        return [.. added.Select(e => (e.Id, e.Body.ToJsonString(), e.PropertyValue))];
    }

    private static void AssertUntouched(OutlookHarness h, IReadOnlyList<(string Id, string Json, string? Property)> persons)
    {
        var events = h.Server.Events(OutlookHarness.Mailbox).ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var (id, json, property) in persons)
        {
            Assert.True(events.TryGetValue(id, out var stored), $"a person's event {id} was deleted");
            Assert.Equal(json, stored.Body.ToJsonString());
            Assert.Equal(property, stored.PropertyValue);
        }
    }

    /// <summary>0 missing, 0 duplicates, 0 orphans, every event with its desired content; the state says the same.</summary>
    private static void AssertMailboxIs(OutlookHarness h, IReadOnlyList<OutlookItem> desired)
    {
        var ours = h.Ours.GroupBy(e => e.PropertyValue!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var wanted = desired.ToDictionary(d => d.SaisonId, StringComparer.Ordinal);
        var missing = wanted.Keys.Where(id => !ours.ContainsKey(id)).ToList();
        var duplicates = ours.Where(o => o.Value.Count > 1).Select(o => $"{o.Key} ×{o.Value.Count}").ToList();
        var orphans = ours.Keys.Where(id => !wanted.ContainsKey(id)).ToList();
        Assert.Equal((0, 0, 0), (missing.Count, duplicates.Count, orphans.Count));
        foreach (var (id, item) in wanted)
        {
            var stored = ours[id].Single();
            Assert.Equal(item.Subject, stored.Subject);
            Assert.Equal(item.Start.ToString("s", CultureInfo.InvariantCulture), stored.Body["start"]!["dateTime"]!.GetValue<string>());
            Assert.Equal(item.End.ToString("s", CultureInfo.InvariantCulture), stored.Body["end"]!["dateTime"]!.GetValue<string>());
            Assert.Equal(item.IsAllDay, stored.Body["isAllDay"]!.GetValue<bool>());
        }

        h.AssertConverged(desired);
    }
}
