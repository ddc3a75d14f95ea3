using Saison.Application.Events;
using Saison.Domain.Events;
using Saison.Storage;

namespace Saison.Application.Seasons;

/// <summary>The organisers and sites of the previous season, as they were.</summary>
public sealed class OrganisersAndSitesCarryOver(SeasonTables tables) : ISeasonCarryOverPart
{
    public int Order => 0;

    public string Name => "organisersAndSites";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (from, to) = (SeasonTables.Key(context.From.Year), SeasonTables.Key(context.Target.Year));
        var organisers = await tables.Organisers.ListAsync(from, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var organiser in organisers)
        {
            await tables.Organisers.UpsertAsync(to, organiser.Value.Id, organiser.Value, cancellationToken).ConfigureAwait(false);
        }

        var sites = await tables.Sites.ListAsync(from, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var site in sites)
        {
            await tables.Sites.UpsertAsync(to, site.Value.Id, site.Value, cancellationToken).ConfigureAwait(false);
        }

        return organisers.Count + sites.Count;
    }
}

/// <summary>
/// The chosen events proposed again under the same ids, on the same weekdays: proposed, their agenda to decide,
/// each written with its reverse plan (from the new season's templates) in one transaction.
/// </summary>
public sealed class EventsCarryOver(SeasonTables tables, IEventPlanSync plans) : ISeasonCarryOverPart
{
    /// <summary>After the plan templates.</summary>
    public int Order => 50;

    public string Name => "events";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = SeasonTables.Key(context.Target.Year);
        var events = await tables.Events.ListAsync(SeasonTables.Key(context.From.Year), SeasonTables.EventPrefix, cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var e in events.Select(v => v.Value).Where(e => context.EventIds.Contains(e.Id)))
        {
            var shift = context.ShiftOf(e);
            var again = new SeasonEvent(
                e.Id,
                context.Target.Year,
                e.Title,
                e.Description,
                e.OrganiserId,
                e.Kind,
                e.Themes,
                e.SiteId,
                new EventSchedule(e.Schedule.Start.AddDays(shift), e.Schedule.End.AddDays(shift), e.Schedule.AllDay),
                e.Recurrence is { } r ? new WeeklyRecurrence(r.Days, r.Until?.AddDays(shift), r.Count, [.. r.Exceptions.Select(d => d.AddDays(shift))], r.Interval) : null,
                e.ExpectedAttendance,
                e.Size,
                EventStatus.Proposed,
                AgendaStatus.Pending,
                null,
                context.Today,
                1,
                context.Now);
            var actions = new List<TableTransactionAction> { TableTransactionAction.UpsertReplace(tables.Events.ToEntity(to, SeasonTables.EventKey(again.Id), again)) };
            actions.AddRange(await plans.PlanActionsAsync(context.Target, null, again, context.Today, cancellationToken).ConfigureAwait(false));
            await tables.SubmitEventsAsync(context.Target.Year, actions, context.Now, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
