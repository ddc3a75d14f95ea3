using Saison.Domain.Organisers;

namespace Saison.Application.Copil;

/// <summary>
/// The COPIL's tonality dashboard for one season: every figure the steering committee reads, computed
/// from the other areas' contracts. A figure whose source area is not available says so in
/// <see cref="Unavailable"/> rather than showing zeros.
/// </summary>
public sealed record CopilDashboard(
    int Season,
    string City,
    DateOnly FirstDay,
    DateOnly LastDay,
    IReadOnlyList<PeakPeriod> Peaks,
    int EventCount,
    IReadOnlyList<ThemeShare> Themes,
    IReadOnlyList<string> Priorities,
    IReadOnlyList<WeekEvents> Weeks,
    IReadOnlyList<SiteEvents> Sites,
    IReadOnlyList<ServiceWeekLoad> Load,
    IReadOnlyList<CoverageRisk> CoverageRisks,
    IReadOnlyList<OwnerPlanHealth> Plan,
    IReadOnlyList<EnvelopeUse> Envelopes,
    IReadOnlyList<OrganiserKindOutcomes> Requests,
    IReadOnlyList<CopilDecisionEntry> Decisions,
    IReadOnlyList<string> Unavailable)
{
    /// <summary>The season's time zone (IANA id), for dates and times printed on the report.</summary>
    public required string TimeZoneId { get; init; }
}

public sealed record PeakPeriod(DateOnly First, DateOnly Last);

/// <summary>
/// A theme's share of the programme against its target. An event with several themes counts for
/// an equal part in each (so shares add up to at most 100 %); <see cref="Events"/> counts whole events.
/// </summary>
public sealed record ThemeShare(string ThemeId, string Name, int TargetPercent, int Events, decimal ActualPercent, decimal GapPoints);

/// <summary>Events taking place in one week (Monday to Sunday), occurrences counted, and whether the week touches the peak.</summary>
public sealed record WeekEvents(DateOnly WeekStart, int IsoWeek, int Occurrences, int Events, bool Peak);

public sealed record SiteEvents(string SiteId, string SiteName, int Events, int Occurrences, decimal SharePercent);

/// <summary>
/// Crew hours assigned to a service's agents in a week against their hours available that week
/// (weekly hours less approved absences). <see cref="LoadPercent"/> is null when nobody is available.
/// </summary>
public sealed record ServiceWeekLoad(string ServiceId, string ServiceName, DateOnly WeekStart, int IsoWeek, decimal LoadHours, decimal CapacityHours, decimal? LoadPercent);

/// <summary>A day where a team has no margin left: below its minimum staffing, or exactly at it because of absences.</summary>
public sealed record CoverageRisk(string TeamId, string TeamName, DateOnly Day, int OnDuty, int Minimum, int Absent, bool BelowMinimum);

public sealed record OwnerPlanHealth(string OwnerId, int Milestones, int Done, int Late, int AtRisk, int OnTrack);

public sealed record EnvelopeUse(string ServiceId, string Name, decimal Amount, decimal Consumed, decimal Pending, decimal ConsumedPercent);

/// <summary>How the lines of one kind of organiser's requests were decided (so that associations' treatment is visible).</summary>
public sealed record OrganiserKindOutcomes(OrganiserKind Kind, int Lines, int Approved, int PartlyApproved, int Refused, int Pending, decimal RequestedCost, decimal ApprovedPercent);

public sealed record CopilDecisionEntry(DateOnly Date, string Text, string RecordedBy);
