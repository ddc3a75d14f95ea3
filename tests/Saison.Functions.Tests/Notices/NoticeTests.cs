using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Application.Calendars;
using Saison.Calendars.Outlook;
using Saison.Calendars.Tests.Outlook;
using Saison.Functions.Hosting;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Logistics;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Notices;

/// <summary>
/// The people concerned are told of decisions and moves: a notice on their home page (<c>GET /notices</c>) and a mail
/// through Graph <c>sendMail</c> with its <c>.ics</c>, sent by the <c>NoticeMail</c> timer; a failed mail never fails the decision.
/// </summary>
public sealed class NoticeTests : IAsyncLifetime
{
    private const string Organisation = "asso-front-de-mer";
    private const string OrganisationMail = "contact@asso-front-de-mer.example";
    private FakeGraphServer _graph = null!;
    private SaisonApp _app = null!;
    private LogisticsApi _api = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphServer.StartAsync();
        _app = SaisonApp.Create(settings: new Dictionary<string, string?>
        {
            ["Outlook:Enabled"] = "true",
            ["Outlook:TenantId"] = "8f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            ["Outlook:ClientId"] = "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e",
            ["Outlook:ClientSecret"] = "test-secret",
            ["Outlook:AuthorityHost"] = _graph.Root.ToString(),
            ["Outlook:GraphBaseUrl"] = _graph.GraphBaseUrl.ToString(),
            ["Outlook:DigestSender"] = "planning@saint-nazaire.example",
            ["Outlook:Recipients:" + Organisation] = OrganisationMail,
            ["Outlook:Recipients:agt-001"] = "justine.legrand@saint-nazaire.example",
        }, services: services => services.Replace(ServiceDescriptor.Singleton<OutlookClientFactory>(_ =>
            options => OutlookGraph.Client(options, OutlookGraph.Credential(options, _graph.ClientHandler()), (_, _) => Task.CompletedTask, TimeProvider.System, _graph.ClientHandler()))));
        _api = new LogisticsApi(_app);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _graph.DisposeAsync();
    }

    private async Task<JsonElement> NoticesAsync(HttpClient client) => await client.GetJsonAsync("/api/seasons/2027/notices");

    private async Task<IReadOnlyList<string>> RunMailTimerAsync()
    {
        var timer = _app.Services.GetRequiredService<TimerFunctionRegistry>().Find("NoticeMail")!;
        var invocation = new TimerInvocation("NoticeMail", _app.Clock.GetUtcNow(), false, _app.Services);
        await timer.Run(invocation, CancellationToken.None);
        return invocation.Logs;
    }

    private static string Ics(JsonObject mail)
    {
        var attachment = mail["message"]!["attachments"]![0]!;
        Assert.Equal("text/calendar", attachment["contentType"]!.GetValue<string>());
        return Encoding.UTF8.GetString(Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_decided_request_is_on_the_organisers_home_page_and_mailed_with_its_ics_even_after_a_failed_try()
    {
        var item = await _api.ItemAsync(capacity: 30);
        var request = await _api.SubmitAsync(Organisation, await _api.EventAsync(Organisation, "2027-08-07T14:00:00+02:00", "2027-08-07T20:00:00+02:00"), item, 12);
        Assert.Empty((await NoticesAsync(_api.Organiser(Organisation))).EnumerateArray());

        // Graph is down: the decision is taken all the same, the notice waits in the outbox.
        _graph.Faults = (method, path, _) => path.EndsWith("/sendMail", StringComparison.Ordinal) ? new Fault(FaultKind.Unavailable) : null;
        var approved = await _api.ApproveAsync(request.GetProperty("id").GetString()!);
        Assert.Equal("approved", Status(approved));
        var notice = Assert.Single((await NoticesAsync(_api.Organiser(Organisation))).EnumerateArray());
        Assert.Contains("accordée", notice.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("12 sur 12", notice.GetProperty("lines")[0].GetString(), StringComparison.Ordinal);
        Assert.True(notice.GetProperty("hasCalendar").GetBoolean());
        Assert.Equal("pending", notice.GetProperty("mail").GetString());
        Assert.Equal($"/saisons/2027/organisateur/demandes/{request.GetProperty("id").GetString()}", notice.GetProperty("link").GetString());
        var logs = await RunMailTimerAsync();
        Assert.Contains(logs, l => l.Contains("to retry 1", StringComparison.Ordinal));
        Assert.Empty(_graph.SentMail);
        Assert.Equal("pending", (await NoticesAsync(_api.Organiser(Organisation)))[0].GetProperty("mail").GetString());

        // Graph is back: the next run sends it, once.
        _graph.Faults = null;
        await RunMailTimerAsync();
        await RunMailTimerAsync();
        var mail = Assert.Single(_graph.SentMail);
        Assert.Equal("planning@saint-nazaire.example", mail["from"]!.GetValue<string>());
        Assert.Equal(OrganisationMail, mail["message"]!["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
        Assert.StartsWith("Votre demande logistique pour « Événement de test", mail["message"]!["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        var calendar = Calendar.Load(Ics(mail))!;
        var loan = Assert.Single(calendar.Events);
        Assert.StartsWith("Prêt : 12 × Article de test", loan.Summary, StringComparison.Ordinal);
        Assert.Equal("sent", (await NoticesAsync(_api.Organiser(Organisation)))[0].GetProperty("mail").GetString());

        // Another organisation is told nothing of it.
        Assert.Empty((await NoticesAsync(_api.Organiser("asso-saint-marc"))).EnumerateArray());
    }

    [Fact]
    public async Task A_moved_event_and_a_decided_leave_are_told_to_their_organiser_and_agent()
    {
        var eventId = await _api.EventAsync(Organisation, "2027-08-14T14:00:00+02:00", "2027-08-14T20:00:00+02:00");
        var (_, etag) = await _api.ProjectCell.GetWithETagAsync($"{Base}/events/{eventId}");
        (await _api.ProjectCell.SendJsonAsync(HttpMethod.Post, $"{Base}/events/{eventId}/move", new { start = "2027-08-15T15:00:00+02:00" }, etag)).EnsureSuccessStatusCode();
        var moved = Assert.Single((await NoticesAsync(_api.Organiser(Organisation))).EnumerateArray());
        Assert.Equal("event-moved", moved.GetProperty("kind").GetString());
        Assert.Contains("dimanche 15 août 2027 de 15:00 à 21:00", moved.GetProperty("lines")[0].GetString(), StringComparison.Ordinal);

        var agent = _app.ClientAs("Agent", "agt-001", ["agt-001"]);
        var asked = await agent.PostAsJsonAsync(new Uri(Base + "/leave", UriKind.Relative), new { agentId = "agt-001", kind = "annualLeave", first = "2027-06-07", last = "2027-06-08" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var leaveId = (await asked.OkJsonAsync()).GetProperty("request").GetProperty("id").GetString()!;
        var manager = _app.ClientAs("Manager", "resp-regie-plateau", ["regie-plateau"]);
        (await manager.SendJsonAsync(HttpMethod.Post, $"{Base}/leave/{leaveId}/decision", new { decision = "approve" }, SeasonApi.ETagOf(asked))).EnsureSuccessStatusCode();
        var leave = Assert.Single((await NoticesAsync(agent)).EnumerateArray());
        Assert.Equal("Votre demande de congé du lundi 7 juin 2027 au mardi 8 juin 2027 est accordée", leave.GetProperty("subject").GetString());

        await RunMailTimerAsync();
        Assert.Equal(2, _graph.SentMail.Count);
        var leaveMail = _graph.SentMail.Single(m => m["message"]!["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>() == "justine.legrand@saint-nazaire.example");
        var day = Assert.Single(Calendar.Load(Ics(leaveMail))!.Events);
        Assert.Equal(new DateOnly(2027, 6, 7), day.DtStart!.Date);
        var moveMail = _graph.SentMail.Single(m => m["message"]!["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>() == OrganisationMail);
        var shown = Assert.Single(Calendar.Load(Ics(moveMail))!.Events);
        Assert.Equal(new DateTimeOffset(2027, 8, 15, 15, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(shown.DtStart!.AsUtc));
    }

    [Fact]
    public async Task Notices_are_refused_in_french_to_whom_they_are_not_for()
    {
        await (await _app.Anonymous().GetAsync(new Uri(Base + "/notices", UriKind.Relative))).AssertProblemAsync(401);
        await (await _app.ClientAs("Manager", "regie-plateau").GetAsync(new Uri(Base + "/notices", UriKind.Relative))).AssertProblemAsync(403);
        await (await _app.ClientAs("Copil").GetAsync(new Uri(Base + "/notices", UriKind.Relative))).AssertProblemAsync(403);
        var unknown = await (await _api.Organiser(Organisation).GetAsync(new Uri("/api/seasons/2031/notices", UriKind.Relative))).AssertProblemAsync(404);
        Assert.Contains("2031", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var timer = _app.Services.GetRequiredService<TimerFunctionRegistry>().Find("NoticeMail")!;
        Assert.Equal("0 */5 * * * *", timer.Declaration.Schedule);
    }
}
