using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Saison.Application.Contracts;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Leave;

/// <summary>The app for leave scenarios: the sample season (the season area's record), staff, crews.</summary>
public sealed class LeaveTestApp : SaisonApp
{
    /// <summary>The season as the app sees it.</summary>
    public SeasonSummary Season => Services.GetRequiredService<ISeasons>().FindAsync(2027).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("No season 2027.");
}

/// <summary>A fresh team of the sample season for one scenario, with its agents, rules and clients.</summary>
public sealed class LeaveScenario
{
    private readonly LeaveTestApp _app;

    private LeaveScenario(LeaveTestApp app, string teamId, IReadOnlyList<string> agents)
    {
        _app = app;
        TeamId = teamId;
        Agents = agents;
        Manager = app.ClientAs("Manager", "resp-" + teamId, [teamId]);
    }

    public string TeamId { get; }

    public IReadOnlyList<string> Agents { get; }

    public HttpClient Manager { get; }

    public HttpClient AgentClient(int index) => _app.ClientAs("Agent", Agents[index], [Agents[index]]);

    public static async Task<LeaveScenario> CreateAsync(LeaveTestApp app, int size, object? rules = null, string[]? skills = null, string cycle = "weekly")
    {
        ArgumentNullException.ThrowIfNull(app);
        var teamId = "t-" + Guid.NewGuid().ToString("N")[..8];
        var cell = app.ClientAs("ProjectCell");
        (await cell.PostAsJsonAsync(Url("/staff/teams"), new { id = teamId, name = "Équipe " + teamId, serviceId = "voirie", managerIds = new[] { "resp-" + teamId } })).EnsureSuccessStatusCode();
        var agents = new List<string>();
        for (var i = 0; i < size; i++)
        {
            var id = $"{teamId}-a{i}";
            var created = await cell.PostAsJsonAsync(Url("/staff/agents"), new
            {
                id,
                name = $"Agent {i} {teamId}",
                teamId,
                skills = skills ?? ["barrierage"],
                cycle,
                weeklyHours = 35,
                rttDays = 6,
                summerWeeklyHours = cycle == "weekly" ? (decimal?)null : 42m,
                winterWeeklyHours = cycle == "weekly" ? (decimal?)null : 31.5m,
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            agents.Add(id);
        }

        var scenario = new LeaveScenario(app, teamId, agents);
        if (rules is not null)
        {
            var set = await scenario.Manager.PutAsJsonAsync(Url($"/leave/rules/{teamId}"), rules);
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        return scenario;
    }

    public static Uri Url(string path) => new("/api/seasons/2027" + path, UriKind.Relative);

    public Task<HttpResponseMessage> AskAsync(HttpClient client, int agent, string kind, DateOnly first, DateOnly last, bool startsAfternoon = false, bool endsAtNoon = false) =>
        client.PostAsJsonAsync(Url("/leave"), new { agentId = Agents[agent], kind, first, last, startsAfternoon, endsAtNoon });

    /// <summary>Asks (as the manager) and returns the created request's id and ETag.</summary>
    public async Task<(string Id, string ETag, JsonElement View)> AskAndCheckAsync(int agent, string kind, DateOnly first, DateOnly last)
    {
        var response = await AskAsync(Manager, agent, kind, first, last);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var view = JsonDocument.Parse(body).RootElement.Clone();
        return (view.GetProperty("request").GetProperty("id").GetString()!, response.Headers.ETag!.ToString(), view);
    }

    public Task<HttpResponseMessage> DecideAsync(HttpClient client, string id, string etag, bool approve, string? justification = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/decision")) { Content = JsonContent.Create(new { decision = approve ? "approve" : "refuse", justification }) };
        message.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(message);
    }

    public async Task<JsonElement> ApproveAsync(int agent, string kind, DateOnly first, DateOnly last)
    {
        var (id, etag, _) = await AskAndCheckAsync(agent, kind, first, last);
        var response = await DecideAsync(Manager, id, etag, true);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> BalanceAsync(int agent) =>
        await (await Manager.GetAsync(Url($"/leave/balances/{Agents[agent]}"))).ReadAsync<JsonElement>();

    /// <summary>The first working day (Monday to Friday, not a public holiday) on or after <paramref name="date"/>.</summary>
    public static DateOnly WorkingDayFrom(DateOnly date) => Saison.Testing.SampleDestinations.Default.WorkingDays.NextOrSame(date);

    /// <summary>The first Monday on or after <paramref name="date"/>.</summary>
    public static DateOnly MondayFrom(DateOnly date) => date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);
}
