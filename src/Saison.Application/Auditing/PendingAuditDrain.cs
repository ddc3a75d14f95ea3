using Saison.Application.Calendars;
using Saison.Application.Crews;
using Saison.Application.Finance;
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
public sealed class PendingAuditDrain(AuditTrail audit, SeasonService seasons, StaffDirectory staff)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Every partition that audits its actions in their own transaction; returns how many actions were completed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        // The seasons themselves, and the calendar tokens of every season: one partition each.
        var drained = await audit.DrainAsync(SeasonTables.SeasonsTable, SeasonTables.SeasonPartition, Grace, cancellationToken).ConfigureAwait(false);
        drained += await audit.DrainAsync(FeedTokens.TableName, FeedTokens.Partition, Grace, cancellationToken).ConfigureAwait(false);
        foreach (var season in await seasons.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // One partition per season in each of these tables; leave, one per season and team.
            foreach (var (table, partition) in SeasonPartitions(season.Year))
            {
                drained += await audit.DrainAsync(table, partition, Grace, cancellationToken).ConfigureAwait(false);
            }

            foreach (var team in await staff.ListTeamsAsync(season.Year, cancellationToken).ConfigureAwait(false))
            {
                drained += await audit.DrainAsync(LeaveStore.TableName, LeaveStore.Partition(season.Year, team.Id), Grace, cancellationToken).ConfigureAwait(false);
            }
        }

        return drained;
    }

    private static IEnumerable<(string Table, string Partition)> SeasonPartitions(int year)
    {
        var key = SeasonTables.Key(year);
        yield return (SeasonTables.EventsTable, key);
        yield return (SeasonTables.OrganisersTable, key);
        yield return (SeasonTables.SitesTable, key);
        yield return (SeasonTables.PlanTable, key);
        yield return (LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(year));
        yield return (LogisticsStore.CatalogTable, LogisticsStore.SeasonKey(year));
        yield return (CrewStore.CrewTable, CrewStore.Key(year));
        yield return (CrewStore.PlanTable, CrewStore.Key(year));
        yield return (StaffDirectory.TableName, StaffDirectory.Partition(year));
        yield return (FinanceStore.Table, FinanceStore.SeasonKey(year));
    }
}
