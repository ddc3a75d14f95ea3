using Saison.Domain.Calendar;
using Saison.Domain.Seasons;

namespace Saison.Domain.Destinations;

/// <summary>A kind of site a destination names (a beach, a port, a heritage site…): its stable id and French name.</summary>
public sealed record SiteKindDefinition
{
    public SiteKindDefinition(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
    }

    /// <summary>The id sites carry (<c>beach</c>).</summary>
    public string Id { get; }

    /// <summary>French name (« Plage »).</summary>
    public string Name { get; }
}

/// <summary>
/// Who answers for a reverse-plan milestone (its owner code in the templates): the French name titles show,
/// and the role (Organiser, Technician, Manager, Copil…) that may mark its milestones done.
/// </summary>
public sealed record PlanOwner
{
    public PlanOwner(string code, string name, string? role = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code;
        Name = name;
        Role = string.IsNullOrWhiteSpace(role) ? null : role;
    }

    /// <summary>
    /// The code every destination shares for an event's own organiser: its milestones go to that organisation
    /// (the event's), whatever the destination calls it.
    /// </summary>
    public const string Organiser = "organiser";

    /// <summary>The code every destination shares for the project cell, which owns the plan and may mark any milestone done.</summary>
    public const string ProjectCell = "project-cell";

    /// <summary>The code templates use (for example the technical services').</summary>
    public string Code { get; }

    /// <summary>French name with its article (« les services techniques »).</summary>
    public string Name { get; }

    /// <summary>The role that may mark this owner's milestones done besides the project cell; none: only the project cell.</summary>
    public string? Role { get; }
}

/// <summary>
/// A tourist destination Saison plans for: everything that differs from one city to another and is data,
/// never code — its name, time zone, school-holiday zone, public-holiday rules, site kinds, default themes
/// and the owners of the reverse plan. (Its sites, organisers, services, templates and sample season are
/// the files beside its description.)
/// </summary>
public sealed record Destination
{
    public Destination(
        string id,
        string name,
        string timeZoneId,
        string? schoolHolidayZone,
        IReadOnlyList<PublicHolidayRule> publicHolidays,
        IReadOnlyList<SiteKindDefinition> siteKinds,
        Tonality tonality,
        IReadOnlyList<PlanOwner> owners)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        ArgumentNullException.ThrowIfNull(publicHolidays);
        ArgumentNullException.ThrowIfNull(siteKinds);
        ArgumentNullException.ThrowIfNull(tonality);
        ArgumentNullException.ThrowIfNull(owners);
        if (siteKinds.Count == 0)
        {
            throw new ArgumentException($"The destination '{id}' names no site kind.", nameof(siteKinds));
        }

        if (siteKinds.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != siteKinds.Count)
        {
            throw new ArgumentException($"The destination '{id}' names a site kind twice.", nameof(siteKinds));
        }

        if (owners.Select(o => o.Code).Distinct(StringComparer.Ordinal).Count() != owners.Count)
        {
            throw new ArgumentException($"The destination '{id}' names a plan owner twice.", nameof(owners));
        }

        Id = id;
        Name = name;
        TimeZoneId = timeZoneId;
        SchoolHolidayZone = string.IsNullOrWhiteSpace(schoolHolidayZone) ? null : schoolHolidayZone;
        SiteKinds = [.. siteKinds];
        Tonality = tonality;
        Owners = [.. owners];
        Holidays = new PublicHolidayCalendar(publicHolidays);
        WorkingDays = new WorkingDays(Holidays);
    }

    /// <summary>The folder's name under <c>samples/</c> (<c>la-rochelle-2027</c>).</summary>
    public string Id { get; }

    /// <summary>The city's name, for the season and the pages.</summary>
    public string Name { get; }

    /// <summary>IANA time zone of every local date-time, and of the local-time timers.</summary>
    public string TimeZoneId { get; }

    /// <summary>The school-holiday zone (<c>A</c>, <c>B</c>, <c>C</c>, or an overseas académie), when it has one.</summary>
    public string? SchoolHolidayZone { get; }

    /// <summary>Its public holidays, from its rules.</summary>
    public PublicHolidayCalendar Holidays { get; }

    /// <summary>Monday to Friday, its public holidays excepted.</summary>
    public WorkingDays WorkingDays { get; }

    public IReadOnlyList<SiteKindDefinition> SiteKinds { get; }

    /// <summary>The tonality a new season of this destination starts from (themes and their target shares).</summary>
    public Tonality Tonality { get; }

    public IReadOnlyList<PlanOwner> Owners { get; }

    public bool HasSiteKind(string id) => SiteKinds.Any(k => string.Equals(k.Id, id, StringComparison.Ordinal));

    /// <summary>The French name of a site kind, or the id itself when the destination does not name it.</summary>
    public string SiteKindName(string id) => SiteKinds.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal))?.Name ?? id;

    /// <summary>The French name of a plan owner, or the code itself when the destination does not name it.</summary>
    public string OwnerName(string code) => Owners.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal))?.Name ?? code;

    /// <summary>The role that answers for the milestones of <paramref name="code"/>, or none.</summary>
    public string? OwnerRole(string code) => Owners.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal))?.Role;

    /// <summary>The destination's local time zone.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
