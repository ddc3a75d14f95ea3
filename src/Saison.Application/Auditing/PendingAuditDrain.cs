using Saison.Application.Leave;
using Saison.Application.Logistics;
using Saison.Application.Seasons;
using Saison.Application.Staff;

namespace Saison.Application.Auditing;

/// <summary>
/// Completes the actions whose process stopped after their transaction and before their audit entries reached the trail
/// (<see cref="AuditTrail.DrainAsync"/>): at start, and by the <c>AuditOutbox</c> timer. Rows younger than
/// <see cref="Grace"/> are left to the process that is completing them.
/// </summary>
public sealed class PendingAuditDrain(AuditTrail audit, SeasonService seasons, SeasonTables tables, StaffDirectory staff)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Every season's partitions that audit their actions in their own transaction; returns how many actions were completed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var drained = 0;
        foreach (var season in await seasons.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // Events and logistics: one partition per season; leave: one per season and team.
            drained += await audit.DrainAsync(tables.Events.Table, SeasonTables.Key(season.Year), Grace, cancellationToken).ConfigureAwait(false);
            drained += await audit.DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(season.Year), Grace, cancellationToken).ConfigureAwait(false);
            foreach (var team in await staff.ListTeamsAsync(season.Year, cancellationToken).ConfigureAwait(false))
            {
                drained += await audit.DrainAsync(LeaveStore.TableName, LeaveStore.Partition(season.Year, team.Id), Grace, cancellationToken).ConfigureAwait(false);
            }
        }

        return drained;
    }
}
