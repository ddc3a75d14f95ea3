namespace Saison.Domain.Finance;

/// <summary>What an entered cost line pays for (the study's lines: programming, subsidies to the tourist office, communication…).</summary>
public enum CostCategory
{
    /// <summary>Artistic and cultural programming (cachets, contracts).</summary>
    Programming,

    /// <summary>Subsidy to the tourist office or the operator.</summary>
    TourismOfficeSubsidy,

    /// <summary>Subsidy to an association for an event.</summary>
    AssociationSubsidy,

    /// <summary>Communication and promotion.</summary>
    Communication,

    /// <summary>Technical services bought outside (security, hire, fluids).</summary>
    TechnicalServices,

    Other,
}

/// <summary>
/// A cost the city enters (it cannot be computed from requests or crews): its budget line, amount in euros (TTC),
/// and what it is for — an event, a service, a date — so that it counts by event, theme, site, service and week.
/// One entity per line: a season's lines never share a record.
/// </summary>
public sealed record CostLine(
    string Id,
    string Label,
    CostCategory Category,
    string BudgetLine,
    decimal Amount,
    string? EventId,
    string? ServiceId,
    DateOnly? Date,
    string? Note);

/// <summary>Private funding of an event: sponsorship (parrainage, with a counterpart) or patronage (mécénat, a gift).</summary>
public enum FundingKind
{
    Sponsorship,
    Patronage,
}

/// <summary>How far a sponsor has gone: approached, promised, agreement signed, funds (or goods) received.</summary>
public enum SponsorshipStatus
{
    Sought,
    Promised,
    Signed,
    Received,
}

/// <summary>
/// One sponsor of one event, with the amount in euros and the value of contributions in kind (goods, services, staff),
/// and where the sponsor stands. One entity per sponsor and event.
/// </summary>
public sealed record Sponsorship(
    string Id,
    string EventId,
    string Sponsor,
    FundingKind Kind,
    SponsorshipStatus Status,
    decimal Amount,
    decimal InKindValue,
    string? InKindDescription,
    string? Note)
{
    /// <summary>Signed or received: the COPIL counts it as funding.</summary>
    public bool IsSecured => Status is SponsorshipStatus.Signed or SponsorshipStatus.Received;

    /// <summary>Cash and in-kind value together.</summary>
    public decimal Total => Amount + InKindValue;
}

/// <summary>
/// One accommodation category of the taxe de séjour (hôtel 3 étoiles, meublé non classé…) with the city's tariff per
/// person and night, the nights of the season, and, once known, the amount collected (which then replaces the estimate).
/// </summary>
public sealed record TourismTaxCategory(string Id, string Name, decimal TariffPerNight, int Nights, decimal? Collected)
{
    /// <summary>The tariff times the nights.</summary>
    public decimal Estimated => TariffPerNight * Nights;

    /// <summary>What the category brings in: collected when known, else estimated.</summary>
    public decimal Receipt => Collected ?? Estimated;
}

/// <summary>
/// An hourly rate of crew work, in euros loaded with charges: for a skill, a service, or both (the most precise one that
/// matches a task applies: skill and service, then skill, then service, then the season's default).
/// </summary>
public sealed record HourlyRate(string? ServiceId, string? Skill, decimal Rate);

/// <summary>
/// The money parameters of a season, entered once by the project cell: crew hourly rates, how overtime is priced, the
/// taxe de séjour's grid with nights (or amounts collected), the tax on second homes when the city enters it.
/// </summary>
public sealed record FinanceSettings(
    decimal DefaultHourlyRate,
    IReadOnlyList<HourlyRate> HourlyRates,
    decimal OvertimePremiumPercent,
    IReadOnlyList<TourismTaxCategory> TourismTax,
    decimal? SecondHomesTax)
{
    /// <summary>No rates, no receipts: what a season has before the project cell enters anything.</summary>
    public static FinanceSettings Empty { get; } = new(0m, [], 25m, [], null);

    /// <summary>The rate of an hour of <paramref name="skill"/> worked by an agent of <paramref name="serviceId"/>.</summary>
    public decimal RateFor(string serviceId, string? skill) =>
        HourlyRates.FirstOrDefault(r => r.Skill is not null && r.Skill == skill && r.ServiceId == serviceId)?.Rate
        ?? HourlyRates.FirstOrDefault(r => r.Skill is not null && r.Skill == skill && r.ServiceId is null)?.Rate
        ?? HourlyRates.FirstOrDefault(r => r.Skill is null && r.ServiceId == serviceId)?.Rate
        ?? DefaultHourlyRate;
}
