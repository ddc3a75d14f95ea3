using Saison.Calendars.Outlook;

namespace Saison.Calendars.Tests.Outlook;

public sealed class OutlookSyncTests : IAsyncLifetime
{
    private OutlookHarness _h = null!;

    public async Task InitializeAsync() => _h = await OutlookHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task First_sync_creates_each_item_once_in_batches_of_20_with_our_property_and_Paris_times()
    {
        var items = OutlookHarness.Items(45);
        var report = await _h.SyncAsync(items);

        Assert.True(report.Succeeded, string.Join("; ", report.Targets.SelectMany(t => t.Failed)) + report.CredentialError);
        Assert.Equal(45, report.Created);
        Assert.Equal(3, report.Targets[0].BatchRequests);
        Assert.Equal(3, _h.HttpRequests);
        _h.AssertConverged(items);
        Assert.Empty(_h.Server.Violations);

        var timed = _h.Ours.Single(e => e.PropertyValue == items[1].SaisonId);
        Assert.Equal("2027-06-02T20:00:00", timed.Body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("Europe/Paris", timed.Body["start"]!["timeZone"]!.GetValue<string>());
        Assert.False(timed.Body["isAllDay"]!.GetValue<bool>());
        Assert.NotNull(timed.TransactionId);

        var allDay = _h.Ours.Single(e => e.PropertyValue == items[0].SaisonId);
        Assert.True(allDay.Body["isAllDay"]!.GetValue<bool>());
        Assert.Equal("2027-06-01T00:00:00", allDay.Body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2027-06-03T00:00:00", allDay.Body["end"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(1, _h.Server.TokensIssued);
    }

    [Fact]
    public async Task An_update_patches_only_what_changed_and_a_resync_without_changes_writes_nothing()
    {
        var items = OutlookHarness.Items(30);
        await _h.SyncAsync(items);
        var before = _h.HttpRequests;

        items[3] = items[3] with { Subject = "Régates (horaire modifié)", Start = items[3].Start.AddHours(1) };
        items[7] = items[7] with { Location = "Port de Saint-Nazaire" };
        var report = await _h.SyncAsync(items);
        Assert.Equal((0, 2, 0, 28), (report.Created, report.Updated, report.Deleted, report.Targets[0].Unchanged));
        Assert.Equal(before + 1, _h.HttpRequests);
        _h.AssertConverged(items);
        var patched = _h.Ours.Single(e => e.PropertyValue == items[3].SaisonId);
        Assert.Equal("2027-06-04T21:00:00", patched.Body["start"]!["dateTime"]!.GetValue<string>());

        var requests = _h.HttpRequests;
        var noop = await _h.SyncAsync(items);
        Assert.Equal((0, 0, 0, 30), (noop.Created, noop.Updated, noop.Deleted, noop.Targets[0].Unchanged));
        Assert.Equal(requests, _h.HttpRequests);
    }

    [Fact]
    public async Task A_cancelled_event_is_deleted_and_user_events_are_left_alone()
    {
        var items = OutlookHarness.Items(10);
        var mine = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "Réunion d'équipe");
        var otherApp = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "Autre application", "String {00000000-1111-2222-3333-444444444444} Name SaisonId", items[2].SaisonId);
        await _h.SyncAsync(items);

        var cancelled = items[2];
        items.RemoveAt(2);
        var report = await _h.SyncAsync(items);
        Assert.Equal(1, report.Deleted);
        _h.AssertConverged(items);
        Assert.DoesNotContain(_h.Ours, e => e.PropertyValue == cancelled.SaisonId);

        var remaining = _h.Server.Events(OutlookHarness.Mailbox);
        Assert.Contains(remaining, e => e.Id == mine.Id && e.Subject == "Réunion d'équipe");
        Assert.Contains(remaining, e => e.Id == otherApp.Id);
    }

    [Fact]
    public async Task An_event_deleted_by_hand_in_Outlook_is_created_again_on_its_next_change()
    {
        var items = OutlookHarness.Items(3);
        await _h.SyncAsync(items);
        _h.Server.DeleteEvent(_h.Ours.Single(e => e.PropertyValue == items[1].SaisonId).Id);
        items[1] = items[1] with { Subject = "Nouveau titre" };
        var report = await _h.SyncAsync(items);
        Assert.Equal(1, report.Created);
        _h.AssertConverged(items);
    }

    [Fact]
    public async Task Throttled_requests_inside_a_batch_wait_their_Retry_After_then_succeed()
    {
        var throttled = 0;
        _h.Server.Faults = (method, path, inBatch) => inBatch && method == "POST" && Interlocked.Increment(ref throttled) <= 3 ? new Fault(FaultKind.Throttle, 7) : null;
        var items = OutlookHarness.Items(10);
        var report = await _h.SyncAsync(items);
        Assert.True(report.Succeeded);
        _h.AssertConverged(items);
        Assert.Contains(TimeSpan.FromSeconds(7), _h.Waits);
        Assert.Equal(2, report.Targets[0].BatchRequests);
        Assert.Equal(3, _h.Server.Requests.Count(r => r.InBatch && r.Method == "POST") - 10);
    }

    [Fact]
    public async Task A_throttled_or_unavailable_batch_is_retried_after_its_Retry_After_without_duplicates()
    {
        var faults = new Queue<Fault>([new Fault(FaultKind.Throttle, 3), new Fault(FaultKind.UnavailableAfterWork, 2)]);
        _h.Server.Faults = (_, path, inBatch) => !inBatch && path == "/$batch" && faults.Count > 0 ? faults.Dequeue() : null;
        var items = OutlookHarness.Items(5);
        var report = await _h.SyncAsync(items);
        Assert.True(report.Succeeded, string.Join("; ", report.Targets.SelectMany(t => t.Failed)));

        // The second answer came after the creates were done: the retried POSTs carried the same transactionIds.
        _h.AssertConverged(items);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)], _h.Waits);
    }

    [Fact]
    public async Task A_dropped_connection_after_the_work_is_reported_then_the_next_run_adopts_instead_of_duplicating()
    {
        var dropped = false;
        _h.Server.Faults = (_, path, inBatch) => !inBatch && path == "/$batch" && !dropped && (dropped = true) ? new Fault(FaultKind.DropAfter) : null;
        var items = OutlookHarness.Items(25);
        var first = await _h.SyncAsync(items);
        Assert.Equal(20, first.Failed);
        Assert.Equal(5, first.Created);
        Assert.Equal(25, _h.Ours.Count);

        var second = await _h.SyncAsync(items);
        Assert.True(second.Succeeded);
        Assert.Equal(20, second.Targets[0].Adopted);
        Assert.Equal(0, second.Created);
        _h.AssertConverged(items);
    }

    [Fact]
    public async Task A_dropped_connection_before_the_work_leaves_pending_creates_that_the_next_run_sends()
    {
        var dropped = false;
        _h.Server.Faults = (_, path, inBatch) => !inBatch && path == "/$batch" && !dropped && (dropped = true) ? new Fault(FaultKind.DropBefore) : null;
        var items = OutlookHarness.Items(8);
        var first = await _h.SyncAsync(items);
        Assert.Equal(8, first.Failed);
        Assert.Empty(_h.Ours);

        var second = await _h.SyncAsync(items);
        Assert.Equal((0, 8), (second.Targets[0].Adopted, second.Created));
        _h.AssertConverged(items);
    }

    [Fact]
    public async Task A_crash_between_any_two_steps_then_a_resync_leaves_no_duplicate_and_no_orphan()
    {
        var before = OutlookHarness.Items(30);
        var after = before.Take(22).Select((item, i) => i % 4 == 0 ? item with { Subject = item.Subject + " (modifié)" } : item).Concat(Enumerable.Range(100, 14).Select(n => OutlookHarness.Item(n))).ToList();

        // The steps of a clean run from "before" to "after".
        var steps = new List<string>();
        await using (var probe = await OutlookHarness.StartAsync())
        {
            await probe.SyncAsync(before);
            await probe.SyncAsync(after, checkpoint: (step, _) =>
            {
                steps.Add(step);
                return Task.CompletedTask;
            });
        }

        Assert.True(steps.Count >= 6, string.Join(", ", steps));
        for (var crashAt = 0; crashAt < steps.Count; crashAt++)
        {
            await using var h = await OutlookHarness.StartAsync();
            h.Server.AddUserEvent(OutlookHarness.Mailbox, "Événement personnel");
            await h.SyncAsync(before);
            var seen = 0;
            var at = crashAt;
            await Assert.ThrowsAsync<InjectedCrashException>(() => h.SyncAsync(after, checkpoint: (step, _) =>
                seen++ == at ? throw new InjectedCrashException($"crash at {step}") : Task.CompletedTask));

            var resync = await h.SyncAsync(after);
            Assert.True(resync.Succeeded, $"crash at {steps[crashAt]}: " + string.Join("; ", resync.Targets.SelectMany(t => t.Failed)));
            h.AssertConverged(after);
            Assert.Single(h.Server.Events(OutlookHarness.Mailbox), e => e.Subject == "Événement personnel");

            var noop = await h.SyncAsync(after);
            Assert.Equal(0, noop.Created + noop.Updated + noop.Deleted);
        }
    }

    [Fact]
    public async Task Two_mailboxes_sync_in_parallel_each_within_four_requests_in_flight()
    {
        var other = new OutlookTarget("projet@saint-nazaire.example", "cal-cellule");
        var items = OutlookHarness.Items(60);
        var report = await _h.CreateSync().SyncAsync([(OutlookHarness.Target, items), (other, items)]);
        Assert.True(report.Succeeded);
        Assert.Equal(120, report.Created);
        Assert.InRange(_h.Server.MaxConcurrency(OutlookHarness.Mailbox), 1, 4);
        Assert.InRange(_h.Server.MaxConcurrency(other.Mailbox), 1, 4);
        Assert.All(_h.Server.Events(other.Mailbox), e => Assert.Equal("cal-cellule", e.CalendarId));
    }

    [Fact]
    public async Task An_expired_client_secret_is_reported_as_such_and_nothing_is_written()
    {
        _h.Server.CredentialExpired = true;
        var report = await _h.SyncAsync(OutlookHarness.Items(3));
        Assert.False(report.Succeeded);
        Assert.StartsWith("Credential expired", report.CredentialError, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000222", report.CredentialError, StringComparison.Ordinal);
        Assert.Empty(_h.Server.Events(OutlookHarness.Mailbox));
    }

    [Fact]
    public async Task A_dry_run_counts_without_sending_anything()
    {
        var items = OutlookHarness.Items(12);
        await _h.SyncAsync(items);
        var requests = _h.HttpRequests;
        items[0] = items[0] with { Subject = "Changé" };
        items.RemoveAt(5);
        items.Add(OutlookHarness.Item(500));
        var report = await _h.SyncAsync(items, dryRun: true);
        Assert.True(report.DryRun);
        Assert.Equal((1, 1, 1), (report.Created, report.Updated, report.Deleted));
        Assert.Equal(requests, _h.HttpRequests);
    }

    [Fact]
    public async Task Resync_of_3000_events_with_1_percent_changed_sends_ceil_changes_over_20_batches_and_no_reads()
    {
        var items = Enumerable.Range(0, 3000).Select(n => OutlookHarness.Item(n)).ToList();
        var first = await _h.SyncAsync(items);
        Assert.Equal(3000, first.Created);
        Assert.Equal(150, first.Targets[0].BatchRequests);

        var before = _h.HttpRequests;
        for (var n = 0; n < 3000; n += 100)
        {
            items[n] = items[n] with { Subject = items[n].Subject + " (modifié)" };
        }

        var resync = await _h.SyncAsync(items);
        Assert.Equal(30, resync.Updated);
        Assert.Equal(2, resync.Targets[0].GraphRequests);
        Assert.Equal(2, _h.HttpRequests - before);
        Assert.Equal(0, _h.Server.Requests.Skip(before).Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task Ids_with_url_and_OData_characters_reach_Graph_escaped_and_only_the_cancelled_one_is_deleted()
    {
        string[] ids = ["agenda:marche#20270702T1900", "agenda:a&b=c", "agenda:1+1", "agenda:l'été", "agenda:x/y", "agenda:quoi?", "agenda:avec espace", "agenda:100%", "agenda:MARCHE#20270702T1900"];
        var items = ids.Select((id, n) => OutlookHarness.Item(n) with { SaisonId = id }).ToList();
        var user = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "Réunion d'équipe");
        var first = await _h.SyncAsync(items);
        Assert.True(first.Succeeded, string.Join("; ", first.Targets.SelectMany(t => t.Failed)));
        _h.AssertConverged(items);

        // A reconciliation reads every id back exactly; then the one cancelled is the one deleted.
        var reconciled = await _h.CreateSync().SyncAsync([(OutlookHarness.Target, items)], reconcile: true);
        Assert.True(reconciled.Targets[0].Reconciled);
        Assert.Equal((0, 0, 0, 0), (reconciled.Targets[0].Adopted, reconciled.Targets[0].DuplicatesRemoved, reconciled.Targets[0].Missing, reconciled.Created + reconciled.Updated + reconciled.Deleted));
        items.RemoveAt(0);
        var report = await _h.SyncAsync(items);
        Assert.Equal(1, report.Deleted);
        _h.AssertConverged(items);
        Assert.Contains(_h.Ours, e => e.PropertyValue == "agenda:MARCHE#20270702T1900");
        Assert.Contains(_h.Server.Events(OutlookHarness.Mailbox), e => e.Id == user.Id);
        Assert.Empty(_h.Server.Violations);
    }

    [Fact]
    public async Task A_state_row_of_an_older_version_pointing_at_a_persons_event_never_deletes_it()
    {
        // What the old lookup did: a pending create "adopted" the first event of the calendar, a person's.
        var persons = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "Rendez-vous médical");
        await _h.State.SaveAsync(OutlookHarness.Target, [new SyncedEvent("agenda:2027:evt-0042#1", persons.Id, "old", null)], []);
        var items = OutlookHarness.Items(3);
        var report = await _h.SyncAsync(items);
        Assert.True(report.Targets[0].Reconciled);
        Assert.Equal((3, 0, 1), (report.Created, report.Deleted, report.Targets[0].Missing));
        Assert.Contains(_h.Server.Events(OutlookHarness.Mailbox), e => e.Id == persons.Id && e.Subject == "Rendez-vous médical");
        _h.AssertConverged(items);
    }

    [Fact]
    public async Task A_reconciliation_repairs_what_the_state_cannot_see_and_leaves_other_events_alone()
    {
        var items = OutlookHarness.Items(6);
        var persons = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "Pot de départ");
        var otherApp = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "Autre application", "String {00000000-1111-2222-3333-444444444444} Name SaisonId", items[1].SaisonId);
        await _h.SyncAsync(items);

        // By hand in Outlook: one of ours deleted, one copied, and one of ours for an id no longer wanted.
        _h.Server.DeleteEvent(_h.Ours.Single(e => e.PropertyValue == items[2].SaisonId).Id);
        var copy = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "copie", _h.Options.PropertyId, items[3].SaisonId);
        var orphan = _h.Server.AddUserEvent(OutlookHarness.Mailbox, "orphelin", _h.Options.PropertyId, "agenda:2027:evt-0999");

        // The state sees nothing to do...
        var quiet = await _h.SyncAsync(items);
        Assert.Equal((0, 0, 0, 6, false), (quiet.Created, quiet.Updated, quiet.Deleted, quiet.Targets[0].Unchanged, quiet.Targets[0].Reconciled));

        // ...the reconciliation does.
        var report = await _h.CreateSync().SyncAsync([(OutlookHarness.Target, items)], reconcile: true);
        Assert.True(report.Succeeded, string.Join("; ", report.Targets.SelectMany(t => t.Failed)));
        var target = report.Targets[0];
        Assert.Equal((1, 1, 1, 1), (target.Missing, target.Created, target.DuplicatesRemoved, target.Deleted));
        _h.AssertConverged(items);
        var remaining = _h.Server.Events(OutlookHarness.Mailbox);
        Assert.DoesNotContain(remaining, e => e.Id == copy.Id || e.Id == orphan.Id);
        Assert.Contains(remaining, e => e.Id == persons.Id);
        Assert.Contains(remaining, e => e.Id == otherApp.Id);

        var noop = await _h.SyncAsync(items);
        Assert.Equal((0, false), (noop.Created + noop.Updated + noop.Deleted, noop.Targets[0].Reconciled));
    }

    [Fact]
    public async Task Listing_our_events_follows_pages()
    {
        var items = OutlookHarness.Items(600);
        await _h.SyncAsync(items);
        var before = _h.Server.Requests.Count(r => r.Method == "GET" && !r.InBatch);
        var report = await _h.CreateSync().SyncAsync([(OutlookHarness.Target, items)], reconcile: true);
        Assert.Equal((0, 0, 600), (report.Targets[0].Missing, report.Targets[0].Adopted, report.Targets[0].Unchanged));
        Assert.Equal(3, _h.Server.Requests.Count(r => r.Method == "GET" && !r.InBatch) - before);
    }

    [Fact]
    public async Task SendMail_goes_from_the_senders_mailbox()
    {
        var handler = _h.Server.ClientHandler();
        var graph = OutlookGraph.Client(_h.Options, OutlookGraph.Credential(_h.Options, _h.Server.ClientHandler()), (_, _) => Task.CompletedTask, TimeProvider.System, handler);
        await OutlookMail.SendAsync(graph, "planning@saint-nazaire.example", new OutlookMessage("responsable@saint-nazaire.example", "Vos jalons de la semaine", "<p>Bonjour</p>"));
        var mail = Assert.Single(_h.Server.SentMail);
        Assert.Equal("planning@saint-nazaire.example", mail["from"]!.GetValue<string>());
        Assert.Equal("Vos jalons de la semaine", mail["message"]!["subject"]!.GetValue<string>());
        Assert.Equal("responsable@saint-nazaire.example", mail["message"]!["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
    }
}
