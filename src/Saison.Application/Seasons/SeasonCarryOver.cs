using Saison.Application.Auditing;
using Saison.Application.Identity;
using Saison.Application.Outcomes;
using Saison.Domain.Calendar;
using Saison.Domain.Destinations;
using Saison.Domain.Events;
using Saison.Domain.Seasons;

namespace Saison.Application.Seasons;

/// <summary>
/// One area's part of starting a season from the previous one: it copies its records of
/// <see cref="SeasonCarryOverContext.From"/> into <see cref="SeasonCarryOverContext.Target"/>, dates moved by
/// <see cref="SeasonCarryOverContext.ShiftDays"/>. Copies are upserts by the same ids, so running it again after an
/// interruption converges to the same season.
/// </summary>
public interface ISeasonCarryOverPart
{
    /// <summary>Parts run in ascending order (what others refer to first).</summary>
    int Order { get; }

    /// <summary>The part's name in the answer (<c>sites</c>, <c>agents</c>…).</summary>
    string Name { get; }

    /// <summary>Copies the part's records; returns how many.</summary>
    Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default);
}

/// <summary>What a part needs: both seasons, the shift in days (whole weeks), the events proposed again.</summary>
public sealed record SeasonCarryOverContext(Season From, Season Target, int ShiftDays, IReadOnlySet<string> EventIds, Caller Caller, DateOnly Today, DateTimeOffset Now)
{
    /// <summary>The public holidays the destination observes (fixed-date ones anchor what falls on them).</summary>
    public required Func<DateOnly, PublicHoliday?> HolidayOn { get; init; }

    /// <summary>How far something from <paramref name="first"/> to <paramref name="last"/> moves: same weekdays, or the same fixed-date holiday.</summary>
    public int ShiftOf(DateOnly first, DateOnly last) => SeasonRules.CarryShiftDays(first, last, Target.Year - From.Year, ShiftDays, HolidayOn);

    /// <summary>An event's shift, the same for its dates, its recurrence and what follows it.</summary>
    public int ShiftOf(SeasonEvent e) => SeasonRules.CarryShiftDays(e, Target.Year - From.Year, ShiftDays, HolidayOn);
}

/// <summary>What starting <see cref="Year"/> from <see cref="From"/> would do: bounds and peaks moved to the same weekdays, the events proposed again.</summary>
public sealed record CarryOverPlan(int From, int Year, int ShiftDays, DateRange Bounds, IReadOnlyList<DateRange> Peaks, IReadOnlyList<CarriedEvent> Events);

/// <summary>An event of the previous season and its dates in the new one (same weekdays).</summary>
public sealed record CarriedEvent(string Id, string Title, string OrganiserId, string SiteId, bool Recurring, DateOnly FirstDay, DateOnly LastDay, DateOnly NewFirstDay, DateOnly NewLastDay);

/// <summary>The new season and how many records each part copied.</summary>
public sealed record CarryOverResult(Season Season, int From, int ShiftDays, IReadOnlyList<CarriedPart> Parts);

public sealed record CarriedPart(string Name, int Records);

/// <summary>
/// Starts a season from the previous one (multi-year programming): bounds and peaks moved by whole weeks to the
/// same weekdays, tonality, organisers, sites, plan templates, staff, catalogue, rules, crews and presence rules
/// copied, the chosen events proposed again (proposed, agenda to decide). The new season record is written last:
/// until it exists nothing of it is visible, and a second attempt after an interruption completes it.
/// </summary>
public sealed class SeasonCarryOver(SeasonTables tables, SeasonService seasons, IEnumerable<ISeasonCarryOverPart> parts, AuditTrail audit, TimeProvider time, Destination destination)
{
    /// <summary>What carrying <paramref name="from"/> over to <paramref name="to"/> (default the next year) would give.</summary>
    public async Task<Outcome<CarryOverPlan>> PreviewAsync(int from, int? to, CancellationToken cancellationToken = default) =>
        (await PlanAsync(from, to, cancellationToken).ConfigureAwait(false)).Select(p => p.Plan);

    /// <summary>
    /// Creates season <paramref name="to"/> (default the next year) from <paramref name="from"/>, proposing again the
    /// events of <paramref name="eventIds"/> (all that were not cancelled when null).
    /// </summary>
    public async Task<Outcome<CarryOverResult>> CarryOverAsync(Caller caller, int from, int? to, IReadOnlyList<string>? eventIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var planned = await PlanAsync(from, to, cancellationToken).ConfigureAwait(false);
        if (planned.Failure is { } refused)
        {
            return refused;
        }

        var (source, plan) = planned.Value;
        var known = plan.Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        if (eventIds?.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            return Failure.Validation("eventIds", $"L'événement « {unknown} » n'est pas un événement de la saison {from} à reconduire (inconnu ou annulé).");
        }

        var target = new Season(plan.Year, source.City, source.TimeZoneId, plan.Bounds, plan.Peaks, source.Tonality, SeasonStatus.Draft, []);
        var context = new SeasonCarryOverContext(
            source,
            target,
            plan.ShiftDays,
            (eventIds ?? [.. known]).ToHashSet(StringComparer.Ordinal),
            caller,
            SeasonTime.Today(time, SeasonTime.Zone(source.TimeZoneId)),
            time.GetUtcNow())
        {
            HolidayOn = destination.Holidays.On,
        };
        var copied = new List<CarriedPart>();
        foreach (var part in parts.OrderBy(p => p.Order))
        {
            copied.Add(new CarriedPart(part.Name, await part.CarryOverAsync(context, cancellationToken).ConfigureAwait(false)));
        }

        var created = await seasons.CreateAsync(caller, target, cancellationToken).ConfigureAwait(false);
        if (created.Failure is { } failure)
        {
            return failure;
        }

        await audit.RecordAsync(caller, "season.carry-over", $"seasons/{plan.Year}", null, new { from, plan.ShiftDays, Parts = copied }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Outcome<CarryOverResult>.Created(new CarryOverResult(created.Value!, from, plan.ShiftDays, copied), created.ETag!.Value);
    }

    /// <summary>The season carried from and what carrying it gives, or why it cannot be.</summary>
    private async Task<Outcome<(Season Source, CarryOverPlan Plan)>> PlanAsync(int from, int? to, CancellationToken cancellationToken)
    {
        if (await seasons.GetAsync(from, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return Failure.NotFound($"La saison {from} n'existe pas.");
        }

        var source = found.Value;
        var year = to ?? from + 1;
        var decision = SeasonRules.CheckCarryOver(source, year);
        if (decision.IsRefused)
        {
            return Failure.Validation("year", decision.Reasons[0].Message);
        }

        if (await seasons.GetAsync(year, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Failure.Conflict($"La saison {year} existe déjà : elle ne peut pas repartir de la saison {from}.");
        }

        var shift = SeasonRules.WeekdayShiftDays(source.Bounds.First, year);
        var events = await tables.Events.ListAsync(SeasonTables.Key(from), SeasonTables.EventPrefix, cancellationToken).ConfigureAwait(false);
        var carried = events.Select(v => v.Value)
            .Where(e => e.Status != EventStatus.Cancelled)
            .OrderBy(e => e.Schedule.Start)
            .ThenBy(e => e.Title, StringComparer.CurrentCulture)
            .Select(e => (Event: e, Shift: SeasonRules.CarryShiftDays(e, year - from, shift, destination.Holidays.On)))
            .Select(c => new CarriedEvent(c.Event.Id, c.Event.Title, c.Event.OrganiserId, c.Event.SiteId, c.Event.Recurrence is not null, c.Event.FirstDay, c.Event.LastDay, c.Event.FirstDay.AddDays(c.Shift), c.Event.LastDay.AddDays(c.Shift)))
            .ToList();
        var plan = new CarryOverPlan(from, year, shift, Shifted(source.Bounds, shift), [.. source.Peaks.Select(p => Shifted(p, shift))], carried);
        return Outcome<(Season, CarryOverPlan)>.Ok((source, plan));
    }

    private static DateRange Shifted(DateRange range, int days) => new(range.First.AddDays(days), range.Last.AddDays(days));
}
