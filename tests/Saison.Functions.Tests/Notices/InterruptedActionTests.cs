using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Saison.Application.Auditing;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Logistics;
using Saison.Functions.Tests.Seasons;
using Saison.Storage;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Notices;

/// <summary>
/// A decision is written with its audit entries in one transaction; if the trail cannot take them right after (the store
/// fails, the process stops), the decision stands, the technician gets their answer, and the <c>AuditOutbox</c> timer
/// later puts the entries in the trail and tells the organiser.
/// </summary>
public sealed class InterruptedActionTests : IDisposable
{
    private const string Organisation = "asso-front-de-mer";
    private readonly AuditFailing _failing = new();
    private readonly SaisonApp _app;
    private readonly LogisticsApi _api;

    public InterruptedActionTests()
    {
        _app = SaisonApp.Create(services: services => services.Replace(ServiceDescriptor.Singleton<ITableStore>(sp =>
            _failing.Over(TableStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>())))));
        _api = new LogisticsApi(_app);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_decision_whose_audit_could_not_be_written_stands_and_is_recorded_and_told_by_the_audit_outbox()
    {
        var item = await _api.ItemAsync(capacity: 30);
        var request = await _api.SubmitAsync(Organisation, await _api.EventAsync(Organisation, "2027-08-07T14:00:00+02:00", "2027-08-07T20:00:00+02:00"), item, 12);
        var id = request.GetProperty("id").GetString()!;

        // The audit table fails from now on: the decision is taken and answered all the same.
        _failing.Failing = true;
        var approved = await _api.ApproveAsync(id);
        Assert.Equal("approved", Status(approved));
        Assert.Equal("approved", Status(await _api.Technician.GetJsonAsync($"{Base}/requests/{id}")));
        Assert.DoesNotContain(await ActionsAsync(), a => a == "logistics.request.decide");
        Assert.Empty((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());

        // Still failing: the timer leaves it for later, and never for a running action (a minute's grace).
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("0 interrupted", StringComparison.Ordinal));
        _failing.Failing = false;
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("0 interrupted", StringComparison.Ordinal));

        // Rows of the actions completed meanwhile are deleted in the background, a few milliseconds later.
        await _app.Services.GetRequiredService<AuditTrail>().SettledAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("1 interrupted", StringComparison.Ordinal));
        Assert.Single(await ActionsAsync(), a => a == "logistics.request.decide");
        var notice = Assert.Single((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());
        Assert.Contains("accordée", notice.GetProperty("subject").GetString(), StringComparison.Ordinal);

        // Once only.
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("0 interrupted", StringComparison.Ordinal));
        Assert.Single((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());
    }

    [Fact]
    public async Task A_leave_decision_whose_audit_could_not_be_written_stands_and_is_told_to_the_agent_by_the_audit_outbox()
    {
        var agent = _app.ClientAs("Agent", "agt-001", ["agt-001"]);
        var asked = await agent.PostAsJsonAsync(new Uri(Base + "/leave", UriKind.Relative), new { agentId = "agt-001", kind = "annualLeave", first = "2027-06-07", last = "2027-06-08" });
        Assert.Equal(System.Net.HttpStatusCode.Created, asked.StatusCode);
        var leaveId = (await asked.OkJsonAsync()).GetProperty("request").GetProperty("id").GetString()!;

        _failing.Failing = true;
        var manager = _app.ClientAs("Manager", "resp-regie-plateau", ["regie-plateau"]);
        var decided = await manager.SendJsonAsync(HttpMethod.Post, $"{Base}/leave/{leaveId}/decision", new { decision = "approve" }, SeasonApi.ETagOf(asked));
        Assert.Equal("approved", (await decided.OkJsonAsync()).GetProperty("request").GetProperty("status").GetString());
        Assert.Empty((await agent.GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());

        _failing.Failing = false;
        // Rows of the actions completed meanwhile are deleted in the background, a few milliseconds later.
        await _app.Services.GetRequiredService<AuditTrail>().SettledAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("1 interrupted", StringComparison.Ordinal));
        Assert.Single(await ActionsAsync(), a => a == "leave.request.approve");
        var notice = Assert.Single((await agent.GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());
        Assert.Equal("Votre demande de congé du lundi 7 juin 2027 au mardi 8 juin 2027 est accordée", notice.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_moved_event_whose_audit_could_not_be_written_stays_moved_and_is_told_by_the_audit_outbox()
    {
        var eventId = await _api.EventAsync(Organisation, "2027-08-14T14:00:00+02:00", "2027-08-14T20:00:00+02:00");
        var (_, etag) = await _api.ProjectCell.GetWithETagAsync($"{Base}/events/{eventId}");

        _failing.Failing = true;
        (await _api.ProjectCell.SendJsonAsync(HttpMethod.Post, $"{Base}/events/{eventId}/move", new { start = "2027-08-15T15:00:00+02:00" }, etag)).EnsureSuccessStatusCode();
        Assert.Equal("2027-08-15T15:00:00+02:00", (await _api.ProjectCell.GetJsonAsync($"{Base}/events/{eventId}")).GetProperty("start").GetString());
        Assert.Empty((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());

        _failing.Failing = false;
        await _app.Services.GetRequiredService<AuditTrail>().SettledAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("1 interrupted", StringComparison.Ordinal));
        Assert.Single(await ActionsAsync(), a => a == "event.move");
        var moved = Assert.Single((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());
        Assert.Equal("event-moved", moved.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Set_up_actions_a_milestone_done_and_a_crew_schedule_whose_audit_could_not_be_written_stand_and_reach_the_trail_by_the_audit_outbox()
    {
        var cell = _app.ClientAs("ProjectCell", "cellule");

        // The audit table fails: an agent, a catalogue item, a site and a calendar token are created all the same, a
        // milestone is marked done and the crews' schedule planned.
        _failing.Failing = true;
        var agent = await cell.PostAsJsonAsync(new Uri(Base + "/staff/agents", UriKind.Relative), new { id = "agt-panne", name = "Agent pendant la panne", teamId = "regie-plateau", skills = new[] { "regisseur" }, cycle = "weekly", weeklyHours = 35, rttDays = 6 });
        Assert.True(agent.StatusCode == System.Net.HttpStatusCode.Created, await agent.Content.ReadAsStringAsync());
        var item = await _api.ItemAsync(capacity: 10);
        var site = await cell.SendJsonAsync(HttpMethod.Put, Base + "/sites/site-panne", new { id = "site-panne", name = "Site créé pendant la panne", kind = "park" });
        Assert.True(site.IsSuccessStatusCode, await site.Content.ReadAsStringAsync());
        var token = await cell.PostAsJsonAsync(new Uri(Base + "/calendar-tokens", UriKind.Relative), new { feed = "team", subject = "pm-brigade-jour", label = "Pendant la panne" });
        Assert.True(token.StatusCode == System.Net.HttpStatusCode.Created, await token.Content.ReadAsStringAsync());
        var done = await _app.ClientAs("Organiser", "snat").SendJsonAsync(HttpMethod.Post, Base + "/plan/milestones/airbus-journee-decouverte.convention/done", new { doneOn = "2027-02-26" });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        var planned = await _app.ClientAs("Admin").PostAsync(new Uri(Base + "/crews/schedule", UriKind.Relative), null);
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());

        // Each stands, and lists as it was written (its audit row in its partition is not one of the records).
        Assert.Contains((await cell.GetJsonAsync(Base + "/staff/agents")).EnumerateArray(), a => a.GetProperty("id").GetString() == "agt-panne");
        Assert.Contains((await cell.GetJsonAsync(Base + "/sites")).EnumerateArray(), a => a.GetProperty("id").GetString() == "site-panne");
        Assert.Equal(item, (await _api.Technician.GetJsonAsync($"{Base}/catalog/items/{item}")).GetProperty("id").GetString());
        Assert.Contains((await cell.GetJsonAsync(Base + "/calendar-tokens")).EnumerateArray(), t => t.GetProperty("label").GetString() == "Pendant la panne");
        Assert.DoesNotContain(await ActionsAsync(), a => a is "staff.agent.create" or "logistics.catalog.create" or "site.save" or "calendarToken.create" or "plan.milestone.done" or "crews.schedule.plan");

        _failing.Failing = false;
        await _app.Services.GetRequiredService<AuditTrail>().SettledAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("6 interrupted", StringComparison.Ordinal));
        var actions = await ActionsAsync();
        Assert.Single(actions, a => a == "staff.agent.create");
        Assert.Single(actions, a => a == "logistics.catalog.create");
        Assert.Single(actions, a => a == "site.save");
        Assert.Single(actions, a => a == "calendarToken.create");
        Assert.Single(actions, a => a == "plan.milestone.done");
        Assert.Single(actions, a => a == "crews.schedule.plan");
        Assert.Contains(await RunOutboxAsync(), l => l.Contains("0 interrupted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_action_completed_again_after_a_stop_tells_nobody_twice()
    {
        var item = await _api.ItemAsync(capacity: 30);
        var request = await _api.SubmitAsync(Organisation, await _api.EventAsync(Organisation, "2027-08-07T14:00:00+02:00", "2027-08-07T20:00:00+02:00"), item, 12);

        // The decision completes (trail, notice), but its row stays, as when the process stops right after.
        _failing.FailingDeletes = true;
        await _api.ApproveAsync(request.GetProperty("id").GetString()!);
        await _app.Services.GetRequiredService<AuditTrail>().SettledAsync();
        Assert.Single((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());
        _failing.FailingDeletes = false;

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains(await RunOutboxAsync(), l => !l.Contains(" 0 interrupted", StringComparison.Ordinal));
        Assert.Single(await ActionsAsync(), a => a == "logistics.request.decide");
        Assert.Single((await _api.Organiser(Organisation).GetJsonAsync("/api/seasons/2027/notices")).EnumerateArray());
    }

    private async Task<List<string>> ActionsAsync() =>
        [.. (await _app.ClientAs("Admin").GetJsonAsync("/api/audit?month=" + AuditTrail.PartitionOf(_app.Clock.GetUtcNow()))).EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];

    private async Task<IReadOnlyList<string>> RunOutboxAsync()
    {
        var timer = _app.Services.GetRequiredService<TimerFunctionRegistry>().Find("AuditOutbox")!;
        var invocation = new TimerInvocation("AuditOutbox", _app.Clock.GetUtcNow(), false, _app.Services);
        await timer.Run(invocation, CancellationToken.None);
        return invocation.Logs;
    }

    /// <summary>The app's store, whose audit table refuses writes while <see cref="Failing"/>.</summary>
    private sealed class AuditFailing
    {
        public volatile bool Failing;

        public volatile bool FailingDeletes;

        public ITableStore Over(ITableStore inner) => new Store(inner, this);

        private sealed class Store(ITableStore inner, AuditFailing owner) : ITableStore
        {
            public string Kind => inner.Kind;

            private void Check(string table)
            {
                if (owner.Failing && table == AuditTrail.TableName)
                {
                    throw new TableStoreException(503, "ServerBusy", "The audit table is unavailable.");
                }
            }

            public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) => inner.CreateTableIfNotExistsAsync(table, cancellationToken);

            public Task<TableEntity?> GetEntityIfExistsAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) => inner.GetEntityIfExistsAsync(table, partitionKey, rowKey, cancellationToken);

            public Task<TablePage> QueryAsync(string table, TableQuery query, string? continuationToken = null, CancellationToken cancellationToken = default) => inner.QueryAsync(table, query, continuationToken, cancellationToken);

            public Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
            {
                Check(table);
                return inner.AddEntityAsync(table, entity, cancellationToken);
            }

            public Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
            {
                Check(table);
                return inner.UpsertEntityAsync(table, entity, mode, cancellationToken);
            }

            public Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
            {
                Check(table);
                return inner.UpdateEntityAsync(table, entity, ifMatch, mode, cancellationToken);
            }

            public Task DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
            {
                Check(table);
                if (owner.FailingDeletes)
                {
                    throw new TableStoreException(503, "ServerBusy", "Deletes are unavailable.");
                }

                return inner.DeleteEntityAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
            }

            public Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
            {
                Check(table);
                if (owner.FailingDeletes && actions.All(a => a.ActionType == TableTransactionActionType.Delete))
                {
                    throw new TableStoreException(503, "ServerBusy", "Deletes are unavailable.");
                }

                return inner.SubmitTransactionAsync(table, actions, cancellationToken);
            }
        }
    }
}
