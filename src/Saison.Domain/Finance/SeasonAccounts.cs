using System.Globalization;
using Saison.Domain.Staff;

namespace Saison.Domain.Finance;

/// <summary>An event as the accounts see it: where, which themes, how many visitors its organiser expects.</summary>
public sealed record AccountEvent(string Id, string Title, string SiteId, string SiteName, IReadOnlyList<string> Themes, int ExpectedAttendance);

/// <summary>What one logistics line costs, read from its claim: granted (consumed) or still pending, charged to the item's service.</summary>
public sealed record LogisticsCost(string EventId, string ServiceId, DateOnly Day, decimal Consumed, decimal Pending);

/// <summary>One crew task worked by one agent, with what prices it: the agent's service, cycle and weekly hours, the task's skill.</summary>
public sealed record CrewWork(string AgentId, string ServiceId, WorkCycleKind Cycle, decimal WeeklyHours, string? Skill, string? EventId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A service's budget envelope for the year (à enveloppe constante).</summary>
public sealed record EnvelopeAmount(string ServiceId, string Name, decimal Amount);

/// <summary>Everything the season's accounts are computed from: records other areas keep, and what the project cell entered.</summary>
public sealed record AccountsInput(
    DateOnly FirstDay,
    DateOnly LastDay,
    IReadOnlyList<AccountEvent> Events,
    IReadOnlyList<(string Id, string Name)> Themes,
    IReadOnlyDictionary<string, string> ServiceNames,
    IReadOnlyList<LogisticsCost> Logistics,
    IReadOnlyList<CrewWork> Crew,
    IReadOnlyList<CostLine> CostLines,
    IReadOnlyList<Sponsorship> Sponsorships,
    FinanceSettings Settings,
    IReadOnlyList<EnvelopeAmount> Envelopes);

/// <summary>The season's totals: costs (computed and entered), receipts (taxes and private funding), balance.</summary>
public sealed record MoneyTotals(
    decimal Logistics,
    decimal LogisticsPending,
    decimal Crew,
    decimal Entered,
    decimal Costs,
    decimal TourismTax,
    decimal SecondHomesTax,
    decimal PrivateSecured,
    decimal PrivateInKind,
    decimal PrivatePromised,
    decimal Receipts,
    decimal Balance,
    decimal? PrivateSharePercent,
    decimal CrewHours,
    decimal OvertimeHours,
    decimal AnnualisedHours);

/// <summary>
/// An event's cost (logistics granted, crew hours, entered lines) against its private funding; <see cref="CostPerVisitor"/> is null when the
/// organiser expects no visitors. <see cref="PrivateSecured"/> counts signed and received sponsors, cash and in kind.
/// </summary>
public sealed record EventMoney(
    string EventId,
    string Title,
    string SiteName,
    IReadOnlyList<string> Themes,
    decimal Logistics,
    decimal Crew,
    decimal Entered,
    decimal Costs,
    int ExpectedAttendance,
    decimal? CostPerVisitor,
    decimal PrivateSecured,
    decimal PrivatePromised,
    int Sponsors,
    int SponsorsSought,
    decimal? PrivateSharePercent)
{
    /// <summary>No sponsor has signed yet: the COPIL's list of events still without private funding.</summary>
    public bool WithoutPrivateFunding => PrivateSecured == 0m;
}

/// <summary>A theme's cost and funding; an event with several themes counts for an equal part in each (as in the programme's shares).</summary>
public sealed record ThemeMoney(string ThemeId, string Name, int Events, decimal Costs, decimal PrivateSecured, decimal ExpectedAttendance, decimal? CostPerVisitor, decimal? PrivateSharePercent);

public sealed record SiteMoney(string SiteId, string SiteName, int Events, decimal Costs);

/// <summary>A service's part: logistics it granted, its agents' crew hours (overtime and annualised hours apart) and their cost, entered lines.</summary>
public sealed record ServiceMoney(string ServiceId, string ServiceName, decimal Logistics, decimal CrewHours, decimal OvertimeHours, decimal AnnualisedHours, decimal Crew, decimal Entered, decimal Costs);

public sealed record WeekMoney(DateOnly WeekStart, int IsoWeek, bool InSeason, decimal Logistics, decimal Crew, decimal Entered, decimal Costs);

/// <summary>
/// A service's envelope à enveloppe constante: the amount is the year's; what the season's events took of it (in the season's bounds),
/// what was spent outside them, what is pending, and what remains for the associations' standard service level the rest of the year.
/// </summary>
public sealed record EnvelopeBalance(string ServiceId, string Name, decimal Amount, decimal InSeason, decimal OutOfSeason, decimal Pending, decimal Remaining, decimal? SeasonSharePercent, bool Exceeded);

/// <summary>Entered costs by budget line.</summary>
public sealed record BudgetLineMoney(string BudgetLine, CostCategory Category, int Lines, decimal Amount);

/// <summary>A receipt of the taxe de séjour by accommodation category.</summary>
public sealed record TaxReceipt(string CategoryId, string Name, decimal TariffPerNight, int Nights, decimal Estimated, decimal? Collected, decimal Receipt);

/// <summary>Who pays: one sponsor of one event, by name.</summary>
public sealed record SponsorMoney(string SponsorshipId, string EventId, string EventTitle, string Sponsor, FundingKind Kind, SponsorshipStatus Status, decimal Amount, decimal InKindValue, string? InKindDescription);

/// <summary>The season's accounts, every figure of the COPIL's money view.</summary>
public sealed record SeasonAccounts(
    MoneyTotals Totals,
    IReadOnlyList<EventMoney> Events,
    IReadOnlyList<ThemeMoney> Themes,
    IReadOnlyList<SiteMoney> Sites,
    IReadOnlyList<ServiceMoney> Services,
    IReadOnlyList<WeekMoney> Weeks,
    IReadOnlyList<EnvelopeBalance> Envelopes,
    IReadOnlyList<BudgetLineMoney> BudgetLines,
    IReadOnlyList<TaxReceipt> TourismTax,
    IReadOnlyList<SponsorMoney> Sponsors)
{
    /// <summary>
    /// Computes the accounts. Crew hours are priced at the rate of the task's skill and the agent's service
    /// (<see cref="FinanceSettings.RateFor"/>); an agent on a weekly cycle who works more crew hours in a week than their weekly
    /// hours is paid the excess as overtime (rate plus <see cref="FinanceSettings.OvertimePremiumPercent"/>), the hours taken in
    /// time order; an annualised agent's summer hours are part of their 1,607 hours, recovered in winter: priced at the plain
    /// rate and shown apart. Private funding counts signed and received sponsors (cash and in kind); promised ones are shown apart.
    /// </summary>
    public static SeasonAccounts Compute(AccountsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var crew = PriceCrew(input.Crew, input.Settings);
        var events = input.Events.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var sponsorsByEvent = input.Sponsorships.ToLookup(s => s.EventId, StringComparer.Ordinal);
        var logisticsByEvent = input.Logistics.ToLookup(l => l.EventId, StringComparer.Ordinal);
        var crewByEvent = crew.Where(c => c.EventId is not null).ToLookup(c => c.EventId!, StringComparer.Ordinal);
        var enteredByEvent = input.CostLines.Where(c => c.EventId is not null).ToLookup(c => c.EventId!, StringComparer.Ordinal);

        var eventMoney = input.Events.Select(e =>
        {
            var logistics = logisticsByEvent[e.Id].Sum(l => l.Consumed);
            var crewCost = crewByEvent[e.Id].Sum(c => c.Cost);
            var entered = enteredByEvent[e.Id].Sum(c => c.Amount);
            var costs = logistics + crewCost + entered;
            var sponsors = sponsorsByEvent[e.Id].ToList();
            var secured = sponsors.Where(s => s.IsSecured).Sum(s => s.Total);
            return new EventMoney(
                e.Id,
                e.Title,
                e.SiteName,
                e.Themes,
                Round(logistics),
                Round(crewCost),
                Round(entered),
                Round(costs),
                e.ExpectedAttendance,
                e.ExpectedAttendance > 0 ? Round(costs / e.ExpectedAttendance) : null,
                Round(secured),
                Round(sponsors.Where(s => s.Status == SponsorshipStatus.Promised).Sum(s => s.Total)),
                sponsors.Count,
                sponsors.Count(s => s.Status == SponsorshipStatus.Sought),
                Percent(secured, costs));
        }).OrderByDescending(e => e.Costs).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();

        var tax = input.Settings.TourismTax.Select(t => new TaxReceipt(t.Id, t.Name, t.TariffPerNight, t.Nights, Round(t.Estimated), t.Collected, Round(t.Receipt))).ToList();
        var logisticsTotal = input.Logistics.Sum(l => l.Consumed);
        var crewTotal = crew.Sum(c => c.Cost);
        var enteredTotal = input.CostLines.Sum(c => c.Amount);
        var costsTotal = logisticsTotal + crewTotal + enteredTotal;
        var secured = input.Sponsorships.Where(s => s.IsSecured).ToList();
        var privateSecured = secured.Sum(s => s.Total);
        var tourismTax = tax.Sum(t => t.Receipt);
        var secondHomes = input.Settings.SecondHomesTax ?? 0m;
        var receipts = tourismTax + secondHomes + privateSecured;
        var totals = new MoneyTotals(
            Round(logisticsTotal),
            Round(input.Logistics.Sum(l => l.Pending)),
            Round(crewTotal),
            Round(enteredTotal),
            Round(costsTotal),
            Round(tourismTax),
            Round(secondHomes),
            Round(privateSecured),
            Round(secured.Sum(s => s.InKindValue)),
            Round(input.Sponsorships.Where(s => s.Status == SponsorshipStatus.Promised).Sum(s => s.Total)),
            Round(receipts),
            Round(receipts - costsTotal),
            Percent(privateSecured, costsTotal),
            Round(crew.Sum(c => c.Hours)),
            Round(crew.Sum(c => c.OvertimeHours)),
            Round(crew.Sum(c => c.AnnualisedHours)));

        return new SeasonAccounts(
            totals,
            eventMoney,
            ByTheme(input.Themes, input.Events, eventMoney),
            [.. eventMoney.GroupBy(e => events[e.EventId].SiteId, StringComparer.Ordinal)
                .Select(g => new SiteMoney(g.Key, g.First().SiteName, g.Count(), Round(g.Sum(e => e.Costs))))
                .OrderByDescending(s => s.Costs).ThenBy(s => s.SiteName, StringComparer.Ordinal)],
            ByService(input, crew),
            ByWeek(input, crew),
            EnvelopeBalances(input, crew),
            [.. input.CostLines.GroupBy(c => (c.BudgetLine, c.Category))
                .Select(g => new BudgetLineMoney(g.Key.BudgetLine, g.Key.Category, g.Count(), Round(g.Sum(c => c.Amount))))
                .OrderBy(b => b.BudgetLine, StringComparer.Ordinal)],
            tax,
            [.. input.Sponsorships
                .Select(s => new SponsorMoney(s.Id, s.EventId, events.GetValueOrDefault(s.EventId)?.Title ?? s.EventId, s.Sponsor, s.Kind, s.Status, s.Amount, s.InKindValue, s.InKindDescription))
                .OrderByDescending(s => s.Status).ThenByDescending(s => s.Amount + s.InKindValue).ThenBy(s => s.Sponsor, StringComparer.Ordinal)]);
    }

    /// <summary>One crew task's hours and cost once priced; overtime and annualised hours are part of <see cref="Hours"/>.</summary>
    public sealed record PricedWork(string AgentId, string ServiceId, string? EventId, DateOnly Day, decimal Hours, decimal OvertimeHours, decimal AnnualisedHours, decimal Cost);

    /// <summary>Prices every task (see <see cref="Compute"/>): the agent's week is filled in time order, the hours past the weekly hours are overtime.</summary>
    public static IReadOnlyList<PricedWork> PriceCrew(IReadOnlyList<CrewWork> work, FinanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(settings);
        var premium = 1m + (settings.OvertimePremiumPercent / 100m);
        var priced = new List<PricedWork>(work.Count);
        foreach (var week in work.GroupBy(w => (w.AgentId, Week: Saison.Domain.Calendar.Weeks.MondayOf(DateOnly.FromDateTime(w.Start.DateTime)))))
        {
            var worked = 0m;
            foreach (var task in week.OrderBy(w => w.Start))
            {
                var hours = (decimal)(task.End - task.Start).TotalHours;
                var rate = settings.RateFor(task.ServiceId, task.Skill);
                var annualised = task.Cycle == WorkCycleKind.AnnualisedSeasonal;
                var overtime = annualised ? 0m : Math.Clamp(worked + hours - task.WeeklyHours, 0m, hours);
                worked += hours;
                priced.Add(new PricedWork(
                    task.AgentId,
                    task.ServiceId,
                    task.EventId,
                    DateOnly.FromDateTime(task.Start.DateTime),
                    hours,
                    overtime,
                    annualised ? hours : 0m,
                    ((hours - overtime) * rate) + (overtime * rate * premium)));
            }
        }

        return priced;
    }

    private static IReadOnlyList<ThemeMoney> ByTheme(IReadOnlyList<(string Id, string Name)> themes, IReadOnlyList<AccountEvent> events, IReadOnlyList<EventMoney> money)
    {
        var known = themes.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var sums = themes.ToDictionary(t => t.Id, _ => (Events: 0, Costs: 0m, Private: 0m, Visitors: 0m), StringComparer.Ordinal);
        var byId = money.ToDictionary(m => m.EventId, StringComparer.Ordinal);
        foreach (var e in events)
        {
            var mine = e.Themes.Where(known.Contains).Distinct(StringComparer.Ordinal).ToList();
            var m = byId[e.Id];
            foreach (var theme in mine)
            {
                var (count, costs, priv, visitors) = sums[theme];
                sums[theme] = (count + 1, costs + (m.Costs / mine.Count), priv + (m.PrivateSecured / mine.Count), visitors + ((decimal)e.ExpectedAttendance / mine.Count));
            }
        }

        return
        [
            .. themes.Select(t =>
            {
                var (count, costs, priv, visitors) = sums[t.Id];
                return new ThemeMoney(t.Id, t.Name, count, Round(costs), Round(priv), Math.Round(visitors, 0), visitors > 0 ? Round(costs / visitors) : null, Percent(priv, costs));
            }),
        ];
    }

    private static IReadOnlyList<ServiceMoney> ByService(AccountsInput input, IReadOnlyList<PricedWork> crew)
    {
        var ids = input.Logistics.Select(l => l.ServiceId)
            .Concat(crew.Select(c => c.ServiceId))
            .Concat(input.CostLines.Where(c => c.ServiceId is not null).Select(c => c.ServiceId!))
            .Concat(input.Envelopes.Select(e => e.ServiceId))
            .Distinct(StringComparer.Ordinal);
        return
        [
            .. ids.Select(id =>
            {
                var logistics = input.Logistics.Where(l => l.ServiceId == id).Sum(l => l.Consumed);
                var work = crew.Where(c => c.ServiceId == id).ToList();
                var entered = input.CostLines.Where(c => c.ServiceId == id).Sum(c => c.Amount);
                var crewCost = work.Sum(w => w.Cost);
                return new ServiceMoney(id, input.ServiceNames.GetValueOrDefault(id) ?? id, Round(logistics), Round(work.Sum(w => w.Hours)), Round(work.Sum(w => w.OvertimeHours)), Round(work.Sum(w => w.AnnualisedHours)), Round(crewCost), Round(entered), Round(logistics + crewCost + entered));
            })
            .OrderByDescending(s => s.Costs).ThenBy(s => s.ServiceName, StringComparer.Ordinal),
        ];
    }

    private static IReadOnlyList<WeekMoney> ByWeek(AccountsInput input, IReadOnlyList<PricedWork> crew)
    {
        var logistics = input.Logistics.GroupBy(l => Saison.Domain.Calendar.Weeks.MondayOf(l.Day)).ToDictionary(g => g.Key, g => g.Sum(l => l.Consumed));
        var work = crew.GroupBy(c => Saison.Domain.Calendar.Weeks.MondayOf(c.Day)).ToDictionary(g => g.Key, g => g.Sum(c => c.Cost));
        var entered = input.CostLines.Where(c => c.Date is not null).GroupBy(c => Saison.Domain.Calendar.Weeks.MondayOf(c.Date!.Value)).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var seasonWeeks = new List<DateOnly>();
        for (var week = Saison.Domain.Calendar.Weeks.MondayOf(input.FirstDay); week <= input.LastDay; week = week.AddDays(7))
        {
            seasonWeeks.Add(week);
        }

        return
        [
            .. seasonWeeks.Concat(logistics.Keys).Concat(work.Keys).Concat(entered.Keys).Distinct().Order().Select(w =>
            {
                var (l, c, e) = (logistics.GetValueOrDefault(w), work.GetValueOrDefault(w), entered.GetValueOrDefault(w));
                return new WeekMoney(w, ISOWeek.GetWeekOfYear(w.ToDateTime(TimeOnly.MinValue)), w.AddDays(6) >= input.FirstDay && w <= input.LastDay, Round(l), Round(c), Round(e), Round(l + c + e));
            }),
        ];
    }

    private static IReadOnlyList<EnvelopeBalance> EnvelopeBalances(AccountsInput input, IReadOnlyList<PricedWork> crew)
    {
        bool InSeason(DateOnly day) => day >= input.FirstDay && day <= input.LastDay;
        return
        [
            .. input.Envelopes.Select(envelope =>
            {
                var spent = input.Logistics.Where(l => l.ServiceId == envelope.ServiceId).Select(l => (l.Day, Amount: l.Consumed))
                    .Concat(crew.Where(c => c.ServiceId == envelope.ServiceId).Select(c => (c.Day, Amount: c.Cost)))
                    .Concat(input.CostLines.Where(c => c.ServiceId == envelope.ServiceId).Select(c => (Day: c.Date ?? input.FirstDay, c.Amount)))
                    .ToList();
                var inSeason = spent.Where(s => InSeason(s.Day)).Sum(s => s.Amount);
                var outOfSeason = spent.Where(s => !InSeason(s.Day)).Sum(s => s.Amount);
                var pending = input.Logistics.Where(l => l.ServiceId == envelope.ServiceId).Sum(l => l.Pending);
                var remaining = envelope.Amount - inSeason - outOfSeason;
                return new EnvelopeBalance(envelope.ServiceId, envelope.Name, envelope.Amount, Round(inSeason), Round(outOfSeason), Round(pending), Round(remaining), Percent(inSeason, envelope.Amount), remaining < 0m);
            }),
        ];
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static decimal? Percent(decimal part, decimal whole) => whole == 0m ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
