using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Application.Auditing;
using Saison.Application.Calendars;
using Saison.Application.Contracts;
using Saison.Calendars.Outlook;
using Saison.Calendars.Tests.Outlook;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Calendars;

public sealed class OutlookFunctionTests : IAsyncLifetime
{
    private const string Mailbox = "agenda@saint-nazaire.example";
    private readonly CalendarFakes _data = new();
    private FakeGraphServer _graph = null!;
    private SaisonApp _app = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphServer.StartAsync();
        _data.Events.Add(CalendarFakes.Event("feu-14-juillet", "Feu d'artifice", CalendarFakes.Paris(7, 14, 22, 30), CalendarFakes.Paris(7, 14, 23, 30)));
        _data.Events.Add(CalendarFakes.Event("regates", "Régates", CalendarFakes.Paris(7, 10, 0), CalendarFakes.Paris(7, 12, 0), allDay: true));
        _data.Events.Add(CalendarFakes.Event("annule", "Concert annulé", CalendarFakes.Paris(8, 5, 21), CalendarFakes.Paris(8, 5, 23), status: "Cancelled"));
        _data.Events.Add(CalendarFakes.Event("marche", "Marché nocturne", CalendarFakes.Paris(7, 2, 19), CalendarFakes.Paris(7, 2, 23),
            occurrences: [.. new[] { 2, 9, 16 }.Select(d => new Saison.Application.Contracts.EventOccurrence(CalendarFakes.Paris(7, d, 19), CalendarFakes.Paris(7, d, 23)))]));
        _data.Milestones.Add(new MilestoneSummary("m1", "feu-14-juillet", "Arrêté préfectoral", "agent-1", new DateOnly(2027, 6, 9), "open", 1, CalendarFakes.Modified));
        _data.Milestones.Add(new MilestoneSummary("m2", "feu-14-juillet", "Commande des artifices", "agent-1", new DateOnly(2027, 5, 20), "late", 1, CalendarFakes.Modified));
        _data.Milestones.Add(new MilestoneSummary("m3", "regates", "Balisage", "agent-2", new DateOnly(2027, 6, 8), "open", 1, CalendarFakes.Modified));
        _data.Milestones.Add(new MilestoneSummary("m4", "regates", "Déjà fait", "agent-1", new DateOnly(2027, 6, 8), "done", 1, CalendarFakes.Modified));
        _app = CreateApp(_graph.Root, _graph.GraphBaseUrl);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _graph.DisposeAsync();
    }

    private SaisonApp CreateApp(Uri authority, Uri graphBase, bool enabled = true, params (string Key, string Value)[] more) => CalendarFakes.CreateApp(_data, new Dictionary<string, string?>(more.Select(m => KeyValuePair.Create(m.Key, (string?)m.Value)))
    {
        ["Outlook:Enabled"] = enabled ? "true" : "false",
        ["Outlook:TenantId"] = "8f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        ["Outlook:ClientId"] = "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e",
        ["Outlook:ClientSecret"] = "test-secret",
        ["Outlook:AuthorityHost"] = authority.ToString(),
        ["Outlook:GraphBaseUrl"] = graphBase.ToString(),
        ["Outlook:DigestSender"] = "planning@saint-nazaire.example",
        ["Outlook:Recipients:agent-1"] = "agent1@saint-nazaire.example",
        ["Outlook:Calendars:0:Feed"] = "agenda",
        ["Outlook:Calendars:0:Season"] = "2027",
        ["Outlook:Calendars:0:Mailbox"] = Mailbox,
    }, services => services.Replace(ServiceDescriptor.Singleton<OutlookClientFactory>(sp =>
        options => OutlookGraph.Client(options, OutlookGraph.Credential(options, _graph.ClientHandler()), (_, _) => Task.CompletedTask, TimeProvider.System, _graph.ClientHandler()))));

    private static Uri Sync(bool dryRun = false) => new($"/api/seasons/2027/calendars/outlook-sync{(dryRun ? "?dryRun=true" : string.Empty)}", UriKind.Relative);

    [Fact]
    public async Task Dry_run_then_sync_then_resync_through_the_endpoint()
    {
        var cell = _app.ClientAs("ProjectCell", "cellule");
        var dry = await (await cell.PostAsync(Sync(dryRun: true), null)).ReadAsync<JsonElement>();
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(5, dry.GetProperty("created").GetInt32());
        Assert.Empty(_graph.Events(Mailbox));

        var run = await cell.PostAsync(Sync(), null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var report = await run.ReadAsync<JsonElement>();
        Assert.Equal(5, report.GetProperty("created").GetInt32());
        var events = _graph.Events(Mailbox);
        Assert.Equal(5, events.Count);
        Assert.DoesNotContain(events, e => e.Subject == "Concert annulé");
        Assert.Equal(3, events.Count(e => e.Subject == "Marché nocturne"));
        var regattas = events.Single(e => e.Subject == "Régates");
        Assert.True(regattas.Body["isAllDay"]!.GetValue<bool>());
        Assert.Equal("2027-07-10T00:00:00", regattas.Body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("Europe/Paris", regattas.Body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Empty(_graph.Violations);

        var again = await (await cell.PostAsync(Sync(), null)).ReadAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("created").GetInt32() + again.GetProperty("updated").GetInt32() + again.GetProperty("deleted").GetInt32());

        var audit = await _app.Services.GetRequiredService<AuditTrail>().ListAsync(AuditTrail.PartitionOf(_app.Clock.GetUtcNow()));
        Assert.Equal(2, audit.Count(a => a.Action == "outlook.sync"));
    }

    [Fact]
    public async Task The_timer_reconciles_with_the_mailbox_at_night_only_and_the_endpoint_on_demand()
    {
        var timer = _app.Services.GetRequiredService<TimerFunctionRegistry>().Find("OutlookSync")!;
        async Task<TimerInvocation> RunAt(int hour, int minute)
        {
            var invocation = new TimerInvocation("OutlookSync", new DateTimeOffset(2027, 7, 1, hour, minute, 0, TimeSpan.Zero), false, _app.Services);
            await timer.Run(invocation, CancellationToken.None);
            return invocation;
        }

        var first = await RunAt(14, 0);
        Assert.Contains(first.Logs, l => l.Contains("created 5,", StringComparison.Ordinal) && l.Contains("reconciled no", StringComparison.Ordinal));

        // Deleted by hand in Outlook: the daytime runs trust the stored state, the 02:00 UTC run sees it.
        _graph.DeleteEvent(_graph.Events(Mailbox).First(e => e.Subject == "Régates").Id);
        var day = await RunAt(14, 30);
        Assert.Contains(day.Logs, l => l.Contains("created 0,", StringComparison.Ordinal) && l.Contains("reconciled no", StringComparison.Ordinal));
        var night = await RunAt(2, 0);
        Assert.Contains(night.Logs, l => l.Contains("created 1,", StringComparison.Ordinal) && l.Contains("missing 1,", StringComparison.Ordinal) && l.Contains("reconciled yes", StringComparison.Ordinal));
        Assert.Single(_graph.Events(Mailbox), e => e.Subject == "Régates");
        Assert.False(OutlookCalendarSync.IsNightlyReconciliation(new DateTimeOffset(2027, 7, 1, 2, 30, 0, TimeSpan.Zero)));

        // A copy made by hand, removed when the project cell asks for a reconciliation.
        _graph.AddUserEvent(Mailbox, "Copie", _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutlookSyncOptions>>().Value.PropertyId, _graph.Events(Mailbox).First(e => e.PropertyValue is not null).PropertyValue);
        var report = await (await _app.ClientAs("ProjectCell", "cellule").PostAsync(new Uri("/api/seasons/2027/calendars/outlook-sync?reconcile=true", UriKind.Relative), null)).ReadAsync<JsonElement>();
        var target = report.GetProperty("targets")[0];
        Assert.True(target.GetProperty("reconciled").GetBoolean());
        Assert.Equal(1, target.GetProperty("duplicatesRemoved").GetInt32());
        Assert.Equal(5, _graph.Events(Mailbox).Count);
        Assert.Empty(_graph.Violations);
    }

    [Fact]
    public async Task Two_feeds_mapped_to_one_calendar_are_synced_together_and_one_that_fails_stops_the_calendar_without_deleting()
    {
        using var app = CreateApp(_graph.Root, _graph.GraphBaseUrl, true, ("Outlook:Calendars:1:Feed", "plan"), ("Outlook:Calendars:1:Season", "2027"), ("Outlook:Calendars:1:Mailbox", Mailbox), ("Outlook:Calendars:1:Subject", "agent-1"));
        var sync = app.Services.GetRequiredService<OutlookCalendarSync>();
        var first = await sync.RunAsync(false);
        Assert.True(first.Succeeded, string.Join("; ", first.Targets.SelectMany(t => t.Failed)));
        var events = _graph.Events(Mailbox);
        Assert.Contains(events, e => e.PropertyValue!.StartsWith("agenda:", StringComparison.Ordinal));
        Assert.Contains(events, e => e.PropertyValue!.StartsWith("plan:", StringComparison.Ordinal));

        // Again, and with a reconciliation: neither feed deletes the other's events.
        var again = await sync.RunAsync(false, reconcile: true);
        Assert.Equal((0, 0, 0), (again.Created, again.Deleted, again.Targets.Sum(t => t.DuplicatesRemoved)));
        Assert.Equal(events.Count, _graph.Events(Mailbox).Count);

        // A third mapping that cannot be read (no such season): the calendar is left as it is.
        using var broken = CreateApp(_graph.Root, _graph.GraphBaseUrl, true, ("Outlook:Calendars:1:Feed", "plan"), ("Outlook:Calendars:1:Season", "2027"), ("Outlook:Calendars:1:Mailbox", Mailbox), ("Outlook:Calendars:1:Subject", "agent-1"),
            ("Outlook:Calendars:2:Feed", "agenda"), ("Outlook:Calendars:2:Season", "2031"), ("Outlook:Calendars:2:Mailbox", Mailbox));
        var report = await broken.Services.GetRequiredService<OutlookCalendarSync>().RunAsync(false, season: 2027, reconcile: true);
        Assert.Contains(report.Targets.SelectMany(t => t.Failed), f => f.Contains("season 2031", StringComparison.Ordinal));
        Assert.Equal(0, report.Deleted);
        Assert.Equal(events.Count, _graph.Events(Mailbox).Count);
    }

    [Fact]
    public async Task Sync_endpoint_refusals()
    {
        await (await _app.ClientAs("Organiser", "org-snat").PostAsync(Sync(), null)).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().PostAsync(Sync(), null)).StatusCode);
        using var disabled = CreateApp(_graph.Root, _graph.GraphBaseUrl, enabled: false);
        await (await disabled.ClientAs("ProjectCell", "cellule").PostAsync(Sync(), null)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Sync_timer_fails_loudly_on_an_expired_secret()
    {
        _graph.CredentialExpired = true;
        var timer = _app.Services.GetRequiredService<TimerFunctionRegistry>().Find("OutlookSync")!;
        var invocation = new TimerInvocation("OutlookSync", _app.Clock.GetUtcNow(), false, _app.Services);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => timer.Run(invocation, CancellationToken.None));
        Assert.StartsWith("Credential expired", error.Message, StringComparison.Ordinal);
        Assert.Empty(_graph.Events(Mailbox));
    }

    [Fact]
    public async Task Weekly_digest_mails_each_owner_with_an_address_their_week_and_late_milestones_in_French()
    {
        var timer = _app.Services.GetRequiredService<TimerFunctionRegistry>().Find("MilestoneDigestWeekly")!;
        Assert.Equal("0 */15 * * * *", timer.Declaration.Schedule);
        Assert.Equal([DayOfWeek.Monday], timer.Declaration.LocalDays);

        // Monday 7 June 2027, 07:00 in Paris.
        var invocation = new TimerInvocation("MilestoneDigestWeekly", new DateTimeOffset(2027, 6, 7, 5, 0, 0, TimeSpan.Zero), false, _app.Services);
        await timer.Run(invocation, CancellationToken.None);

        var mail = Assert.Single(_graph.SentMail);
        Assert.Equal("planning@saint-nazaire.example", mail["from"]!.GetValue<string>());
        var message = mail["message"]!;
        Assert.Equal("agent1@saint-nazaire.example", message["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
        Assert.Equal("Rétroplanning : 1 jalon(s) cette semaine, 1 en retard", message["subject"]!.GetValue<string>());
        var html = message["body"]!["content"]!.GetValue<string>();
        Assert.Contains("semaine du lundi 7 juin 2027", html, StringComparison.Ordinal);
        Assert.Contains("mercredi 9 juin 2027 — Arrêté préfectoral", html, StringComparison.Ordinal);
        Assert.Contains("En retard", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Déjà fait", html, StringComparison.Ordinal);
        Assert.Contains(invocation.Logs, l => l.Contains("no address for 1 (agent-2)", StringComparison.Ordinal));
    }
}
