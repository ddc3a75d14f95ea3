using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using static Saison.Functions.Tests.Leave.LeaveScenario;

namespace Saison.Functions.Tests.Leave;

public sealed class LeavePrivacyTests : IClassFixture<LeaveTestApp>
{
    private readonly LeaveTestApp _app;

    public LeavePrivacyTests(LeaveTestApp app) => _app = app;

    [Fact]
    public async Task Agent_sees_own_requests_only_and_asks_for_themselves_only()
    {
        var team = await CreateAsync(_app, 2);
        var day = new DateOnly(2027, 3, 10);
        var own = await team.AskAsync(team.AgentClient(0), 0, "rtt", day, day);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var ownId = (await own.ReadAsync<JsonElement>()).GetProperty("request").GetProperty("id").GetString();
        var (otherId, _, _) = await team.AskAndCheckAsync(1, "rtt", day, day);

        var list = await (await team.AgentClient(0).GetAsync(Url("/leave"))).ReadAsync<JsonElement>();
        Assert.Equal(ownId, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await team.AgentClient(0).GetAsync(Url($"/leave/{ownId}"))).StatusCode);
        // Another agent's request does not exist for this agent: the same 404 as an unknown id.
        await (await team.AgentClient(0).GetAsync(Url($"/leave/{otherId}"))).AssertProblemAsync(404);
        await (await team.AgentClient(0).GetAsync(Url($"/leave/balances/{team.Agents[1]}"))).AssertProblemAsync(404);
        await (await team.AskAsync(team.AgentClient(0), 1, "rtt", day.AddDays(1), day.AddDays(1))).AssertProblemAsync(404);

        // An agent does not decide, even their own request.
        var decide = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{ownId}/decision")) { Content = JsonContent.Create(new { decision = "approve" }) };
        decide.Headers.TryAddWithoutValidation("If-Match", own.Headers.ETag!.ToString());
        await (await team.AgentClient(0).SendAsync(decide)).AssertProblemAsync(403);
    }

    [Fact]
    public async Task Managers_see_their_teams_requests_and_not_others()
    {
        var mine = await CreateAsync(_app, 2);
        var other = await CreateAsync(_app, 2);
        var day = new DateOnly(2027, 3, 11);
        var (id, etag, _) = await other.AskAndCheckAsync(0, "rtt", day, day);
        await mine.AskAndCheckAsync(0, "rtt", day, day);

        var list = await (await mine.Manager.GetAsync(Url("/leave"))).ReadAsync<JsonElement>();
        Assert.All(list.EnumerateArray(), r => Assert.Equal(mine.TeamId, r.GetProperty("teamId").GetString()));
        Assert.Single(list.EnumerateArray());
        await (await mine.Manager.GetAsync(Url($"/leave/{id}"))).AssertProblemAsync(404);
        await (await other.DecideAsync(mine.Manager, id, etag, true)).AssertProblemAsync(404);
        await (await mine.AskAsync(mine.Manager, 0, "rtt", day, day)).AssertProblemAsync(409);
        await (await other.AskAsync(mine.Manager, 1, "rtt", day, day)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_manager_writes_only_their_own_teams_leave()
    {
        var mine = await CreateAsync(_app, 2);
        var other = await CreateAsync(_app, 2);
        var day = new DateOnly(2027, 3, 16);
        var (id, etag, _) = await other.AskAndCheckAsync(0, "rtt", day, day);
        var before = await other.BalanceAsync(0);

        // Another team's request: not decided, not cancelled (it does not exist for this manager); no recovery credited.
        await (await other.DecideAsync(mine.Manager, id, etag, false, "Pas dans mon équipe")).AssertProblemAsync(404);
        var cancel = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/cancel")) { Content = JsonContent.Create(new { comment = "Erreur" }) };
        cancel.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await mine.Manager.SendAsync(cancel)).AssertProblemAsync(404);
        var credit = await mine.Manager.PostAsJsonAsync(Url("/leave/recovery-credits"), new { agentId = other.Agents[0], hours = 7, workedOn = "2027-03-06", reason = "Montage" });
        Assert.Contains((int)credit.StatusCode, new[] { 403, 404 });
        await credit.AssertProblemAsync((int)credit.StatusCode);

        var read = await (await other.Manager.GetAsync(Url($"/leave/{id}"))).ReadAsync<JsonElement>();
        Assert.Equal("pending", read.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(before.ToString(), (await other.BalanceAsync(0)).ToString());

        // Their own manager decides it.
        Assert.Equal(HttpStatusCode.OK, (await other.DecideAsync(other.Manager, id, etag, false, "Présence requise ce jour-là")).StatusCode);
    }

    [Fact]
    public async Task Others_see_coverage_never_names_or_kinds()
    {
        var team = await CreateAsync(_app, 3);
        var day = new DateOnly(2027, 3, 12);
        await team.ApproveAsync(2, "rtt", day, day);

        foreach (var role in new[] { "Technician", "ProjectCell", "Copil" })
        {
            var client = _app.ClientAs(role, "someone");
            await (await client.GetAsync(Url("/leave"))).AssertProblemAsync(403);
            await (await client.GetAsync(Url($"/leave/balances/{team.Agents[2]}"))).AssertProblemAsync(403);
            var coverage = await client.GetAsync(Url($"/coverage?teamId={team.TeamId}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"));
            var body = await coverage.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, coverage.StatusCode);
            Assert.DoesNotContain(team.Agents[2], body, StringComparison.Ordinal);
            Assert.DoesNotContain("rtt", body, StringComparison.OrdinalIgnoreCase);
            var days = JsonDocument.Parse(body).RootElement.GetProperty("teams")[0].GetProperty("days");
            Assert.Equal((3, 2, 1), (days[0].GetProperty("scheduled").GetInt32(), days[0].GetProperty("onDuty").GetInt32(), days[0].GetProperty("absent").GetInt32()));
        }

        await (await _app.ClientAs("Organiser", "asso-1").GetAsync(Url("/coverage"))).AssertProblemAsync(403);
        await (await _app.Anonymous().GetAsync(Url("/coverage"))).AssertProblemAsync(401);
    }

    [Fact]
    public async Task Coverage_refuses_a_backwards_or_too_long_range_and_an_unknown_team()
    {
        var client = _app.ClientAs("Technician", "voirie");
        Assert.Equal("to", (await (await client.GetAsync(Url("/coverage?from=2027-07-10&to=2027-07-01"))).AssertProblemAsync(400)).GetProperty("field").GetString());
        await (await client.GetAsync(Url("/coverage?from=2027-01-01&to=2028-06-01"))).AssertProblemAsync(400);
        await (await client.GetAsync(Url("/coverage?teamId=personne"))).AssertProblemAsync(404);
        var all = await (await client.GetAsync(Url("/coverage?from=2027-07-19&to=2027-07-25"))).ReadAsync<JsonElement>();
        Assert.True(all.GetProperty("teams").GetArrayLength() >= 9);
    }
}
