using Saison.Application.Auditing;
using Saison.Application.Logistics;
using Saison.Application.Persistence;
using Saison.Application.Seasons;
using Saison.Domain.Events;
using Saison.Domain.Logistics;
using Saison.Domain.Planning;

namespace Saison.Application.Planning;

/// <summary>
/// Milestones that follow facts: when a logistics request for an event is submitted, answered, or the event's
/// agenda decision taken, the event's milestones whose template says so (<see cref="MilestoneTemplate.DoneWhen"/>)
/// are done that day, by the person whose action it was. The fact itself is in the audit trail.
/// </summary>
public sealed class MilestoneFacts : IFactFollower
{
    private readonly SeasonTables _tables;
    private readonly TimeProvider _time;

    public MilestoneFacts(SeasonTables tables, TimeProvider time)
    {
        _tables = tables;
        _time = time;
    }

    public async Task FollowAsync(Fact fact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fact);
        foreach (var (season, eventId, milestoneFact) in FactsOf(fact))
        {
            await CompleteAsync(season, eventId, milestoneFact, fact.Caller.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Which milestone facts an audited change is, for which event.</summary>
    public static IEnumerable<(int Season, string EventId, MilestoneFact Fact)> FactsOf(Fact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (fact is { Action: "logistics.request.submit", After: RequestView submitted })
        {
            yield return (submitted.Season, submitted.EventId, MilestoneFact.RequestSubmitted);
        }

        if (fact is { Action: "logistics.request.submit" or "logistics.request.decide", After: RequestView { Status: RequestStatus.Approved or RequestStatus.PartlyApproved or RequestStatus.Refused } answered })
        {
            yield return (answered.Season, answered.EventId, MilestoneFact.RequestAnswered);
        }

        if (fact is { Action: "event.agenda.in" or "event.agenda.out", After: SeasonEvent decided })
        {
            yield return (decided.Season, decided.Id, MilestoneFact.AgendaDecided);
        }
    }

    private async Task CompleteAsync(int season, string eventId, MilestoneFact fact, string by, CancellationToken cancellationToken)
    {
        var seasonRecord = await _tables.Seasons.GetAsync(SeasonTables.SeasonPartition, SeasonTables.Key(season), cancellationToken).ConfigureAwait(false);
        if (seasonRecord is null)
        {
            return;
        }

        var today = SeasonTime.Today(_time, SeasonTime.Zone(seasonRecord.Value.TimeZoneId));
        var partition = SeasonTables.Key(season);
        await OptimisticConcurrency.RetryAsync(
            async ct =>
            {
                var plan = await _tables.Plans.GetAsync(partition, SeasonTables.PlanKey(eventId), ct).ConfigureAwait(false);
                if (plan?.Value.Following(fact, today, by, _time.GetUtcNow()) is not { } done)
                {
                    return false;
                }

                await _tables.WritePlanAsync(season, SeasonTables.PlanKey(eventId), done, plan.ETag, _time.GetUtcNow(), cancellationToken: ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
