using Saison.Application.Crews;
using Saison.Application.Samples;
using Saison.Domain.Logistics;
using Saison.Domain.Organisers;

namespace Saison.Application.Logistics;

/// <summary>The sample season's catalogue, service levels, envelopes, lead times and crews, from <c>catalog.json</c>.</summary>
public sealed class LogisticsSampleSeasonPart : ISampleSeasonPart
{
    public const string FileName = "catalog.json";
    private readonly LogisticsStore _store;
    private readonly CrewStore _crews;

    public LogisticsSampleSeasonPart(LogisticsStore store, CrewStore crews)
    {
        _store = store;
        _crews = crews;
    }

    /// <summary>After the season, its events and its staff.</summary>
    public int Order => 40;

    public string Name => "logistics";

    public async Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.PathOf(FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var file = await SampleFiles.ReadAsync<SampleCatalogFile>(path, cancellationToken).ConfigureAwait(false);

        foreach (var input in file.Items)
        {
            var crew = input.Crew is { } c ? new CrewWork(c.Skill!, c.SetupMinutes, c.SetupMinutesPerUnit, c.TeardownMinutes, c.TeardownMinutesPerUnit, c.Presence, c.UnitsPerAgent) : null;
            var item = new CatalogItem(input.Id!, input.Name!, input.Kind!.Value, input.Unit!, input.UnitCost, input.ServiceId!, input.Capacity, input.DepotId,
                TimeSpan.FromHours(input.TurnaroundHours), TimeSpan.FromHours(input.DeliveryBeforeHours), TimeSpan.FromHours(input.PickupAfterHours), crew);
            await _store.Items.UpsertAsync(LogisticsStore.SeasonKey(context.Season), LogisticsStore.ItemRow(item.Id), item, cancellationToken).ConfigureAwait(false);
        }

        var policy = new CatalogPolicy(
            new LeadTimePolicy(file.LeadTimes.WorkingDaysBySizeClass, file.LeadTimes.DefaultWorkingDays),
            [.. file.ServiceLevels.Select(l => new ServiceLevel(l.OrganiserKind, l.InSeason, [.. l.Allowances], l.MaxCostPerRequest, l.MaxLines))],
            [.. file.Envelopes.Select(e => new BudgetEnvelope(e.ServiceId, e.Name, e.Amount))]);
        await _store.UpsertPolicyAsync(context.Season, policy, cancellationToken).ConfigureAwait(false);

        foreach (var crew in file.Crews)
        {
            await _crews.UpsertCrewAsync(context.Season, crew, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record SampleCatalogFile(
        string Sample,
        SampleLeadTimes LeadTimes,
        IReadOnlyList<CatalogItemInput> Items,
        IReadOnlyList<SampleServiceLevel> ServiceLevels,
        IReadOnlyList<SampleEnvelope> Envelopes,
        IReadOnlyList<Crew> Crews);

    private sealed record SampleLeadTimes(int DefaultWorkingDays, Dictionary<string, int> WorkingDaysBySizeClass);

    private sealed record SampleServiceLevel(OrganiserKind OrganiserKind, bool InSeason, decimal MaxCostPerRequest, int MaxLines, IReadOnlyList<ServiceAllowance> Allowances);

    private sealed record SampleEnvelope(string ServiceId, string Name, decimal Amount);
}
