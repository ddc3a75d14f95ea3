using System.Net;
using Saison.Application.Contracts;
using Saison.Calendars.ICalendar;
using Saison.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Saison.Functions.Tests.Calendars;

/// <summary>The public agenda of the sample season, through the other areas' real implementations.</summary>
public sealed class SampleSeasonFeedTests : IClassFixture<SaisonApp>
{
    private readonly SaisonApp _app;

    public SampleSeasonFeedTests(SaisonApp app) => _app = app;

    [Fact]
    public async Task Agenda_of_the_sample_season_lists_its_agenda_events_in_its_time_zone()
    {
        var season = await _app.Services.GetRequiredService<ISeasons>().FindAsync(2027);
        Assert.NotNull(season);
        var events = await _app.Services.GetRequiredService<ISeasonEvents>().ListAsync(2027);
        var inAgenda = events.Where(e => e.InTourismAgenda).ToList();
        Assert.NotEmpty(inAgenda);

        var response = await _app.Anonymous().GetAsync(new Uri("/calendars/agenda-2027.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(season!.TimeZoneId, Assert.Single(calendar.TimeZones).TzId);
        Assert.Equal(inAgenda.Select(e => e!.Id).Order(StringComparer.Ordinal), calendar.Events.Select(e => System.Text.RegularExpressions.Regex.Replace(e!.Uid!.Split('.')[0], "^[0-9]{8}T[0-9]{4}-", string.Empty)).Distinct().Order(StringComparer.Ordinal));
        var first = inAgenda.Where(e => !e.AllDay && e.Occurrences.Count <= 1).OrderBy(e => e.Start).FirstOrDefault();
        if (first is not null)
        {
            var written = calendar.Events.Single(e => e!.Uid!.StartsWith(first.Id + ".", StringComparison.Ordinal));
            Assert.Equal(first.Start, new DateTimeOffset(written.DtStart!.AsUtc));
            Assert.Equal(first.Title, written.Summary);
        }
    }
}
