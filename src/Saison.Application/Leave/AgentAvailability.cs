using Saison.Application.Contracts;
using Saison.Application.Staff;

namespace Saison.Application.Leave;

/// <summary>
/// Approved absences for crew scheduling, read from each team's ledger. Times are local to the
/// season's time zone (from <see cref="ISeasons"/>): a whole day runs midnight to midnight, a morning
/// to noon, an afternoon from noon.
/// </summary>
public sealed class AgentAvailability(LeaveStore store, StaffDirectory directory, SeasonTimeZones zones) : IAgentAvailability
{
    /// <summary>Approved absences overlapping <c>from</c>–<c>to</c> (both included), every team of the season.</summary>
    public async Task<IReadOnlyList<Absence>> ListAbsencesAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var zone = await zones.ZoneOfAsync(season, cancellationToken).ConfigureAwait(false);
        var absences = new List<Absence>();
        foreach (var team in await directory.ListTeamsAsync(season, cancellationToken).ConfigureAwait(false))
        {
            var ledger = await store.LedgerAsync(season, team.Id, cancellationToken).ConfigureAwait(false);
            if (ledger is null)
            {
                continue;
            }

            foreach (var booking in ledger.Value.Approved.Where(b => b.Period.First <= to && b.Period.Last >= from))
            {
                var start = booking.Period.StartsAfternoon ? booking.Period.First.ToDateTime(new TimeOnly(12, 0)) : booking.Period.First.ToDateTime(TimeOnly.MinValue);
                var end = booking.Period.EndsAtNoon ? booking.Period.Last.ToDateTime(new TimeOnly(12, 0)) : booking.Period.Last.AddDays(1).ToDateTime(TimeOnly.MinValue);
                absences.Add(new Absence(booking.AgentId, team.Id, SeasonTimeZones.Local(start, zone), SeasonTimeZones.Local(end, zone)));
            }
        }

        return absences;
    }
}

/// <summary>The time zone of a season, from its record (data, never a literal: any city).</summary>
public sealed class SeasonTimeZones(ISeasons seasons)
{
    /// <summary>The season's zone; UTC for an unknown season or zone (absences then carry offset zero).</summary>
    public async Task<TimeZoneInfo> ZoneOfAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is { } summary
            && TimeZoneInfo.TryFindSystemTimeZoneById(summary.TimeZoneId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }

    /// <summary>A local wall-clock time with the zone's offset at that moment.</summary>
    public static DateTimeOffset Local(DateTime local, TimeZoneInfo zone) => Seasons.SeasonTime.ToOffset(local, zone);
}
