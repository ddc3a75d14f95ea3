using Saison.Domain.Finance;
using Saison.Domain.Staff;

namespace Saison.Domain.Tests.Finance;

public sealed class SeasonAccountsTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(2);
    private static readonly DateOnly First = new(2027, 6, 1);
    private static readonly DateOnly Last = new(2027, 9, 30);

    private static readonly FinanceSettings Rates = new(
        30m,
        [new HourlyRate("regie", null, 36m), new HourlyRate(null, "regisseur", 45m), new HourlyRate("police", "regisseur", 50m)],
        25m,
        [new TourismTaxCategory("hotels", "Hôtels", 1.10m, 1000, null), new TourismTaxCategory("campings", "Campings", 0.66m, 500, 400m)],
        10_000m);

    [Fact]
    public void RateFor_takes_the_most_precise_rate_skill_and_service_then_skill_then_service_then_default()
    {
        Assert.Equal(50m, Rates.RateFor("police", "regisseur"));
        Assert.Equal(45m, Rates.RateFor("regie", "regisseur"));
        Assert.Equal(36m, Rates.RateFor("regie", "manutention"));
        Assert.Equal(30m, Rates.RateFor("voirie", null));
    }

    [Fact]
    public void Crew_hours_past_the_weekly_hours_of_a_weekly_agent_are_overtime_at_the_premium()
    {
        // 35 h a week: three 12-hour days, the third one's last 1 h is the 36th hour.
        var work = Enumerable.Range(0, 3).Select(d => Work("a1", WorkCycleKind.Weekly, 35m, new DateTime(2027, 7, 5 + d, 8, 0, 0), 12)).ToList();
        var priced = SeasonAccounts.PriceCrew(work, Rates);

        Assert.Equal(36m, priced.Sum(p => p.Hours));
        Assert.Equal(1m, priced.Sum(p => p.OvertimeHours));
        Assert.Equal(0m, priced[0].OvertimeHours);
        Assert.Equal((35m * 36m) + (1m * 36m * 1.25m), priced.Sum(p => p.Cost));
    }

    [Fact]
    public void An_annualised_agents_summer_hours_are_priced_plain_and_counted_apart()
    {
        var work = Enumerable.Range(0, 4).Select(d => Work("a2", WorkCycleKind.AnnualisedSeasonal, 35m, new DateTime(2027, 7, 5 + d, 8, 0, 0), 10)).ToList();
        var priced = SeasonAccounts.PriceCrew(work, Rates);

        Assert.Equal(0m, priced.Sum(p => p.OvertimeHours));
        Assert.Equal(40m, priced.Sum(p => p.AnnualisedHours));
        Assert.Equal(40m * 36m, priced.Sum(p => p.Cost));
    }

    [Fact]
    public void Overtime_is_counted_per_week_a_new_week_starts_afresh()
    {
        var work = new[]
        {
            Work("a1", WorkCycleKind.Weekly, 10m, new DateTime(2027, 7, 11, 8, 0, 0), 10), // Sunday
            Work("a1", WorkCycleKind.Weekly, 10m, new DateTime(2027, 7, 12, 8, 0, 0), 10), // Monday, next week
        };

        Assert.Equal(0m, SeasonAccounts.PriceCrew(work, Rates).Sum(p => p.OvertimeHours));
    }

    [Fact]
    public void Compute_adds_logistics_crew_and_entered_costs_by_event_and_counts_only_signed_or_received_sponsors()
    {
        var accounts = SeasonAccounts.Compute(Input(
            logistics: [new LogisticsCost("fete", "regie", new DateOnly(2027, 7, 14), 1000m, 200m)],
            crew: [Work("a1", WorkCycleKind.Weekly, 35m, new DateTime(2027, 7, 14, 8, 0, 0), 10, "fete")],
            costLines: [new CostLine("c1", "Cachets", CostCategory.Programming, "6232", 5000m, "fete", null, new DateOnly(2027, 7, 14), null)],
            sponsors:
            [
                new Sponsorship("s1", "fete", "Banque", FundingKind.Sponsorship, SponsorshipStatus.Signed, 2000m, 500m, "Bar", null),
                new Sponsorship("s2", "fete", "Assureur", FundingKind.Sponsorship, SponsorshipStatus.Promised, 3000m, 0m, null, null),
                new Sponsorship("s3", "port", "Fondation", FundingKind.Patronage, SponsorshipStatus.Sought, 0m, 0m, null, null),
            ]));

        var fete = Assert.Single(accounts.Events, e => e.EventId == "fete");
        Assert.Equal(1000m, fete.Logistics);
        Assert.Equal(360m, fete.Crew);
        Assert.Equal(5000m, fete.Entered);
        Assert.Equal(6360m, fete.Costs);
        Assert.Equal(6.36m, fete.CostPerVisitor);
        Assert.Equal(2500m, fete.PrivateSecured);
        Assert.Equal(3000m, fete.PrivatePromised);
        Assert.False(fete.WithoutPrivateFunding);

        var port = Assert.Single(accounts.Events, e => e.EventId == "port");
        Assert.True(port.WithoutPrivateFunding);
        Assert.Equal(1, port.SponsorsSought);
        Assert.Null(port.CostPerVisitor);

        Assert.Equal(6360m, accounts.Totals.Costs);
        Assert.Equal(200m, accounts.Totals.LogisticsPending);
        Assert.Equal(1100m + 400m, accounts.Totals.TourismTax);
        Assert.Equal(10_000m, accounts.Totals.SecondHomesTax);
        Assert.Equal(1500m + 10_000m + 2500m, accounts.Totals.Receipts);
        Assert.Equal(accounts.Totals.Receipts - accounts.Totals.Costs, accounts.Totals.Balance);
        Assert.Equal(39.3m, accounts.Totals.PrivateSharePercent);
        Assert.Equal(["Banque", "Assureur", "Fondation"], accounts.Sponsors.Select(s => s.Sponsor));
    }

    [Fact]
    public void The_collected_tax_replaces_the_estimate_of_its_category()
    {
        var accounts = SeasonAccounts.Compute(Input());
        var campings = Assert.Single(accounts.TourismTax, t => t.CategoryId == "campings");
        Assert.Equal(330m, campings.Estimated);
        Assert.Equal(400m, campings.Receipt);
        Assert.Equal(1100m, accounts.TourismTax.Single(t => t.CategoryId == "hotels").Receipt);
    }

    [Fact]
    public void An_event_with_two_themes_counts_half_in_each_as_in_the_programme_shares()
    {
        var accounts = SeasonAccounts.Compute(Input(costLines: [new CostLine("c1", "Scène", CostCategory.Programming, "6232", 1000m, "fete", null, null, null)]));

        var beaches = accounts.Themes.Single(t => t.ThemeId == "balneaire");
        var big = accounts.Themes.Single(t => t.ThemeId == "grands");
        Assert.Equal(500m, beaches.Costs);
        Assert.Equal(500m, big.Costs);
        Assert.Equal(500m, beaches.ExpectedAttendance);
        Assert.Equal(1m, beaches.CostPerVisitor);
        Assert.Equal(1000m, accounts.Themes.Sum(t => t.Costs));
    }

    [Fact]
    public void An_envelope_separates_what_the_season_took_from_what_remains_for_the_rest_of_the_year()
    {
        var accounts = SeasonAccounts.Compute(Input(
            logistics:
            [
                new LogisticsCost("fete", "regie", new DateOnly(2027, 7, 14), 6000m, 0m),
                new LogisticsCost("port", "regie", new DateOnly(2027, 3, 10), 1000m, 500m),
            ],
            costLines: [new CostLine("c1", "Sécurité", CostCategory.TechnicalServices, "611", 5000m, null, "regie", new DateOnly(2027, 8, 1), null)]));

        var regie = Assert.Single(accounts.Envelopes);
        Assert.Equal(11_000m, regie.InSeason);
        Assert.Equal(1000m, regie.OutOfSeason);
        Assert.Equal(500m, regie.Pending);
        Assert.Equal(-2000m, regie.Remaining);
        Assert.True(regie.Exceeded);
        Assert.Equal(110m, regie.SeasonSharePercent);

        // A week out of the season still shows, marked as such.
        Assert.Contains(accounts.Weeks, w => !w.InSeason && w.WeekStart == new DateOnly(2027, 3, 8) && w.Logistics == 1000m);
        Assert.All(accounts.Weeks.Where(w => w.WeekStart >= new DateOnly(2027, 6, 1) && w.WeekStart <= new DateOnly(2027, 9, 27)), w => Assert.True(w.InSeason));
    }

    [Fact]
    public void Without_anything_entered_the_accounts_are_zero_not_missing()
    {
        var accounts = SeasonAccounts.Compute(Input(settings: FinanceSettings.Empty));
        Assert.Equal(0m, accounts.Totals.Costs);
        Assert.Null(accounts.Totals.PrivateSharePercent);
        Assert.All(accounts.Events, e => Assert.True(e.WithoutPrivateFunding));
        Assert.Empty(accounts.TourismTax);
    }

    private static CrewWork Work(string agent, WorkCycleKind cycle, decimal weeklyHours, DateTime start, int hours, string? eventId = null) =>
        new(agent, "regie", cycle, weeklyHours, null, eventId, new DateTimeOffset(start, Paris), new DateTimeOffset(start.AddHours(hours), Paris));

    private static AccountsInput Input(
        IReadOnlyList<LogisticsCost>? logistics = null,
        IReadOnlyList<CrewWork>? crew = null,
        IReadOnlyList<CostLine>? costLines = null,
        IReadOnlyList<Sponsorship>? sponsors = null,
        FinanceSettings? settings = null) => new(
        First,
        Last,
        [
            new AccountEvent("fete", "Fête de la plage", "plage", "Plage", ["balneaire", "grands"], 1000),
            new AccountEvent("port", "Jeudis du port", "port", "Port", ["port"], 0),
        ],
        [("balneaire", "Balnéaire"), ("grands", "Grands événements"), ("port", "Port de tous les voyages")],
        new Dictionary<string, string> { ["regie"] = "Régie" },
        logistics ?? [],
        crew ?? [],
        costLines ?? [],
        sponsors ?? [],
        settings ?? Rates,
        [new EnvelopeAmount("regie", "Régie", 10_000m)]);
}
