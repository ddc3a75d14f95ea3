using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Application.Contracts;
using Saison.Domain.Calendar;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Leave;

/// <summary>
/// The app for leave scenarios. Until the season and crews areas are merged, stand-ins answer
/// <see cref="ISeasons"/> and <see cref="ICrewAssignments"/> (registered only when no area does).
/// </summary>
public sealed class LeaveTestApp : SaisonApp
{
    public CrewTasksStandIn Crews { get; } = new();

    /// <summary>The season as the app sees it (the season area's record once merged).</summary>
    public SeasonSummary Season => Services.GetRequiredService<ISeasons>().FindAsync(2027).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("No season 2027.");

    /// <summary>Whether tasks come from <see cref="Crews"/> (false once the crews area answers).</summary>
    public bool UsesCrewStandIn => Services.GetRequiredService<ICrewAssignments>() is CrewTasksStandIn;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.TryAddSingleton<ISeasons>(new SeasonStandIn());
            services.TryAddSingleton<ICrewAssignments>(Crews);
        });
    }

    private sealed class SeasonStandIn : ISeasons
    {
        public Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default) =>
            Task.FromResult(season == 2027
                ? new SeasonSummary(2027, "Saint-Nazaire", "Europe/Paris", new DateOnly(2027, 6, 1), new DateOnly(2027, 9, 15), [new DateRange(new DateOnly(2027, 7, 10), new DateOnly(2027, 8, 22))], "published")
                : null);
    }
}

/// <summary>Crew tasks the tests assign directly, standing in for the crews area.</summary>
public sealed class CrewTasksStandIn : ICrewAssignments
{
    private readonly ConcurrentBag<AssignedTask> _tasks = [];

    public void Assign(AssignedTask task) => _tasks.Add(task);

    public Task<IReadOnlyList<AssignedTask>> ListAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AssignedTask>>([.. _tasks.Where(t => DateOnly.FromDateTime(t.Start.DateTime) <= to && DateOnly.FromDateTime(t.End.DateTime) >= from)]);
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
        var message = new HttpRequestMessage(HttpMethod.Post, Url($"/leave/{id}/decision")) { Content = JsonContent.Create(new { approve, justification }) };
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
    public static DateOnly WorkingDayFrom(DateOnly date) => WorkingDays.NextOrSame(date);

    /// <summary>The first Monday on or after <paramref name="date"/>.</summary>
    public static DateOnly MondayFrom(DateOnly date) => date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);
}
