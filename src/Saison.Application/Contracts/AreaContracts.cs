using Saison.Domain.Seasons;
using Saison.Domain.Calendar;
using Saison.Domain.Organisers;
using Saison.Domain.Staff;

namespace Saison.Application.Contracts;

// What one area of the app offers the others. Each interface is implemented by the area that owns
// the records and registered in the function app's composition root.

/// <summary>The seasons as other areas see them (owned by the season area).</summary>
public interface ISeasons
{
    Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default);
}

/// <summary>
/// A season's bounds as the other areas need them: the city and its time zone (data, never
/// literals: any city), the first and last day, and the peak (haute saison) periods, inclusive.
/// </summary>
public sealed record SeasonSummary(
    int Year,
    string City,
    string TimeZoneId,
    DateOnly FirstDay,
    DateOnly LastDay,
    IReadOnlyList<DateRange> Peaks,
    string Status)
{
    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public bool IsPeak(DateOnly date) => Peaks.Any(p => p.Contains(date));
}

/// <summary>A season's events as other areas see them (owned by the events area).</summary>
public interface ISeasonEvents
{
    Task<EventSummary?> FindAsync(int season, string eventId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EventSummary>> ListAsync(int season, CancellationToken cancellationToken = default);

    /// <summary>
    /// One event (<see cref="FindAsync"/>) and, when it exists, every event of the season (<see cref="ListAsync"/>): what a
    /// logistics submission needs (its event, and every event's priority class). The events area reads the season's set-up
    /// once for both.
    /// </summary>
    async Task<(EventSummary? Event, IReadOnlyList<EventSummary> All)> FindAmongAllAsync(int season, string eventId, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(season, eventId, cancellationToken).ConfigureAwait(false);
        return found is null ? (null, []) : (found, await ListAsync(season, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>
/// An event summarised. Times are local to the season's time zone (offset included); all-day
/// events have midnight starts and an exclusive end. A recurring event lists its occurrences.
/// </summary>
public sealed record EventSummary(
    string Id,
    int Season,
    string Title,
    string OrganiserId,
    OrganiserKind OrganiserKind,
    string SiteId,
    string SiteName,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool AllDay,
    bool InTourismAgenda,
    string SizeClass,
    string Status,
    IReadOnlyList<string> Themes,
    IReadOnlyList<EventOccurrence> Occurrences,
    int Revision,
    DateTimeOffset LastModified,
    OpeningHours? SiteOpening = null)
{
    /// <summary>The visitors the organiser expects over the whole event (0 when not said): the COPIL's cost per visitor.</summary>
    public int ExpectedAttendance { get; init; }
}

public sealed record EventOccurrence(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// What follows an event in other areas when its dates or size change (logistics: its requests' lines, due dates
/// and crew tasks), after the event's own transaction: events and what depends on them live in other tables.
/// Following must be idempotent: one cut short is completed by the next.
/// </summary>
public interface IEventFollower
{
    Task FollowAsync(Identity.Caller caller, EventSummary before, EventSummary after, CancellationToken cancellationToken = default);
}

/// <summary>The milestones of the shared reverse plan, for calendars and digests (owned by the plan area).</summary>
public interface IReversePlanMilestones
{
    Task<IReadOnlyList<MilestoneSummary>> ListAsync(int season, CancellationToken cancellationToken = default);
}

public sealed record MilestoneSummary(
    string Id,
    string? EventId,
    string Title,
    string OwnerId,
    DateOnly Due,
    string Status,
    int Revision,
    DateTimeOffset LastModified);

/// <summary>Agents and teams (owned by the staff and leave area).</summary>
public interface IStaffDirectory
{
    Task<IReadOnlyList<Agent>> ListAgentsAsync(int season, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Team>> ListTeamsAsync(int season, CancellationToken cancellationToken = default);
}

/// <summary>Approved absences (leave, recovery time), the one notion of availability crews schedule against (owned by the leave area).</summary>
public interface IAgentAvailability
{
    Task<IReadOnlyList<Absence>> ListAbsencesAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}

/// <summary>An agent is away from <see cref="Start"/> to <see cref="End"/> (exclusive); half days are half-day intervals.</summary>
public sealed record Absence(string AgentId, string TeamId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Crew tasks assigned to agents (owned by the crews area), so leave decisions see conflicts.</summary>
public interface ICrewAssignments
{
    Task<IReadOnlyList<AssignedTask>> ListAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}

public sealed record AssignedTask(
    string TaskId,
    string AgentId,
    string CrewId,
    string? EventId,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool Published)
{
    /// <summary>The skill the task needs (its hours are priced at that skill's rate when the season sets one).</summary>
    public string? Skill { get; init; }
}

/// <summary>
/// School holidays of a zone, read from the reference calendars (<c>calendars/vacances-scolaires-zone-*.ics</c>,
/// owned by the calendars area); leave and season rules use them for the peak.
/// </summary>
public interface ISchoolHolidays
{
    /// <summary>The holidays of <paramref name="zone"/> (e.g. "B") overlapping <paramref name="from"/>–<paramref name="to"/>, in date order.</summary>
    Task<IReadOnlyList<SchoolHoliday>> ListAsync(string zone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}

/// <summary>
/// A school holiday: classes end after class on <see cref="ClassesEnd"/> and resume on the morning
/// of <see cref="ClassesResume"/>; <see cref="Days"/> runs from the first to the eve of resumption.
/// </summary>
public sealed record SchoolHoliday(string Name, string Zone, DateOnly ClassesEnd, DateOnly ClassesResume)
{
    public DateRange Days => new(ClassesEnd, ClassesResume.AddDays(-1));
}

/// <summary>The season's tonality and the COPIL decisions log, for the COPIL dashboard (owned by the season area).</summary>
public interface ISeasonTonality
{
    Task<TonalitySummary?> FindTonalityAsync(int season, CancellationToken cancellationToken = default);
}

/// <summary>Themes with their target share of the programme (percent), priorities in rank order, decisions in the order recorded.</summary>
public sealed record TonalitySummary(int Season, IReadOnlyList<ThemeTargetSummary> Themes, IReadOnlyList<string> Priorities, IReadOnlyList<CopilDecisionSummary> Decisions);

public sealed record ThemeTargetSummary(string Id, string Name, int TargetPercent);

public sealed record CopilDecisionSummary(string Id, DateOnly Date, string Text, string RecordedBy);

/// <summary>Each team's coverage day by day against its minimum staffing (owned by the leave area); names of absent agents never appear.</summary>
public interface ITeamCoverage
{
    Task<IReadOnlyList<TeamDayCoverage>> ListCoverageAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}

public sealed record TeamDayCoverage(string TeamId, string TeamName, DateOnly Day, int Scheduled, int OnDuty, int Absent, int? Minimum, bool BelowMinimum);

/// <summary>How logistics requests were decided and what the budget envelopes paid (owned by the logistics area).</summary>
public interface ILogisticsOutcomes
{
    /// <summary>Every line of every submitted request, with the organiser's kind and the decision (pending, approved, partlyApproved, refused).</summary>
    Task<IReadOnlyList<RequestLineOutcome>> ListLineOutcomesAsync(int season, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EnvelopeConsumption>> ListEnvelopesAsync(int season, CancellationToken cancellationToken = default);
}

public sealed record RequestLineOutcome(string RequestId, string LineId, string OrganiserId, OrganiserKind OrganiserKind, string Decision, int Quantity, int Granted, decimal Cost);

public sealed record EnvelopeConsumption(string ServiceId, string Name, decimal Amount, decimal Consumed, decimal Pending);

/// <summary>The municipal services of a season (owned by the staff area).</summary>
public interface IStaffServices
{
    Task<IReadOnlyList<Service>> ListServicesAsync(int season, CancellationToken cancellationToken = default);
}

/// <summary>What logistics costs, line by line, read from the claims the requests keep (owned by the logistics area): no allocation is run.</summary>
public interface ILogisticsCosts
{
    /// <summary>Each claim's cost: granted lines as consumed, pending lines at the quantity asked; refused lines cost nothing.</summary>
    Task<IReadOnlyList<Domain.Finance.LogisticsCost>> ListLineCostsAsync(int season, CancellationToken cancellationToken = default);

    /// <summary>The services' budget envelopes for the year.</summary>
    Task<IReadOnlyList<Domain.Finance.EnvelopeAmount>> ListEnvelopeAmountsAsync(int season, CancellationToken cancellationToken = default);
}
