using System.ComponentModel.DataAnnotations;
using Saison.Domain.Finance;

namespace Saison.Application.Finance;

/// <summary>An entered cost line as the API reads and writes it: what <c>GET</c> returns, <c>PUT</c> accepts back unchanged.</summary>
public sealed record CostLineInput(
    string? Id,
    [property: MaxLength(200)] string? Label,
    CostCategory? Category,
    [property: MaxLength(100)] string? BudgetLine,
    decimal Amount,
    string? EventId = null,
    string? ServiceId = null,
    DateOnly? Date = null,
    string? Note = null)
{
    public static CostLineInput From(CostLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(line.Id, line.Label, line.Category, line.BudgetLine, line.Amount, line.EventId, line.ServiceId, line.Date, line.Note);
    }
}

/// <summary>A sponsor of an event as the API reads and writes it: what <c>GET</c> returns, <c>PUT</c> accepts back unchanged.</summary>
public sealed record SponsorshipInput(
    string? Id,
    string? EventId,
    [property: MaxLength(200)] string? Sponsor,
    FundingKind? Kind,
    SponsorshipStatus? Status,
    decimal Amount = 0m,
    decimal InKindValue = 0m,
    string? InKindDescription = null,
    string? Note = null)
{
    public static SponsorshipInput From(Sponsorship sponsorship)
    {
        ArgumentNullException.ThrowIfNull(sponsorship);
        return new(sponsorship.Id, sponsorship.EventId, sponsorship.Sponsor, sponsorship.Kind, sponsorship.Status, sponsorship.Amount, sponsorship.InKindValue, sponsorship.InKindDescription, sponsorship.Note);
    }
}

/// <summary>A season's money parameters as the API reads and writes them.</summary>
public sealed record FinanceSettingsInput(
    decimal DefaultHourlyRate,
    IReadOnlyList<HourlyRateInput>? HourlyRates,
    decimal OvertimePremiumPercent,
    IReadOnlyList<TourismTaxInput>? TourismTax,
    decimal? SecondHomesTax = null)
{
    public static FinanceSettingsInput From(FinanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(
            settings.DefaultHourlyRate,
            [.. settings.HourlyRates.Select(r => new HourlyRateInput(r.ServiceId, r.Skill, r.Rate))],
            settings.OvertimePremiumPercent,
            [.. settings.TourismTax.Select(t => new TourismTaxInput(t.Id, t.Name, t.TariffPerNight, t.Nights, t.Collected))],
            settings.SecondHomesTax);
    }
}

/// <summary>An hourly rate (euros, charges included) for a service, a skill, or both.</summary>
public sealed record HourlyRateInput(string? ServiceId, string? Skill, decimal Rate);

/// <summary>One accommodation category of the taxe de séjour: the city's tariff per person and night, the nights, the amount collected once known.</summary>
public sealed record TourismTaxInput(string? Id, string? Name, decimal TariffPerNight, [property: Range(0, 100_000_000)] int Nights = 0, decimal? Collected = null);
