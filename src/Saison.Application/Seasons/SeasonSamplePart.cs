using Saison.Application.Events;
using Saison.Application.Samples;
using Saison.Domain.Calendar;
using Saison.Domain.Destinations;
using Saison.Domain.Events;
using Saison.Domain.Organisers;
using Saison.Domain.Seasons;

namespace Saison.Application.Seasons;

/// <summary>
/// Loads the season itself, its organisers, sites and events from <c>season.json</c>,
/// <c>organisers.json</c>, <c>sites.json</c> and <c>events.json</c> (first of all parts).
/// Upserts by stable ids, so loading twice changes nothing.
/// </summary>
public sealed class SeasonSamplePart : ISampleSeasonPart
{
    private readonly SeasonTables _tables;
    private readonly TimeProvider _time;
    private readonly Destination _destination;

    public SeasonSamplePart(SeasonTables tables, TimeProvider time, Destination destination)
    {
        _destination = destination;
        _tables = tables;
        _time = time;
    }

    public int Order => 0;

    public string Name => "season";

    public async Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = await SampleFiles.ReadAsync<SeasonFile>(context.PathOf("season.json"), cancellationToken).ConfigureAwait(false);
        var season = new Season(
            file.Year,
            file.City ?? _destination.Name,
            file.TimeZoneId ?? _destination.TimeZoneId,
            new DateRange(file.FirstDay, file.LastDay),
            file.Peaks,
            file.Tonality ?? _destination.Tonality,
            file.Status,
            file.Decisions ?? []);
        var year = SeasonTables.Key(season.Year);
        await _tables.Seasons.UpsertAsync(SeasonTables.SeasonPartition, year, season, cancellationToken).ConfigureAwait(false);

        var organisers = await SampleFiles.ReadAsync<OrganisersFile>(context.PathOf("organisers.json"), cancellationToken).ConfigureAwait(false);
        foreach (var organiser in organisers.Organisers)
        {
            await _tables.Organisers.UpsertAsync(year, organiser.Id, organiser, cancellationToken).ConfigureAwait(false);
        }

        var sites = await SampleFiles.ReadAsync<SitesFile>(context.PathOf("sites.json"), cancellationToken).ConfigureAwait(false);
        foreach (var site in sites.Sites)
        {
            if (!_destination.HasSiteKind(site.Kind))
            {
                throw new InvalidDataException($"Sample site {site.Id}: its kind '{site.Kind}' is not a site kind of the destination {_destination.Id}.");
            }

            await _tables.Sites.UpsertAsync(year, site.Id, site, cancellationToken).ConfigureAwait(false);
        }

        var events = await SampleFiles.ReadAsync<EventsFile>(context.PathOf("events.json"), cancellationToken).ConfigureAwait(false);
        var zone = SeasonTime.Zone(season.TimeZoneId);
        var context2 = new EventContext(season, sites.Sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal), organisers.Organisers.Select(o => o.Id).ToHashSet(StringComparer.Ordinal));
        foreach (var sample in events.Events)
        {
            var e = ToEvent(season.Year, sample, zone, _time.GetUtcNow());
            var decision = EventRules.CheckContent(e, context2);
            if (decision.IsRefused)
            {
                throw new InvalidDataException($"Sample event {sample.Id} is invalid: {string.Join(" ", decision.Reasons.Select(r => r.Message))}");
            }

            await _tables.Events.UpsertAsync(year, SeasonTables.EventKey(e.Id), e, cancellationToken).ConfigureAwait(false);
        }

        await _tables.EventsRevisions.UpsertAsync(year, SeasonTables.EventsRevisionKey, new EventsRevision(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    private static SeasonEvent ToEvent(int season, SampleEvent sample, TimeZoneInfo zone, DateTimeOffset now)
    {
        var (schedule, failure) = EventInputParser.Schedule(sample.Start, sample.End, sample.FirstDay, sample.LastDay, zone);
        var (recurrence, recurrenceFailure) = EventInputParser.Recurrence(sample.Recurrence);
        if ((failure ?? recurrenceFailure) is { } invalid)
        {
            throw new InvalidDataException($"Sample event {sample.Id}: {invalid.Detail}");
        }

        return new SeasonEvent(
            sample.Id,
            season,
            sample.Title,
            sample.Description ?? string.Empty,
            sample.OrganiserId,
            sample.Kind,
            sample.Themes,
            sample.SiteId,
            schedule!,
            recurrence,
            sample.ExpectedAttendance,
            sample.Size,
            sample.Status,
            sample.Agenda,
            sample.AgendaNote,
            sample.ProposedOn,
            1,
            now);
    }

    private sealed record SeasonFile(int Year, string? City, string? TimeZoneId, DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<DateRange> Peaks, SeasonStatus Status, Tonality? Tonality, IReadOnlyList<CopilDecision>? Decisions);

    private sealed record OrganisersFile(IReadOnlyList<Organiser> Organisers);

    private sealed record SitesFile(IReadOnlyList<Site> Sites);

    private sealed record EventsFile(IReadOnlyList<SampleEvent> Events);

    private sealed record SampleEvent(
        string Id,
        string Title,
        string? Description,
        string OrganiserId,
        string Kind,
        IReadOnlyList<string> Themes,
        string SiteId,
        string? Start,
        string? End,
        DateOnly? FirstDay,
        DateOnly? LastDay,
        RecurrenceInput? Recurrence,
        int ExpectedAttendance,
        SizeClass Size,
        EventStatus Status,
        AgendaStatus Agenda,
        string? AgendaNote,
        DateOnly ProposedOn);
}
