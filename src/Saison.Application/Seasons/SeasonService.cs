using Azure;
using Saison.Application.Auditing;
using Saison.Application.Contracts;
using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Application.Planning;
using Saison.Domain.Calendar;
using Saison.Domain.Decisions;
using Saison.Domain.Organisers;
using Saison.Domain.Seasons;
using Saison.Storage;

namespace Saison.Application.Seasons;

/// <summary>The season record: bounds, peaks, tonality, lifecycle, COPIL decisions; its organisers and sites.</summary>
public sealed class SeasonService : ISeasons
{
    private readonly SeasonTables _tables;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly ISeasonPlanSync _plan;

    public SeasonService(SeasonTables tables, AuditTrail audit, TimeProvider time, ISeasonPlanSync plan)
    {
        _tables = tables;
        _audit = audit;
        _time = time;
        _plan = plan;
    }

    public async Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default)
    {
        var found = await GetAsync(season, cancellationToken).ConfigureAwait(false);
        return found is null ? null : Summarise(found.Value);
    }

    public static SeasonSummary Summarise(Season season)
    {
        ArgumentNullException.ThrowIfNull(season);
        return new(season.Year, season.City, season.TimeZoneId, season.Bounds.First, season.Bounds.Last, season.Peaks, Events.EventLookup.Wire(season.Status));
    }

    public Task<Versioned<Season>?> GetAsync(int season, CancellationToken cancellationToken = default) =>
        _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, SeasonTables.Key(season), cancellationToken);

    public async Task<IReadOnlyList<Season>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await _tables.Seasons.ListAsync(SeasonTables.SeasonPartition, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(v => v.Value).OrderBy(s => s.Year)];

    /// <summary>Creates a draft season; 409 if the year exists.</summary>
    public async Task<Outcome<Season>> CreateAsync(Caller caller, Season season, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(season);
        if (await GetAsync(season.Year, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new Failure(OutcomeKind.Conflict, $"La saison {season.Year} existe déjà.", [], "year");
        }

        try
        {
            var etag = await _audit.InsertAsync(caller, _tables.Seasons, SeasonTables.SeasonPartition, SeasonTables.Key(season.Year), season, new AuditRecord("season.create", Target(season.Year), null, season), cancellationToken).ConfigureAwait(false);
            return Outcome<Season>.Created(season, etag);
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return new Failure(OutcomeKind.Conflict, $"La saison {season.Year} existe déjà.", [], "year");
        }
    }

    /// <summary>New bounds and peaks, while the agenda is not validated and no event would fall outside.</summary>
    public Task<Outcome<Season>> ChangeBoundsAsync(Caller caller, int year, DateRange bounds, IReadOnlyList<DateRange> peaks, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(caller, year, ifMatch, "season.bounds", async (season, ct) =>
        {
            var events = await _tables.Events.ListAsync(SeasonTables.Key(year), SeasonTables.EventPrefix, ct).ConfigureAwait(false);
            var days = events.Select(e => e.Value).Where(e => e.Status != Domain.Events.EventStatus.Cancelled)
                .SelectMany(e => e.Occurrences()).SelectMany(o => new[] { o.FirstDay, o.LastDay });
            var decision = SeasonRules.CheckNewBounds(season, bounds, peaks, days);
            return decision.IsRefused
                ? Failure.From(decision, "Les bornes ne peuvent pas changer.", field: "firstDay")
                : season.WithBounds(bounds, peaks);
        }, cancellationToken);

    /// <summary>A new tonality; a theme still served by an event cannot be removed.</summary>
    public Task<Outcome<Season>> ChangeTonalityAsync(Caller caller, int year, Tonality tonality, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(caller, year, ifMatch, "season.tonality", async (season, ct) =>
        {
            ArgumentNullException.ThrowIfNull(tonality);
            if (season.Status == SeasonStatus.Closed)
            {
                return Failure.From(SeasonRules.CheckOpenForChanges(season), "La tonalité ne change plus.", OutcomeKind.Conflict);
            }

            var events = await _tables.Events.ListAsync(SeasonTables.Key(year), SeasonTables.EventPrefix, ct).ConfigureAwait(false);
            var used = events.Select(e => e.Value).Where(e => e.Status != Domain.Events.EventStatus.Cancelled)
                .SelectMany(e => e.Themes).Distinct(StringComparer.Ordinal).Where(t => !tonality.HasTheme(t)).Order(StringComparer.Ordinal).ToList();
            if (used.Count > 0)
            {
                var decision = Decision.Refused(used.Select(t => new Reason("theme-in-use", $"Le thème « {t} » est encore servi par des événements de la saison.")));
                return Failure.From(decision, "La tonalité ne peut pas retirer ces thèmes.", field: "themes");
            }

            return season.WithTonality(tonality);
        }, cancellationToken);

    /// <summary>One step forward in the lifecycle.</summary>
    public Task<Outcome<Season>> MoveToAsync(Caller caller, int year, SeasonStatus target, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(caller, year, ifMatch, "season.status", (season, _) =>
        {
            var today = SeasonTime.Today(_time, SeasonTime.Zone(season.TimeZoneId));
            var decision = SeasonRules.CheckTransition(season, target, today);
            return Task.FromResult<Either>(decision.IsRefused
                ? Failure.From(decision, $"La saison ne peut pas passer au statut « {SeasonRules.Describe(target)} ».", OutcomeKind.Conflict, "status")
                : season.WithStatus(target));
        }, cancellationToken);

    /// <summary>Logs a COPIL decision.</summary>
    public Task<Outcome<Season>> RecordDecisionAsync(Caller caller, int year, DateOnly date, string text, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        UpdateAsync(caller, year, ifMatch, "season.decision", (season, _) =>
        {
            ArgumentNullException.ThrowIfNull(caller);
            var decision = new CopilDecision($"d{season.Decisions.Count + 1}", date, text.Trim(), caller.Name);
            return Task.FromResult<Either>(season.PlusDecision(decision));
        }, cancellationToken);

    public async Task<IReadOnlyList<Organiser>> ListOrganisersAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await ListVersionedOrganisersAsync(season, cancellationToken).ConfigureAwait(false)).Select(v => v.Value)];

    /// <summary>The season's organisers by name, each with its ETag.</summary>
    public async Task<IReadOnlyList<Versioned<Organiser>>> ListVersionedOrganisersAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await _tables.Organisers.ListAsync(SeasonTables.Key(season), cancellationToken: cancellationToken).ConfigureAwait(false)).OrderBy(o => o.Value.Name, StringComparer.Ordinal)];

    public Task<Versioned<Organiser>?> GetOrganiserAsync(int season, string id, CancellationToken cancellationToken = default) =>
        _tables.Organisers.GetAsync(SeasonTables.Key(season), id, cancellationToken);

    public async Task<IReadOnlyList<Site>> ListSitesAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await ListVersionedSitesAsync(season, cancellationToken).ConfigureAwait(false)).Select(v => v.Value)];

    /// <summary>The season's sites by name, each with its ETag.</summary>
    public async Task<IReadOnlyList<Versioned<Site>>> ListVersionedSitesAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await _tables.Sites.ListAsync(SeasonTables.Key(season), cancellationToken: cancellationToken).ConfigureAwait(false)).OrderBy(s => s.Value.Name, StringComparer.Ordinal)];

    public Task<Versioned<Site>?> GetSiteAsync(int season, string id, CancellationToken cancellationToken = default) =>
        _tables.Sites.GetAsync(SeasonTables.Key(season), id, cancellationToken);

    /// <summary>Registers or updates an organiser: creation without If-Match, update with it.</summary>
    public Task<Outcome<Organiser>> SaveOrganiserAsync(Caller caller, int season, Organiser organiser, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        SaveReferenceAsync(caller, season, _tables.Organisers, organiser.Id, organiser, ifMatch, "organiser.save", cancellationToken);

    /// <summary>Registers or updates a site: creation without If-Match, update with it.</summary>
    public Task<Outcome<Site>> SaveSiteAsync(Caller caller, int season, Site site, ETag? ifMatch, CancellationToken cancellationToken = default) =>
        SaveReferenceAsync(caller, season, _tables.Sites, site.Id, site, ifMatch, "site.save", cancellationToken);

    private async Task<Outcome<T>> SaveReferenceAsync<T>(Caller caller, int season, DocumentTable<T> table, string id, T value, ETag? ifMatch, string action, CancellationToken cancellationToken)
        where T : class
    {
        if (await GetAsync(season, cancellationToken).ConfigureAwait(false) is null)
        {
            return Failure.NotFound($"La saison {season} n'existe pas.");
        }

        var partition = SeasonTables.Key(season);
        var current = await table.GetAsync(partition, id, cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is null)
            {
                var created = await _audit.InsertAsync(caller, table, partition, id, value, new AuditRecord(action, $"seasons/{season}/{table.Table.ToLowerInvariant()}/{id}", null, value), cancellationToken).ConfigureAwait(false);
                return Outcome<T>.Ok(value, created);
            }

            if (ifMatch is not { } etag)
            {
                return Failure.PreconditionRequired();
            }

            var replaced = await _audit.ReplaceAsync(caller, table, partition, id, value, etag, new AuditRecord(action, $"seasons/{season}/{table.Table.ToLowerInvariant()}/{id}", current.Value, value), cancellationToken).ConfigureAwait(false);
            return Outcome<T>.Ok(value, replaced);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Failure.PreconditionFailed();
        }
        catch (TableStoreException e) when (e.ErrorCode == TableErrorCodes.EntityAlreadyExists)
        {
            return Failure.PreconditionFailed();
        }
    }

    private async Task<Outcome<Season>> UpdateAsync(Caller caller, int year, ETag? ifMatch, string action, Func<Season, CancellationToken, Task<Either>> change, CancellationToken cancellationToken)
    {
        var current = await GetAsync(year, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Failure.NotFound($"La saison {year} n'existe pas.");
        }

        if (ifMatch is not { } etag)
        {
            return Failure.PreconditionRequired();
        }

        if (etag != current.ETag)
        {
            return Failure.PreconditionFailed();
        }

        var outcome = await change(current.Value, cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            return failure;
        }

        var changed = outcome.Season!;
        try
        {
            var written = await _audit.ReplaceAsync(caller, _tables.Seasons, SeasonTables.SeasonPartition, SeasonTables.Key(year), changed, etag, new AuditRecord(action, Target(year), current.Value, changed), cancellationToken).ConfigureAwait(false);
            await _plan.SeasonChangedAsync(caller, current.Value, changed, cancellationToken).ConfigureAwait(false);
            return Outcome<Season>.Ok(changed, written);
        }
        catch (TableStoreException e) when (e.IsPreconditionFailed)
        {
            return Failure.PreconditionFailed();
        }
    }

    private static string Target(int year) => $"seasons/{year}";

    /// <summary>A changed season or the reason it may not change.</summary>
    private sealed record Either(Season? Season, Failure? Failure)
    {
        public static implicit operator Either(Season season) => new(season, null);

        public static implicit operator Either(Failure failure) => new(null, failure);
    }
}
