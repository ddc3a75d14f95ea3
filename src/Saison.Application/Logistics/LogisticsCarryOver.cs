using Saison.Application.Crews;
using Saison.Application.Seasons;

namespace Saison.Application.Logistics;

/// <summary>The previous season's catalogue items, rules (lead times, service levels, envelopes) and crews.</summary>
public sealed class LogisticsCarryOver(LogisticsStore store, CrewStore crews) : ISeasonCarryOverPart
{
    /// <summary>After the staff (items and crews name services and agents).</summary>
    public int Order => 40;

    public string Name => "logistics";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (from, to) = (context.From.Year, context.Target.Year);
        var items = await store.ListItemsAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            await store.Items.UpsertAsync(LogisticsStore.SeasonKey(to), LogisticsStore.ItemRow(item.Value.Id), item.Value, cancellationToken).ConfigureAwait(false);
        }

        var policy = await store.GetVersionedPolicyAsync(from, cancellationToken).ConfigureAwait(false);
        if (policy is not null)
        {
            await store.UpsertPolicyAsync(to, policy.Value, cancellationToken).ConfigureAwait(false);
        }

        var teams = await crews.Crews.ListAsync(CrewStore.Key(from), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var crew in teams)
        {
            await crews.UpsertCrewAsync(to, crew.Value, cancellationToken).ConfigureAwait(false);
        }

        return items.Count + (policy is null ? 0 : 1) + teams.Count;
    }
}
