using Saison.Application.Seasons;

namespace Saison.Application.Finance;

/// <summary>
/// The previous season's money settings: crew rates, overtime premium, the taxe de séjour's grid (last year's nights as the
/// first estimate, nothing collected yet) and the tax on second homes. Cost lines and sponsors are the year's own: not copied.
/// </summary>
public sealed class FinanceCarryOver(FinanceStore store) : ISeasonCarryOverPart
{
    public int Order => 70;

    public string Name => "financeSettings";

    public async Task<int> CarryOverAsync(SeasonCarryOverContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await store.GetSettingsAsync(context.From.Year, cancellationToken).ConfigureAwait(false) is not { } settings)
        {
            return 0;
        }

        var carried = settings.Value with { TourismTax = [.. settings.Value.TourismTax.Select(t => t with { Collected = null })] };
        await store.UpsertSettingsAsync(context.Target.Year, carried, cancellationToken).ConfigureAwait(false);
        return 1;
    }
}
