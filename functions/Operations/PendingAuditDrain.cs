using Saison.Application.Auditing;
using Saison.Application.Logistics;
using Saison.Application.Seasons;

namespace Saison.Functions.Operations;

/// <summary>
/// Completes the actions whose process stopped after their transaction and before their audit entries reached the trail
/// (<see cref="AuditTrail.DrainAsync"/>): at start, and by the <c>AuditOutbox</c> timer. Rows younger than
/// <see cref="Grace"/> are left to the process that is completing them.
/// </summary>
public sealed class PendingAuditDrain(AuditTrail audit, SeasonService seasons)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Every season's partitions that audit their actions in their own transaction; returns how many actions were completed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var drained = 0;
        foreach (var season in await seasons.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            drained += await audit.DrainAsync(LogisticsStore.SeasonTable, LogisticsStore.SeasonKey(season.Year), Grace, cancellationToken).ConfigureAwait(false);
        }

        return drained;
    }
}
