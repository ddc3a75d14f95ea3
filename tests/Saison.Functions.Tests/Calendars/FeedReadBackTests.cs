using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Saison.Application.Calendars;
using Saison.Application.Contracts;
using Saison.Domain.Staff;
using Saison.Functions.Tests.Infrastructure;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Saison.Functions.Tests.Calendars;

/// <summary>
/// Every kind of feed Saison writes with its own streaming writer, read back by Ical.Net (the library
/// the app reads with, and close to what subscribers run) and compared field by field with the items
/// the feed meant to publish — occurrences included: the RRULE and EXDATEs Ical.Net expands, or the
/// copies of an irregular series, give exactly the item's list of occurrences.
/// </summary>
public sealed class FeedReadBackTests : IDisposable
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly CalendarFakes _data = new();
    private readonly SaisonApp _app;

    public FeedReadBackTests()
    {
        _data.Events.Add(CalendarFakes.Event("feu-14-juillet", "Feu d'artifice, bal; buvette\\ et « fête »", CalendarFakes.Paris(7, 14, 22, 30), CalendarFakes.Paris(7, 14, 23, 30)));
        _data.Events.Add(CalendarFakes.Event("regates", "Régates de l'estuaire", CalendarFakes.Paris(7, 10, 0), CalendarFakes.Paris(7, 12, 0), allDay: true, organiser: "org-regates"));
        _data.Events.Add(CalendarFakes.Event("concert-annule", "Concert sur la plage", CalendarFakes.Paris(8, 5, 21), CalendarFakes.Paris(8, 5, 23), status: "cancelled", revision: 3));
        _data.Events.Add(CalendarFakes.Event("reunion", "Réunion de préparation", CalendarFakes.Paris(6, 1, 10), CalendarFakes.Paris(6, 1, 11), agenda: false, status: "proposed"));

        // Weekly with a hole (RRULE + EXDATE), across the autumn change (RRULE in local time), and irregular (copies).
        _data.Events.Add(CalendarFakes.Event("marche-nocturne", "Marché nocturne", CalendarFakes.Paris(7, 2, 19), CalendarFakes.Paris(7, 2, 23),
            occurrences: [.. new[] { 2, 9, 23, 30 }.Select(d => new EventOccurrence(CalendarFakes.Paris(7, d, 19), CalendarFakes.Paris(7, d, 23)))]));
        _data.Events.Add(CalendarFakes.Event("veillee", "Veillée contes", Local(10, 16, 20), Local(10, 16, 22),
            occurrences: [.. new[] { 16, 23, 30 }.Select(d => Local(10, d, 20)).Append(Local(11, 6, 20)).Select(s => new EventOccurrence(s, s.AddHours(2)))]));
        _data.Events.Add(CalendarFakes.Event("visites", "Visites du port", CalendarFakes.Paris(7, 3, 15), CalendarFakes.Paris(7, 3, 17), organiser: "org-regates",
            occurrences: [.. new[] { (7, 3), (7, 8), (7, 21) }.Select(d => new EventOccurrence(CalendarFakes.Paris(d.Item1, d.Item2, 15), CalendarFakes.Paris(d.Item1, d.Item2, 17)))]));
        _data.Events.Add(CalendarFakes.Event("expo", "Exposition", CalendarFakes.Paris(7, 1, 0), CalendarFakes.Paris(7, 2, 0), allDay: true,
            occurrences: [.. new[] { 1, 8, 15 }.Select(d => new EventOccurrence(CalendarFakes.Paris(7, d, 0), CalendarFakes.Paris(7, d + 1, 0)))]));

        _data.Milestones.Add(new MilestoneSummary("m1", "feu-14-juillet", "Arrêté préfectoral", "agent-1", new DateOnly(2027, 6, 1), "late", 2, CalendarFakes.Modified));
        _data.Milestones.Add(new MilestoneSummary("m2", "feu-14-juillet", "Commande artificier", "agent-1", new DateOnly(2027, 5, 3), "cancelled", 4, CalendarFakes.Modified.AddDays(3)));
        _data.Tasks.Add(new AssignedTask("t1", "agent-a", "regie-son", "feu-14-juillet", "Montage scène", CalendarFakes.Paris(7, 14, 8), CalendarFakes.Paris(7, 14, 12), true));
        _data.Tasks.Add(new AssignedTask("t1", "agent-b", "regie-son", "feu-14-juillet", "Montage scène", CalendarFakes.Paris(7, 14, 8), CalendarFakes.Paris(7, 14, 12), true));
        _data.Tasks.Add(new AssignedTask("t4", "agent-a", "regie-son", null, "Démontage, rangement", CalendarFakes.Paris(7, 15, 0, 30), CalendarFakes.Paris(7, 15, 3), true));
        _data.Teams.Add(new Team("pm-brigade-jour", "Brigade de jour", "police-municipale", ["chef-brigade"]));
        _data.Agents.Add(new Agent("agent-dupont", "Camille Dupont", "pm-brigade-jour", "police-municipale", [], WorkCycleKind.Weekly, 35));
        _data.Absences.Add(new Absence("agent-dupont", "pm-brigade-jour", CalendarFakes.Paris(7, 5, 0), CalendarFakes.Paris(7, 10, 0)));
        _data.Absences.Add(new Absence("agent-dupont", "pm-brigade-jour", CalendarFakes.Paris(7, 20, 12), CalendarFakes.Paris(7, 21, 0)));
        _app = CalendarFakes.CreateApp(_data);
    }

    public void Dispose() => _app.Dispose();

    private static DateTimeOffset Local(int month, int day, int hour) =>
        Saison.Application.Seasons.SeasonTime.ToOffset(new DateTime(2027, month, day, hour, 0, 0), Paris);

    public static TheoryData<string, string, string, string[]> Feeds => new()
    {
        { "agenda", string.Empty, string.Empty, [] },
        { "organiser", "org-snat", "Organiser", ["org-snat"] },
        { "organiser", "org-regates", "Organiser", ["org-regates"] },
        { "crew", "regie-son", "Technician", ["regie-son"] },
        { "team", "pm-brigade-jour", "Manager", ["pm-brigade-jour"] },
        { "team", "pm-brigade-jour", "ProjectCell", [] },
        { "plan", "agent-1", "Agent", ["agent-1"] },
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task Every_feed_read_by_Ical_Net_equals_what_it_meant_to_publish(string feed, string subject, string role, string[] scope)
    {
        var (text, meant) = await FeedAsync(feed, subject, role, scope);
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.NotEmpty(meant.Items);
        Assert.Equal(meant.Name, calendar.Properties["X-WR-CALNAME"]!.Value);
        Assert.Equal(meant.Description, calendar.Properties["X-WR-CALDESC"]!.Value);
        Assert.Equal("Europe/Paris", Assert.Single(calendar.TimeZones).TzId);

        var read = calendar.Events.Select(e => e!).GroupBy(e => BaseUid(e.Uid!)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(meant.Items.Select(i => i.Uid).Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach (var item in meant.Items)
        {
            var events = read[item.Uid];
            foreach (var e in events)
            {
                Assert.Equal(item.Title, e.Summary);
                Assert.Equal(item.Description, e.Description);
                Assert.Equal(item.Location, e.Location);
                Assert.Equal(item.Categories, e.Categories);
                Assert.Equal(item.Sequence, e.Sequence);
                Assert.Equal(item.Status?.ToString().ToUpperInvariant(), e.Status);
                Assert.Equal(item.AllDay, e.IsAllDay);
                Assert.Equal(Seconds(item.LastModified ?? DateTimeOffset.UnixEpoch), e.DtStamp!.AsUtc);
                Assert.Equal(item.LastModified is { } modified ? Seconds(modified) : null, e.LastModified?.AsUtc);
                Assert.True(e.IsAllDay || e.DtStart!.TzId == "Europe/Paris", $"{item.Uid}: times are in the season's zone");
            }

            var starts = item.Occurrences is { Count: > 1 } list ? list.Order().ToList() : [item.Start];
            var length = item.End - item.Start;
            var occurrences = events.SelectMany(e => e.GetOccurrences()).OrderBy(o => o.Period.StartTime.AsUtc).ToList();
            if (item.AllDay)
            {
                Assert.Equal(starts.Select(s => (Day(s), Day(s + length))), occurrences.Select(o => (o.Period.StartTime.Date, o.Period.EffectiveEndTime!.Date)));
            }
            else
            {
                Assert.Equal(starts.Select(s => (s.UtcDateTime, (s + length).UtcDateTime)), occurrences.Select(o => (o.Period.StartTime.AsUtc, o.Period.EffectiveEndTime!.AsUtc)));
            }
        }
    }

    [Fact]
    public async Task The_agenda_writes_a_regular_series_as_one_RRULE_with_EXDATE_and_an_irregular_one_as_copies()
    {
        var (text, _) = await FeedAsync("agenda", string.Empty, string.Empty, []);
        var events = Ical.Net.Calendar.Load(text)!.Events.Select(e => e!).ToList();
        var market = Assert.Single(events, e => BaseUid(e.Uid!) == "marche-nocturne.2027.agenda@saison");
        Assert.NotNull(market.RecurrenceRule);
        Assert.Single(market.ExceptionDates.GetAllDates());
        var evenings = Assert.Single(events, e => BaseUid(e.Uid!) == "veillee.2027.agenda@saison");
        Assert.Equal([20, 20, 20, 20], evenings.GetOccurrences().Select(o => o.Period.StartTime.Hour));
        Assert.Equal(3, events.Count(e => BaseUid(e.Uid!) == "visites.2027.agenda@saison"));
    }

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    private static DateTime Seconds(DateTimeOffset instant) => new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    /// <summary>An irregular series is written as copies whose UID is the item's prefixed with the start.</summary>
    private static string BaseUid(string uid) => System.Text.RegularExpressions.Regex.Replace(uid, "^[0-9]{8}T[0-9]{4}-", string.Empty);

    private async Task<(string Text, CalendarFeeds.FeedContent Meant)> FeedAsync(string feed, string subject, string role, string[] scope)
    {
        var feeds = _app.Services.GetRequiredService<CalendarFeeds>();
        if (feed == "agenda")
        {
            var agenda = await _app.Anonymous().GetAsync(new Uri("/calendars/agenda-2027.ics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, agenda.StatusCode);
            return (await agenda.Content.ReadAsStringAsync(), (await feeds.ItemsAsync(FeedKind.Agenda, 2027, null, false, string.Empty))!);
        }

        var created = await _app.ClientAs(role, scope.Length > 0 ? scope[0] : "cellule", scope).PostAsJsonAsync(new Uri("/api/seasons/2027/calendar-tokens", UriKind.Relative), new { feed, subject });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = (await created.ReadAsync<JsonElement>()).GetProperty("path").GetString()!;
        var token = (await _app.Services.GetRequiredService<FeedTokens>().ResolveAsync(path.Split('/')[^1][..^4]))!;
        var response = await _app.Anonymous().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), (await feeds.ItemsAsync(token.Feed, token.Season, token.Subject, token.IncludeNames, token.Salt))!);
    }
}
