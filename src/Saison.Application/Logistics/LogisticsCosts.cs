using Saison.Application.Contracts;
using Saison.Domain.Finance;
using Saison.Domain.Logistics;

namespace Saison.Application.Logistics;

/// <summary>
/// The cost of every claim of a season (<see cref="ILogisticsCosts"/>), from the records the requests maintain — the claims
/// and the catalogue's unit costs — with no allocation run: what a line costs is what it holds. The claims are those the
/// store keeps read for the requests' use cases (one query for the stock heads; a resource's claims are read again only
/// when its head changed), not the season's claims read and parsed again at each call.
/// </summary>
public sealed class LogisticsCosts(LogisticsStore store) : ILogisticsCosts
{
    public async Task<IReadOnlyList<LogisticsCost>> ListLineCostsAsync(int season, CancellationToken cancellationToken = default)
    {
        var items = (await store.ListItemsAsync(season, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Value.Id, i => i.Value, StringComparer.Ordinal);
        var claims = await store.ReadAllocationsAsync(season, items.Keys, cancellationToken).ConfigureAwait(false);
        var costs = new List<LogisticsCost>();
        foreach (var (itemId, read) in claims)
        {
            var item = items[itemId];
            foreach (var entry in read.Ledger.Entries)
            {
                var consumed = entry.Holds ? item.CostOver(entry.Granted, entry.Start, entry.End) : 0m;
                var pending = entry.State == AllocationState.Pending ? item.CostOver(entry.Requested, entry.Start, entry.End) : 0m;
                if (consumed > 0m || pending > 0m)
                {
                    costs.Add(new LogisticsCost(entry.EventId, item.ServiceId, DateOnly.FromDateTime(entry.Start.DateTime), consumed, pending));
                }
            }
        }

        return costs;
    }

    public async Task<IReadOnlyList<EnvelopeAmount>> ListEnvelopeAmountsAsync(int season, CancellationToken cancellationToken = default) =>
        [.. (await store.GetPolicyAsync(season, cancellationToken).ConfigureAwait(false)).Envelopes.Select(e => new EnvelopeAmount(e.ServiceId, e.Name, e.Amount))];
}
