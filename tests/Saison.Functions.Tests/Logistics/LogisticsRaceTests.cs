using System.Net;
using Saison.Functions.Tests.Infrastructure;
using Saison.Functions.Tests.Seasons;
using static Saison.Functions.Tests.Logistics.LogisticsApi;

namespace Saison.Functions.Tests.Logistics;

public sealed class LogisticsRaceTests : IClassFixture<SaisonApp>
{
    private readonly LogisticsApi _api;

    public LogisticsRaceTests(SaisonApp app) => _api = new LogisticsApi(app);

    [Fact]
    public async Task Fifty_concurrent_submissions_for_the_last_ten_units_never_over_allocate()
    {
        // 30 of the 40 sample barnums are taken; 50 standard requests of one barnum race for the last 10.
        var cityEvent = await _api.EventAsync("ville-sports", "2027-08-14T10:00:00+02:00", "2027-08-14T20:00:00+02:00");
        await _api.ApproveAsync((await _api.SubmitAsync("ville-sports", cityEvent, "barnums", 30)).GetProperty("id").GetString()!);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-14T14:00:00+02:00", "2027-08-14T19:00:00+02:00");
        var organiser = _api.Organiser("asso-saint-marc");
        var drafts = new List<(string Id, string ETag)>();
        for (var i = 0; i < 50; i++)
        {
            var created = await _api.CreateAsync(organiser, eventId, "barnums", 1, submit: false);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            drafts.Add(((await created.OkJsonAsync()).GetProperty("id").GetString()!, SeasonApi.ETagOf(created)));
        }

        var responses = await Task.WhenAll(drafts.Select(d => _api.App.ClientAs("Organiser", "asso-saint-marc").SendJsonAsync(HttpMethod.Post, $"{Base}/requests/{d.Id}/submit", null, d.ETag)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var views = await Task.WhenAll(responses.Select(r => r.OkJsonAsync()));
        Assert.Equal(10, views.Count(v => Status(v) == "approved"));
        Assert.All(views.Where(v => Status(v) != "approved"), v => Assert.Equal("submitted", Status(v)));
        var all = await _api.Technician.GetJsonAsync(Base + "/requests");
        var granted = all.EnumerateArray().SelectMany(r => r.GetProperty("lines").EnumerateArray()).Where(l => l.GetProperty("itemId").GetString() == "barnums" && l.GetProperty("delivery").GetDateTimeOffset() < new DateTimeOffset(2027, 8, 15, 0, 0, 0, TimeSpan.FromHours(2))).Sum(l => l.GetProperty("granted").GetInt32());
        Assert.Equal(40, granted);
    }

    [Fact]
    public async Task Fifty_organisers_racing_for_the_last_five_units_get_exactly_five_and_only_those_are_told_fast_tracked()
    {
        // 35 of the 40 sample barnums are taken on 21 August; 50 standard requests of one barnum each race for the last 5.
        var cityEvent = await _api.EventAsync("ville-sports", "2027-08-21T10:00:00+02:00", "2027-08-21T20:00:00+02:00");
        await _api.ApproveAsync((await _api.SubmitAsync("ville-sports", cityEvent, "barnums", 35)).GetProperty("id").GetString()!);
        var eventId = await _api.EventAsync("asso-saint-marc", "2027-08-21T14:00:00+02:00", "2027-08-21T19:00:00+02:00");
        var organiser = _api.Organiser("asso-saint-marc");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            organiser.SendJsonAsync(HttpMethod.Post, Base + "/requests", new { eventId, submit = true, lines = new[] { new { itemId = "barnums", quantity = 1 } } })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var views = await Task.WhenAll(responses.Select(r => r.OkJsonAsync()));
        Assert.Equal(5, views.Count(v => v.GetProperty("fastTrack").GetBoolean()));
        Assert.All(views, v => Assert.Equal(v.GetProperty("fastTrack").GetBoolean(), Status(v) == "approved"));
        var ids = views.Select(v => v.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        var all = await _api.Technician.GetJsonAsync(Base + "/requests");
        var mine = all.EnumerateArray().Where(r => ids.Contains(r.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(50, mine.Count);
        Assert.Equal(5, mine.Sum(r => Line(r).GetProperty("granted").GetInt32()));
        Assert.All(mine, r => Assert.Equal(r.GetProperty("fastTrack").GetBoolean(), Line(r).GetProperty("granted").GetInt32() == 1));
        Assert.All(mine.Where(r => !r.GetProperty("fastTrack").GetBoolean()), r => Assert.Equal("submitted", Status(r)));
    }
}
