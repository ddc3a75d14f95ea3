using Saison.Application.Contracts;
using Saison.Application.Identity;
using System.Text.Json;
using Saison.Domain.Logistics;

namespace Saison.Application.Logistics;

/// <summary>How the season's requests were decided and what the envelopes paid, for the COPIL (<see cref="ILogisticsOutcomes"/>).</summary>
public sealed class LogisticsOutcomes(LogisticsRequests requests, LogisticsCatalog catalog) : ILogisticsOutcomes
{
    public async Task<IReadOnlyList<RequestLineOutcome>> ListLineOutcomesAsync(int season, CancellationToken cancellationToken = default)
    {
        var all = await requests.ListAsync(Caller.System, season, cancellationToken).ConfigureAwait(false);
        return
        [
            .. all.Where(r => r.Status != RequestStatus.Draft).SelectMany(r => r.Lines.Select(l => new RequestLineOutcome(
                r.Id,
                l.LineId,
                r.OrganiserId,
                r.OrganiserKind,
                JsonNamingPolicy.CamelCase.ConvertName(l.Decision.ToString()),
                l.Quantity,
                l.Granted,
                l.Cost))),
        ];
    }

    public async Task<IReadOnlyList<EnvelopeConsumption>> ListEnvelopesAsync(int season, CancellationToken cancellationToken = default)
    {
        var result = await catalog.GetAsync(season, cancellationToken).ConfigureAwait(false);
        return result.Value is { } view
            ? [.. view.Envelopes.Select(e => new EnvelopeConsumption(e.ServiceId, e.Name, e.Amount, e.Consumed, e.Pending))]
            : [];
    }
}
