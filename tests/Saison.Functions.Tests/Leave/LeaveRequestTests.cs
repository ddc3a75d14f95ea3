using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Leave.LeaveScenario;

namespace Saison.Functions.Tests.Leave;

public sealed class LeaveRequestTests : IClassFixture<LeaveTestApp>
{
    private readonly LeaveTestApp _app;

    public LeaveRequestTests(LeaveTestApp app) => _app = app;

    /// <summary>A Monday inside the peak, so that the days after it are working days too.</summary>
    private DateOnly PeakDay => MondayFrom(_app.Season.Peaks[0].First.AddDays(14));

    [Fact]
    public async Task Request_is_refused_for_minimum_staffing_with_the_day_and_the_numbers()
    {
        var team = await CreateAsync(_app, 4, new { minimums = new[] { new { count = 3 } } });
        var day = PeakDay;
        await team.ApproveAsync(0, "annualLeave", day, day);

        var (id, etag, view) = await team.AskAndCheckAsync(1, "annualLeave", day, day);
        var evaluation = view.GetProperty("evaluation");
        var minimum = evaluation.GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("rule").GetString() == "minimum-staffing");
        Assert.False(minimum.GetProperty("passed").GetBoolean());
        Assert.Equal($"Le {day:dd/MM/yyyy}, 2 agents resteraient présents (contre 3 sans cette demande) pour un minimum de 3.", minimum.GetProperty("reasons")[0].GetProperty("message").GetString());
        var coverage = evaluation.GetProperty("coverage")[0];
        Assert.Equal((3, 2, 3), (coverage.GetProperty("onDutyBefore").GetInt32(), coverage.GetProperty("onDutyAfter").GetInt32(), coverage.GetProperty("minimum").GetInt32()));

        var refused = await team.DecideAsync(team.Manager, id, etag, approve: true);
        var problem = await refused.AssertProblemAsync(409);
        Assert.Contains($"Le {day:dd/MM/yyyy}, 2 agents", problem.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("reasons")[0].GetProperty("code").GetString()), "A leave refusal's reason has its code, like logistics'.");
    }

    [Fact]
    public async Task Evaluation_weighs_colleagues_pending_requests_apart()
    {
        // Four agents already ask for the same week; a fifth is told that approved leave alone keeps
        // every rule, and what would happen if all the pending requests were granted.
        var team = await CreateAsync(_app, 8, new { minimums = new[] { new { count = 5 } } });
        var (first, last) = (PeakDay, PeakDay.AddDays(4));
        for (var agent = 0; agent < 4; agent++)
        {
            await team.AskAndCheckAsync(agent, "annualLeave", first, last);
        }

        var response = await team.Manager.PostAsJsonAsync(Url("/leave/evaluate"), new { agentId = team.Agents[4], kind = "annualLeave", first, last });
        var evaluation = (await response.ReadAsync<JsonElement>()).GetProperty("evaluation");
        Assert.True(evaluation.GetProperty("passed").GetBoolean());
        var outlook = evaluation.GetProperty("ifPendingGranted");
        Assert.False(outlook.GetProperty("passed").GetBoolean());
        Assert.Equal(4, outlook.GetProperty("pendingRequestIds").GetArrayLength());
        var minimum = outlook.GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("rule").GetString() == "minimum-staffing");
        Assert.Equal(
            $"Du {first:dd/MM/yyyy} au {last:dd/MM/yyyy} (5 jours travaillés), chaque jour, 3 agents resteraient présents (contre 4 sans cette demande) pour un minimum de 5.",
            Assert.Single(minimum.GetProperty("reasons").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Dry_run_evaluates_without_saving()
    {
        var team = await CreateAsync(_app, 3, new { maxSimultaneousAbsences = new { count = 0 } });
        var response = await team.Manager.PostAsJsonAsync(Url("/leave/evaluate"), new { agentId = team.Agents[0], kind = "annualLeave", first = PeakDay, last = PeakDay });
        var view = await response.ReadAsync<JsonElement>();
        Assert.False(view.GetProperty("evaluation").GetProperty("passed").GetBoolean());
        Assert.Equal(1, view.GetProperty("days").GetDecimal());
        Assert.Equal(0, (await team.Manager.GetFromJsonAsync<JsonElement>(Url($"/leave?teamId={team.TeamId}"))).GetArrayLength());
    }

    [Fact]
    public async Task Overlap_with_own_leave_and_insufficient_balance_are_refused_at_once()
    {
        var team = await CreateAsync(_app, 2);
        var day = PeakDay;
        await team.AskAndCheckAsync(0, "annualLeave", day, day.AddDays(2));
        var overlap = await team.AskAsync(team.Manager, 0, "rtt", day.AddDays(1), day.AddDays(1));
        var problem = await overlap.AssertProblemAsync(409);
        Assert.Contains("Chevauche", problem.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        // 6 RTT days a year: asking for seven working days is refused.
        var first = new DateOnly(2027, 3, 8);
        var tooMuch = await team.AskAsync(team.Manager, 1, "rtt", first, first.AddDays(8));
        var rule = await tooMuch.AssertProblemAsync(422);
        Assert.Contains("Solde insuffisant", rule.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var noRecovery = await team.AskAsync(team.Manager, 1, "recovery", first, first);
        await noRecovery.AssertProblemAsync(422);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_with_their_field()
    {
        var team = await CreateAsync(_app, 1);
        var backwards = await team.AskAsync(team.Manager, 0, "annualLeave", new DateOnly(2027, 7, 20), new DateOnly(2027, 7, 19));
        Assert.Equal("last", (await backwards.AssertProblemAsync(400)).GetProperty("field").GetString());
        var otherYear = await team.AskAsync(team.Manager, 0, "annualLeave", new DateOnly(2028, 1, 3), new DateOnly(2028, 1, 4));
        Assert.Equal("first", (await otherYear.AssertProblemAsync(400)).GetProperty("field").GetString());
        var weekend = await team.AskAsync(team.Manager, 0, "annualLeave", new DateOnly(2027, 7, 17), new DateOnly(2027, 7, 18));
        await weekend.AssertProblemAsync(422);
        var noKind = await team.Manager.PostAsJsonAsync(Url("/leave"), new { agentId = team.Agents[0], first = "2027-07-19", last = "2027-07-19" });
        Assert.Equal("kind", (await noKind.AssertProblemAsync(400)).GetProperty("field").GetString());
        var unknown = await team.Manager.PostAsJsonAsync(Url("/leave"), new { agentId = "personne", kind = "rtt", first = "2027-07-19", last = "2027-07-19" });
        await unknown.AssertProblemAsync(404);
        await (await team.Manager.GetAsync(Url("/leave/rien.abc"))).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Recovery_is_refused_in_the_peak_and_accepted_after_it()
    {
        var team = await CreateAsync(_app, 3, new { recoveryBlockedDuringPeak = true });
        var credit = await team.Manager.PostAsJsonAsync(Url("/leave/recovery-credits"), new { agentId = team.Agents[0], hours = 14, workedOn = "2027-06-21", reason = "Fête de la musique : montage de nuit" });
        Assert.Equal(HttpStatusCode.OK, credit.StatusCode);
        Assert.Equal(14, (await credit.ReadAsync<JsonElement>()).GetProperty("balance").GetProperty("recoveryHours").GetProperty("remaining").GetDecimal());

        var (id, etag, view) = await team.AskAndCheckAsync(0, "recovery", PeakDay, PeakDay);
        var verdict = view.GetProperty("evaluation").GetProperty("verdicts").EnumerateArray().Single(v => v.GetProperty("rule").GetString() == "recovery-in-peak");
        Assert.False(verdict.GetProperty("passed").GetBoolean());
        await (await team.DecideAsync(team.Manager, id, etag, true)).AssertProblemAsync(409);
        (await team.DecideAsync(team.Manager, id, etag, false)).EnsureSuccessStatusCode();

        var after = WorkingDayFrom(_app.Season.Peaks.Max(p => p.Last).AddDays(1));
        var approved = await team.ApproveAsync(0, "recovery", after, after);
        Assert.Equal("approved", approved.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(7, (await team.BalanceAsync(0)).GetProperty("balance").GetProperty("recoveryHours").GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task Fractionnement_days_are_earned_at_exactly_5_and_8_days_outside_summer()
    {
        var team = await CreateAsync(_app, 2);
        static JsonElement Annual(JsonElement balance) => balance.GetProperty("balance").GetProperty("annualLeave");

        await team.ApproveAsync(0, "annualLeave", new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 4));
        Assert.Equal(0, Annual(await team.BalanceAsync(0)).GetProperty("fractionnement").GetInt32());

        await team.ApproveAsync(0, "annualLeave", new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 5));
        var five = Annual(await team.BalanceAsync(0));
        Assert.Equal((1, 26m), (five.GetProperty("fractionnement").GetInt32(), five.GetProperty("entitled").GetDecimal()));

        // Summer days earn nothing.
        await team.ApproveAsync(0, "annualLeave", new DateOnly(2027, 6, 7), new DateOnly(2027, 6, 9));
        await team.ApproveAsync(0, "annualLeave", new DateOnly(2027, 11, 2), new DateOnly(2027, 11, 3));
        Assert.Equal(1, Annual(await team.BalanceAsync(0)).GetProperty("fractionnement").GetInt32());

        await team.ApproveAsync(0, "annualLeave", new DateOnly(2027, 11, 4), new DateOnly(2027, 11, 4));
        var eight = Annual(await team.BalanceAsync(0));
        Assert.Equal((8m, 2, 27m), (eight.GetProperty("daysOutsideSummer").GetDecimal(), eight.GetProperty("fractionnement").GetInt32(), eight.GetProperty("entitled").GetDecimal()));
        Assert.Equal(27m - 11m, eight.GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task Cancelling_restores_the_balance_and_the_coverage()
    {
        var team = await CreateAsync(_app, 3);
        var approved = await team.ApproveAsync(1, "rtt", PeakDay, PeakDay.AddDays(1));
        Assert.Equal(4, (await team.BalanceAsync(1)).GetProperty("balance").GetProperty("rtt").GetProperty("remaining").GetDecimal());
        var coverage = await team.Manager.GetFromJsonAsync<JsonElement>(Url($"/coverage?teamId={team.TeamId}&from={PeakDay:yyyy-MM-dd}&to={PeakDay:yyyy-MM-dd}"));
        Assert.Equal(2, coverage.GetProperty("teams")[0].GetProperty("days")[0].GetProperty("onDuty").GetInt32());

        var id = approved.GetProperty("request").GetProperty("id").GetString();
        var read = await team.AgentClient(1).GetAsync(Url($"/leave/{id}"));
        var cancel = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/cancel")) { Content = JsonContent.Create(new { comment = "Plus besoin" }) };
        var withoutEtag = await team.AgentClient(1).SendAsync(new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/cancel")));
        await withoutEtag.AssertProblemAsync(428);
        cancel.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        var cancelled = await team.AgentClient(1).SendAsync(cancel);
        Assert.Equal("cancelled", (await cancelled.ReadAsync<JsonElement>()).GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(6, (await team.BalanceAsync(1)).GetProperty("balance").GetProperty("rtt").GetProperty("remaining").GetDecimal());
        coverage = await team.Manager.GetFromJsonAsync<JsonElement>(Url($"/coverage?teamId={team.TeamId}&from={PeakDay:yyyy-MM-dd}&to={PeakDay:yyyy-MM-dd}"));
        Assert.Equal(3, coverage.GetProperty("teams")[0].GetProperty("days")[0].GetProperty("onDuty").GetInt32());

        var again = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/cancel"));
        again.Headers.TryAddWithoutValidation("If-Match", cancelled.Headers.ETag!.ToString());
        await (await team.AgentClient(1).SendAsync(again)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Deciding_twice_or_with_a_stale_etag_is_refused()
    {
        var team = await CreateAsync(_app, 2);
        var (id, etag, _) = await team.AskAndCheckAsync(0, "annualLeave", PeakDay, PeakDay);
        await (await team.DecideAsync(team.Manager, id, "W/\"autre\"", true)).AssertProblemAsync(412);
        var first = await team.DecideAsync(team.Manager, id, etag, false);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await (await team.DecideAsync(team.Manager, id, first.Headers.ETag!.ToString(), true)).AssertProblemAsync(409);
        var noChoice = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/decision")) { Content = JsonContent.Create(new { comment = "?" }) };
        noChoice.Headers.TryAddWithoutValidation("If-Match", first.Headers.ETag!.ToString());
        Assert.Equal("decision", (await (await team.Manager.SendAsync(noChoice)).AssertProblemAsync(400)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Annualised_agent_sees_the_year_end_projection_drift_with_long_summer_leave()
    {
        var team = await CreateAsync(_app, 2, cycle: "annualisedSeasonal");
        var first = WorkingDayFrom(_app.Season.FirstDay.AddDays(7));
        var (_, _, view) = await team.AskAndCheckAsync(0, "annualLeave", first, first.AddDays(18));
        var projection = view.GetProperty("projection");
        Assert.True(projection.GetProperty("warning").GetBoolean(), projection.GetProperty("message").GetString());
        Assert.Equal(1607, projection.GetProperty("target").GetDecimal());
    }

    [Fact]
    public async Task A_team_s_requests_written_by_another_process_are_listed_at_the_next_read()
    {
        // The lists keep each team's requests while its ledger keeps its ETag: another process writes a request with the
        // ledger in one transaction (as every write of a request does), and the next list has it.
        var team = await CreateAsync(_app, 2);
        var day = PeakDay.AddDays(-56);
        await team.ApproveAsync(0, "annualLeave", day, day);
        var admin = _app.ClientAs("Admin");
        var before = (await admin.GetJsonAsync($"/api/seasons/2027/leave?teamId={team.TeamId}")).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Single(before);

        var other = new Saison.Application.Leave.LeaveStore(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Saison.Storage.ITableStore>(_app.Services));
        var partition = Saison.Application.Leave.LeaveStore.Partition(2027, team.TeamId);
        var existing = (await other.RequestsOfTeamAsync(2027, team.TeamId)).Single().Value;
        var ledger = (await other.LedgerAsync(2027, team.TeamId))!;
        var copy = existing with { Id = existing.Id + "-autre" };
        await other.Requests.SubmitAsync(
        [
            Saison.Storage.TableTransactionAction.Add(other.Requests.ToEntity(partition, Saison.Application.Leave.LeaveStore.RequestPrefix + copy.Id, copy)),
            Saison.Storage.TableTransactionAction.UpdateReplace(other.Ledgers.ToEntity(partition, Saison.Application.Leave.LeaveStore.LedgerKey, ledger.Value), ledger.ETag),
        ]);

        var after = (await admin.GetJsonAsync($"/api/seasons/2027/leave?teamId={team.TeamId}")).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, after.Count);
        Assert.Contains(copy.Id, after);
    }
}
