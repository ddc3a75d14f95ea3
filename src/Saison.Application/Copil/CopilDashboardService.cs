using System.Globalization;
using Saison.Application.Contracts;
using Saison.Domain.Organisers;

namespace Saison.Application.Copil;

/// <summary>
/// Computes the COPIL dashboard from the areas' read contracts only. Sources an area does not offer
/// yet are optional: the figure is listed in <see cref="CopilDashboard.Unavailable"/>.
/// </summary>
public sealed class CopilDashboardService(
    ISeasons seasons,
    IStaffDirectory staff,
    ISeasonEvents? events = null,
    ISeasonTonality? tonality = null,
    IAgentAvailability? availability = null,
    ICrewAssignments? crews = null,
    ITeamCoverage? coverage = null,
    IReversePlanMilestones? milestones = null,
    ILogisticsOutcomes? logistics = null,
    IStaffServices? services = null)
{
    // The decisions a line can have, as the logistics area names them, in the order the figures count them.
    private static readonly string[] Decisions = ["approved", "partlyApproved", "refused", "pending"];

    /// <summary>The figures, each exportable as CSV under its name.</summary>
    public static IReadOnlyList<string> FigureNames { get; } = ["themes", "weeks", "sites", "load", "coverage", "plan", "envelopes", "requests", "decisions"];

    /// <summary>The dashboard, or null when the season does not exist.</summary>
    public async Task<CopilDashboard?> ComputeAsync(int season, CancellationToken cancellationToken = default)
    {
        if (await seasons.FindAsync(season, cancellationToken).ConfigureAwait(false) is not { } summary)
        {
            return null;
        }

        var unavailable = new List<string>();
        var programme = events is null ? null : (await events.ListAsync(season, cancellationToken).ConfigureAwait(false))
            .Where(e => !string.Equals(e.Status, "cancelled", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (programme is null)
        {
            unavailable.AddRange(["themes", "weeks", "sites"]);
        }

        var tone = tonality is null ? null : await tonality.FindTonalityAsync(season, cancellationToken).ConfigureAwait(false);
        if (tone is null)
        {
            unavailable.AddRange(["themes", "decisions"]);
        }

        // The sections read different areas: they are read at the same time (the embedded store reads synchronously, hence
        // on the thread pool), each noting what it could not read.
        List<string>[] missing = [[], [], [], []];
        var loadRead = Task.Run(() => LoadAsync(summary, missing[0], cancellationToken), cancellationToken);
        var risksRead = Task.Run(() => CoverageRisksAsync(summary, missing[1], cancellationToken), cancellationToken);
        var planRead = Task.Run(() => PlanAsync(season, missing[2], cancellationToken), cancellationToken);
        var logisticsRead = Task.Run(() => LogisticsAsync(season, missing[3], cancellationToken), cancellationToken);
        await Task.WhenAll(loadRead, risksRead, planRead, logisticsRead).ConfigureAwait(false);
        var (load, risks, plan) = (await loadRead.ConfigureAwait(false), await risksRead.ConfigureAwait(false), await planRead.ConfigureAwait(false));
        var (envelopes, requests) = await logisticsRead.ConfigureAwait(false);
        unavailable.AddRange(missing.SelectMany(m => m));

        return new CopilDashboard(
            season,
            summary.City,
            summary.FirstDay,
            summary.LastDay,
            [.. summary.Peaks.Select(p => new PeakPeriod(p.First, p.Last))],
            programme?.Count ?? 0,
            tone is null || programme is null ? [] : ThemeShares(tone, programme),
            tone?.Priorities ?? [],
            programme is null ? [] : Weeks(summary, programme),
            programme is null ? [] : Sites(programme),
            load,
            risks,
            plan,
            envelopes,
            requests,
            tone is null ? [] : [.. tone.Decisions.OrderBy(d => d.Date).Select(d => new CopilDecisionEntry(d.Date, d.Text, d.RecordedBy))],
            [.. unavailable.Distinct(StringComparer.Ordinal)])
        {
            TimeZoneId = summary.TimeZoneId,
        };
    }

    /// <summary>Each event weighs 1, split evenly across those of its themes the tonality knows.</summary>
    public static IReadOnlyList<ThemeShare> ThemeShares(TonalitySummary tonality, IReadOnlyList<EventSummary> programme)
    {
        ArgumentNullException.ThrowIfNull(tonality);
        ArgumentNullException.ThrowIfNull(programme);
        var known = tonality.Themes.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var weights = tonality.Themes.ToDictionary(t => t.Id, _ => 0m, StringComparer.Ordinal);
        var counts = tonality.Themes.ToDictionary(t => t.Id, _ => 0, StringComparer.Ordinal);
        foreach (var e in programme)
        {
            var themes = e.Themes.Where(known.Contains).Distinct(StringComparer.Ordinal).ToList();
            foreach (var theme in themes)
            {
                weights[theme] += 1m / themes.Count;
                counts[theme]++;
            }
        }

        return
        [
            .. tonality.Themes.Select(t =>
            {
                var actual = programme.Count == 0 ? 0m : Math.Round(100m * weights[t.Id] / programme.Count, 1);
                return new ThemeShare(t.Id, t.Name, t.TargetPercent, counts[t.Id], actual, actual - t.TargetPercent);
            }),
        ];
    }

    /// <summary>Every week (Monday to Sunday) the season touches, with the occurrences starting in it.</summary>
    public static IReadOnlyList<WeekEvents> Weeks(SeasonSummary season, IReadOnlyList<EventSummary> programme)
    {
        ArgumentNullException.ThrowIfNull(season);
        ArgumentNullException.ThrowIfNull(programme);
        var occurrences = programme
            .SelectMany(e => Occurrences(e).Select(o => (e.Id, Week: Saison.Domain.Calendar.Weeks.MondayOf(DateOnly.FromDateTime(o.Start.DateTime)))))
            .ToList();
        var weeks = new List<WeekEvents>();
        for (var week = Saison.Domain.Calendar.Weeks.MondayOf(season.FirstDay); week <= season.LastDay; week = week.AddDays(7))
        {
            var start = week;
            var inWeek = occurrences.Where(o => o.Week == start).ToList();
            var peak = season.Peaks.Any(p => p.First <= start.AddDays(6) && p.Last >= start);
            weeks.Add(new WeekEvents(start, ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)), inWeek.Count, inWeek.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count(), peak));
        }

        return weeks;
    }

    public static IReadOnlyList<SiteEvents> Sites(IReadOnlyList<EventSummary> programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return
        [
            .. programme
                .GroupBy(e => e.SiteId, StringComparer.Ordinal)
                .Select(g => new SiteEvents(
                    g.Key,
                    g.First().SiteName,
                    g.Count(),
                    g.Sum(e => Occurrences(e).Count),
                    programme.Count == 0 ? 0m : Math.Round(100m * g.Count() / programme.Count, 1)))
                .OrderByDescending(s => s.Events)
                .ThenBy(s => s.SiteName, StringComparer.Ordinal),
        ];
    }

    private static IReadOnlyList<EventOccurrence> Occurrences(EventSummary e) =>
        e.Occurrences.Count > 0 ? e.Occurrences : [new EventOccurrence(e.Start, e.End)];

    private async Task<IReadOnlyList<ServiceWeekLoad>> LoadAsync(SeasonSummary season, List<string> unavailable, CancellationToken cancellationToken)
    {
        if (crews is null || availability is null)
        {
            unavailable.Add("load");
            return [];
        }

        var first = Saison.Domain.Calendar.Weeks.MondayOf(season.FirstDay);
        var last = Saison.Domain.Calendar.Weeks.MondayOf(season.LastDay).AddDays(6);
        var agents = await staff.ListAgentsAsync(season.Year, cancellationToken).ConfigureAwait(false);
        var serviceNames = await ServiceNamesAsync(season.Year, cancellationToken).ConfigureAwait(false);
        var tasks = await crews.ListAsync(season.Year, first, last, cancellationToken).ConfigureAwait(false);
        var absences = await availability.ListAbsencesAsync(season.Year, first, last, cancellationToken).ConfigureAwait(false);
        var serviceOf = agents.ToDictionary(a => a.Id, a => a.ServiceId, StringComparer.Ordinal);
        var absentDays = absences
            .SelectMany(a => AbsentDays(a).Select(d => (a.AgentId, d.Day, d.Fraction)))
            .GroupBy(x => (x.AgentId, x.Day))
            .ToDictionary(g => g.Key, g => Math.Min(1m, g.Sum(x => x.Fraction)));

        var rows = new List<ServiceWeekLoad>();
        foreach (var service in agents.Select(a => a.ServiceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var members = agents.Where(a => a.ServiceId == service).ToList();
            for (var week = first; week <= last; week = week.AddDays(7))
            {
                var start = week;
                var capacity = members.Sum(a =>
                {
                    var daily = a.WorkingDaysPerWeek == 0 ? 0m : a.WeeklyHours / a.WorkingDaysPerWeek;
                    var away = Enumerable.Range(0, a.WorkingDaysPerWeek).Sum(i => absentDays.GetValueOrDefault((a.Id, start.AddDays(i))));
                    return a.WeeklyHours - (daily * away);
                });
                var hours = tasks
                    .Where(t => serviceOf.GetValueOrDefault(t.AgentId) == service && Saison.Domain.Calendar.Weeks.MondayOf(DateOnly.FromDateTime(t.Start.DateTime)) == start)
                    .Sum(t => (decimal)(t.End - t.Start).TotalHours);
                rows.Add(new ServiceWeekLoad(
                    service,
                    serviceNames.GetValueOrDefault(service, service),
                    start,
                    ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)),
                    Math.Round(hours, 1),
                    Math.Round(capacity, 1),
                    capacity <= 0 ? null : Math.Round(100m * hours / capacity, 1)));
            }
        }

        return rows;
    }

    // A day counts as fully away from 6 hours of absence on it, half away below that.
    private static IEnumerable<(DateOnly Day, decimal Fraction)> AbsentDays(Absence absence)
    {
        for (var day = DateOnly.FromDateTime(absence.Start.DateTime); day.ToDateTime(TimeOnly.MinValue) < absence.End.DateTime; day = day.AddDays(1))
        {
            var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), absence.Start.Offset);
            var overlap = (Min(absence.End, dayStart.AddDays(1)) - Max(absence.Start, dayStart)).TotalHours;
            if (overlap > 0)
            {
                yield return (day, overlap >= 6 ? 1m : 0.5m);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task<Dictionary<string, string>> ServiceNamesAsync(int season, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services is null ? [] : await services.ListServicesAsync(season, cancellationToken).ConfigureAwait(false))
        {
            names[service.Id] = service.Name;
        }

        return names;
    }

    private async Task<IReadOnlyList<CoverageRisk>> CoverageRisksAsync(SeasonSummary season, List<string> unavailable, CancellationToken cancellationToken)
    {
        if (coverage is null)
        {
            unavailable.Add("coverage");
            return [];
        }

        var days = await coverage.ListCoverageAsync(season.Year, season.FirstDay, season.LastDay, cancellationToken).ConfigureAwait(false);
        return
        [
            .. days
                .Where(d => d.Scheduled > 0 && d.Minimum is { } minimum && (d.BelowMinimum || (d.OnDuty <= minimum && d.Absent > 0)))
                .OrderBy(d => d.Day)
                .ThenBy(d => d.TeamName, StringComparer.Ordinal)
                .Select(d => new CoverageRisk(d.TeamId, d.TeamName, d.Day, d.OnDuty, d.Minimum!.Value, d.Absent, d.BelowMinimum)),
        ];
    }

    private async Task<IReadOnlyList<OwnerPlanHealth>> PlanAsync(int season, List<string> unavailable, CancellationToken cancellationToken)
    {
        if (milestones is null)
        {
            unavailable.Add("plan");
            return [];
        }

        var all = await milestones.ListAsync(season, cancellationToken).ConfigureAwait(false);
        static bool Is(MilestoneSummary m, string status) => string.Equals(m.Status, status, StringComparison.OrdinalIgnoreCase);
        return
        [
            .. all
                .GroupBy(m => m.OwnerId, StringComparer.Ordinal)
                .Select(g => new OwnerPlanHealth(
                    g.Key,
                    g.Count(),
                    g.Count(m => Is(m, "done")),
                    g.Count(m => Is(m, "late")),
                    g.Count(m => Is(m, "atRisk")),
                    g.Count(m => !Is(m, "done") && !Is(m, "late") && !Is(m, "atRisk"))))
                .OrderByDescending(o => o.Late)
                .ThenByDescending(o => o.AtRisk)
                .ThenBy(o => o.OwnerId, StringComparer.Ordinal),
        ];
    }

    private async Task<(IReadOnlyList<EnvelopeUse> Envelopes, IReadOnlyList<OrganiserKindOutcomes> Requests)> LogisticsAsync(int season, List<string> unavailable, CancellationToken cancellationToken)
    {
        if (logistics is null)
        {
            unavailable.AddRange(["envelopes", "requests"]);
            return ([], []);
        }

        var envelopes = await logistics.ListEnvelopesAsync(season, cancellationToken).ConfigureAwait(false);
        var lines = await logistics.ListLineOutcomesAsync(season, cancellationToken).ConfigureAwait(false);

        // One pass over the season's lines (30,000 at ten times the sample): counts by organiser kind and decision.
        var kinds = Enum.GetValues<OrganiserKind>();
        var counts = kinds.ToDictionary(k => k, _ => new int[Decisions.Length + 2]);
        var costs = kinds.ToDictionary(k => k, _ => 0m);
        foreach (var line in lines)
        {
            if (counts.TryGetValue(line.OrganiserKind, out var of))
            {
                // The last count is every line of the kind.
                var at = 0;
                while (at < Decisions.Length && !string.Equals(Decisions[at], line.Decision, StringComparison.OrdinalIgnoreCase))
                {
                    at++;
                }

                of[at]++;
                of[Decisions.Length + 1]++;
                costs[line.OrganiserKind] += line.Cost;
            }
        }

        return (
            [.. envelopes.Select(e => new EnvelopeUse(e.ServiceId, e.Name, e.Amount, e.Consumed, e.Pending, e.Amount == 0 ? 0m : Math.Round(100m * e.Consumed / e.Amount, 1)))],
            [
                .. kinds.Select(kind =>
                {
                    var (approved, partly, refused, pending) = (counts[kind][0], counts[kind][1], counts[kind][2], counts[kind][3]);
                    var all = counts[kind][^1];
                    var decided = all - pending;
                    return new OrganiserKindOutcomes(
                        kind,
                        all,
                        approved,
                        partly,
                        refused,
                        pending,
                        costs[kind],
                        decided == 0 ? 0m : Math.Round(100m * (approved + partly) / decided, 1));
                }),
            ]);
    }
}
