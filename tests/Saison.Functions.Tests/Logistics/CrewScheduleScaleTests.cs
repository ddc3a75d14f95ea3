using System.Globalization;
using System.Net;
using System.Text.Json;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

/// <summary>
/// A season's crew schedule at scale through the API: 2,000 approved lines (50 city events of 40
/// lines each, decided by technical services) make thousands of crew tasks — far past the 1 MiB a
/// single stored record could hold — and the schedule is planned, saved, read back and published.
/// </summary>
public sealed class CrewScheduleScaleTests : IClassFixture<SaisonApp>
{
    private const int Events = 50;
    private const int LinesPerRequest = 40;
    private readonly LogisticsApi _api;

    public CrewScheduleScaleTests(SaisonApp app) => _api = new LogisticsApi(app);

    [Fact]
    public async Task The_schedule_of_two_thousand_approved_lines_is_saved_read_back_and_published()
    {
        var items = new[] { "chaises", "tables", "barrieres", "conteneurs-tri" };
        for (var e = 0; e < Events; e++)
        {
            var day = new DateOnly(2027, 6, 10).AddDays(e * 2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var eventId = await _api.EventAsync("ville-animation", day + "T10:00:00+02:00", day + "T18:00:00+02:00");
            var lines = Enumerable.Range(0, LinesPerRequest).Select(i => new { itemId = items[i % items.Length], quantity = 2 }).ToArray();
            var created = await _api.Organiser("ville-animation").SendJsonAsync(HttpMethod.Post, Base + "/requests", new { eventId, submit = true, lines });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var request = await created.OkJsonAsync();
            var decisions = request.GetProperty("lines").EnumerateArray().Select(l => new { lineId = l.GetProperty("lineId").GetString(), decision = "approve", quantity = (int?)null, reason = (string?)null }).ToArray();
            var admin = _api.Admin;
            var decided = await admin.SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{request.GetProperty("id").GetString()}/decisions", new { lines = decisions }, SeasonApi.ETagOf(created));
            var view = await decided.OkJsonAsync();
            Assert.Equal("approved", Status(view));
        }

        // Planning answers the schedule's counts and its first page (1,000 tasks a page by default), the rest at GET /crews/schedule.
        var planned = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule", null);
        var schedule = await planned.OkJsonAsync();
        var tasks = Total(schedule);
        Assert.True(tasks >= 2 * Events * LinesPerRequest, $"{tasks} tasks for {Events * LinesPerRequest} approved lines");
        Assert.Equal(1000, Count(schedule));
        var firstNext = Next(planned)!;
        Assert.StartsWith(Base + "/crews/schedule?", firstNext, StringComparison.Ordinal);

        // Read back page by page, from the plan's first page on.
        var (read, etag) = await _api.Technician.GetWithETagAsync(Base + "/crews/schedule");
        Assert.Equal(SeasonApi.ETagOf(planned), etag);
        Assert.Equal(schedule.GetProperty("version").GetInt32(), read.GetProperty("version").GetInt32());
        var readBack = Ids(schedule).ToList();
        for (var next = (string?)firstNext; next is not null;)
        {
            var page = await _api.Technician.GetAsync(new Uri(next, UriKind.Relative));
            var body = await page.OkJsonAsync();
            Assert.True(Count(body) <= 1000);
            Assert.Equal(tasks, Total(body));
            readBack.AddRange(Ids(body));
            next = Next(page);
        }

        Assert.Equal(tasks, readBack.Count);
        Assert.Equal(tasks, readBack.ToHashSet(StringComparer.Ordinal).Count);

        var publishing = await _api.Technician.SendJsonAsync(HttpMethod.Post, Base + "/crews/schedule/publish", null, etag);
        var published = await publishing.OkJsonAsync();
        Assert.True(published.GetProperty("upToDateWithPublished").GetBoolean());
        Assert.Equal(tasks, Total(published));
        Assert.Equal(1000, Count(published));
        Assert.StartsWith(Base + "/crews/schedule?", Next(publishing), StringComparison.Ordinal);
    }

    private static int Count(JsonElement schedule) => schedule.GetProperty("tasks").GetArrayLength() + schedule.GetProperty("unstaffed").GetArrayLength();

    private static int Total(JsonElement schedule) => schedule.GetProperty("assignedCount").GetInt32() + schedule.GetProperty("unstaffedCount").GetInt32();

    private static IEnumerable<string> Ids(JsonElement schedule) =>
        schedule.GetProperty("tasks").EnumerateArray().Concat(schedule.GetProperty("unstaffed").EnumerateArray()).Select(t => t.GetProperty("taskId").GetString() + "|" + (t.TryGetProperty("agentId", out var a) ? a.GetString() : null));

    private static string? Next(HttpResponseMessage page) =>
        page.Headers.TryGetValues("Link", out var links) ? links.Single()[1..links.Single().IndexOf('>', StringComparison.Ordinal)] : null;
}
