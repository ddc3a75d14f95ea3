using System.Globalization;
using Saison.Application.Persistence;
using Saison.Domain.Finance;
using Saison.Storage;

namespace Saison.Application.Finance;

/// <summary>
/// Where the money records live: table <c>Finance</c>, one partition per season, holding <c>cost~{id}</c> (each entered cost
/// line), <c>sponsor~{id}</c> (each sponsor of an event) and <c>settings</c> (rates and receipts' grid, bounded by the
/// number of categories). Every record is its own entity, so none grows with the season and each change is one write.
/// </summary>
public sealed class FinanceStore(ITableStore store)
{
    public const string Table = "Finance";
    public const string CostPrefix = "cost~";
    public const string SponsorPrefix = "sponsor~";
    public const string SettingsRow = "settings";

    public DocumentTable<CostLine> CostLines { get; } = new(store, Table, c => [new("EventId", c.EventId ?? string.Empty), new("Category", c.Category.ToString())]);

    public DocumentTable<Sponsorship> Sponsorships { get; } = new(store, Table, s => [new("EventId", s.EventId), new("Status", s.Status.ToString())]);

    public DocumentTable<FinanceSettings> Settings { get; } = new(store, Table);

    public static string SeasonKey(int season) => season.ToString(CultureInfo.InvariantCulture);

    public static string CostRow(string id) => CostPrefix + id;

    public static string SponsorRow(string id) => SponsorPrefix + id;

    public Task<IReadOnlyList<Versioned<CostLine>>> ListCostLinesAsync(int season, CancellationToken cancellationToken = default) =>
        CostLines.ListAsync(SeasonKey(season), CostPrefix, cancellationToken);

    public Task<IReadOnlyList<Versioned<Sponsorship>>> ListSponsorshipsAsync(int season, CancellationToken cancellationToken = default) =>
        Sponsorships.ListAsync(SeasonKey(season), SponsorPrefix, cancellationToken);

    public Task<Versioned<FinanceSettings>?> GetSettingsAsync(int season, CancellationToken cancellationToken = default) =>
        Settings.GetAsync(SeasonKey(season), SettingsRow, cancellationToken);


    public Task UpsertSettingsAsync(int season, FinanceSettings settings, CancellationToken cancellationToken = default) =>
        Settings.UpsertAsync(SeasonKey(season), SettingsRow, settings, cancellationToken);
}
