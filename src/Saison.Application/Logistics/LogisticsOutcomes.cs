using Saison.Application.Contracts;

namespace Saison.Application.Logistics;

/// <summary>How the season's requests were decided and what the envelopes paid, for the COPIL (<see cref="ILogisticsOutcomes"/>).</summary>
public sealed class LogisticsOutcomes(LogisticsRequests requests, LogisticsCatalog catalog) : ILogisticsOutcomes
{
    public Task<IReadOnlyList<RequestLineOutcome>> ListLineOutcomesAsync(int season, CancellationToken cancellationToken = default) =>
        requests.LineOutcomesAsync(season, cancellationToken);

    public async Task<IReadOnlyList<EnvelopeConsumption>> ListEnvelopesAsync(int season, CancellationToken cancellationToken = default)
    {
        var result = await catalog.GetAsync(season, cancellationToken).ConfigureAwait(false);
        return result.Value is { } view
            ? [.. view.Envelopes.Select(e => new EnvelopeConsumption(e.ServiceId, e.Name, e.Amount, e.Consumed, e.Pending))]
            : [];
    }
}
