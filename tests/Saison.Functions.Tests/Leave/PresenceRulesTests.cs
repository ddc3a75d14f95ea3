using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using static Saison.Functions.Tests.Leave.LeaveScenario;

namespace Saison.Functions.Tests.Leave;

public sealed class PresenceRulesTests : IClassFixture<LeaveTestApp>
{
    private readonly LeaveTestApp _app;

    public PresenceRulesTests(LeaveTestApp app) => _app = app;

    [Fact]
    public async Task Rules_are_set_then_changed_with_their_etag()
    {
        var team = await CreateAsync(_app, 2);
        var none = await (await team.Manager.GetAsync(Url($"/leave/rules/{team.TeamId}"))).ReadAsync<JsonElement>();
        Assert.Equal(0, none.GetProperty("minimums").GetArrayLength());

        var rules = new
        {
            minimums = new object[] { new { count = 1 }, new { count = 1, skill = "barrierage", during = "peak" } },
            maxSimultaneousAbsences = new { count = 1 },
            blackouts = new[] { new { first = "2027-07-13", last = "2027-07-15", label = "Fête nationale" } },
            derivedBlackoutMarginDays = 1,
            recoveryBlockedDuringPeak = true,
            maxContinuousSummerLeaveDays = 21,
        };
        var set = await team.Manager.PutAsJsonAsync(Url($"/leave/rules/{team.TeamId}"), rules);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var etag = set.Headers.ETag!.ToString();

        await (await team.Manager.PutAsJsonAsync(Url($"/leave/rules/{team.TeamId}"), rules)).AssertProblemAsync(428);
        var change = new HttpRequestMessage(HttpMethod.Put, Url($"/leave/rules/{team.TeamId}")) { Content = JsonContent.Create(rules) };
        change.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await _app.ClientAs("ProjectCell").SendAsync(change)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/leave/rules/{team.TeamId}")) { Content = JsonContent.Create(rules) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await team.Manager.SendAsync(stale)).AssertProblemAsync(412);

        var read = await (await _app.ClientAs("Technician", "voirie").GetAsync(Url($"/leave/rules/{team.TeamId}"))).ReadAsync<JsonElement>();
        Assert.Equal("peak", read.GetProperty("minimums")[1].GetProperty("during").GetString());
    }

    [Fact]
    public async Task Rules_are_refused_when_invalid_or_set_by_someone_else()
    {
        var team = await CreateAsync(_app, 1);
        var invalid = await team.Manager.PutAsJsonAsync(Url($"/leave/rules/{team.TeamId}"), new { maxContinuousSummerLeaveDays = 0 });
        Assert.Equal("maxContinuousSummerLeaveDays", (await invalid.AssertProblemAsync(400)).GetProperty("field").GetString());
        var otherManager = _app.ClientAs("Manager", "resp-ailleurs", ["ailleurs"]);
        await (await otherManager.PutAsJsonAsync(Url($"/leave/rules/{team.TeamId}"), new { recoveryBlockedDuringPeak = true })).AssertProblemAsync(403);
        await (await _app.ClientAs("Technician", "voirie").PutAsJsonAsync(Url($"/leave/rules/{team.TeamId}"), new { recoveryBlockedDuringPeak = true })).AssertProblemAsync(403);
        await (await team.Manager.GetAsync(Url("/leave/rules/personne"))).AssertProblemAsync(404);
    }
}
