using Saison.Application.Samples;
using Saison.Domain.Finance;

namespace Saison.Application.Finance;

/// <summary>The sample season's money (clearly sample amounts): rates, the taxe de séjour's grid, cost lines and sponsors, from <c>money.json</c>.</summary>
public sealed class FinanceSamplePart(FinanceStore store) : ISampleSeasonPart
{
    public const string FileName = "money.json";

    /// <summary>After the events and the catalogue.</summary>
    public int Order => 70;

    public string Name => "finance";

    public async Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.PathOf(FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var file = await SampleFiles.ReadAsync<SampleMoneyFile>(path, cancellationToken).ConfigureAwait(false);
        var (settings, invalid) = FinanceLedger.BuildSettings(file.Settings);
        if (settings is null)
        {
            throw new InvalidDataException($"{path}: {invalid!.Detail}");
        }

        var key = FinanceStore.SeasonKey(context.Season);
        await store.UpsertSettingsAsync(context.Season, settings, cancellationToken).ConfigureAwait(false);
        foreach (var c in file.CostLines)
        {
            await store.CostLines.UpsertAsync(key, FinanceStore.CostRow(c.Id!), new CostLine(c.Id!, c.Label!, c.Category!.Value, c.BudgetLine!, c.Amount, c.EventId, c.ServiceId, c.Date, c.Note), cancellationToken).ConfigureAwait(false);
        }

        foreach (var s in file.Sponsorships)
        {
            await store.Sponsorships.UpsertAsync(key, FinanceStore.SponsorRow(s.Id!), new Sponsorship(s.Id!, s.EventId!, s.Sponsor!, s.Kind!.Value, s.Status!.Value, s.Amount, s.InKindValue, s.InKindDescription, s.Note), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record SampleMoneyFile(string Sample, FinanceSettingsInput Settings, IReadOnlyList<CostLineInput> CostLines, IReadOnlyList<SponsorshipInput> Sponsorships);
}
