using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saison.Application.Contracts;
using Saison.Domain.Calendar;
using Saison.Domain.Organisers;
using Saison.Domain.Staff;
using Saison.Functions.Tests.Infrastructure;

namespace Saison.Functions.Tests.Calendars;

/// <summary>
/// The other areas' contracts as the calendar feeds see them, with data the tests control. The
/// season's time zone comes from the season record, as in the app.
/// </summary>
internal sealed class CalendarFakes : ISeasons, ISeasonEvents, IReversePlanMilestones, ICrewAssignments, IAgentAvailability, IStaffDirectory
{
    public static readonly TimeSpan Summer = TimeSpan.FromHours(2);
    public static readonly DateTimeOffset Modified = new(2027, 2, 1, 10, 0, 0, TimeSpan.Zero);

    public SeasonSummary Season { get; set; } = new(2027, "Saint-Nazaire", "Europe/Paris", new DateOnly(2027, 4, 1), new DateOnly(2027, 10, 31), [new DateRange(new DateOnly(2027, 7, 1), new DateOnly(2027, 8, 31))], "active");

    public List<EventSummary> Events { get; } = [];

    public List<MilestoneSummary> Milestones { get; } = [];

    public List<AssignedTask> Tasks { get; } = [];

    public List<Absence> Absences { get; } = [];

    public List<Agent> Agents { get; } = [];

    public List<Team> Teams { get; } = [];

    public static SaisonApp CreateApp(CalendarFakes fakes, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? more = null) =>
        SaisonApp.Create(loadSampleSeason: false, settings: settings, services: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<ISeasons>(fakes));
            services.Replace(ServiceDescriptor.Singleton<ISeasonEvents>(fakes));
            services.Replace(ServiceDescriptor.Singleton<IReversePlanMilestones>(fakes));
            services.Replace(ServiceDescriptor.Singleton<ICrewAssignments>(fakes));
            services.Replace(ServiceDescriptor.Singleton<IAgentAvailability>(fakes));
            services.Replace(ServiceDescriptor.Singleton<IStaffDirectory>(fakes));
            more?.Invoke(services);
        });

    public static EventSummary Event(string id, string title, DateTimeOffset start, DateTimeOffset end, bool agenda = true, string organiser = "org-snat", string status = "validated", bool allDay = false, int revision = 1, IReadOnlyList<EventOccurrence>? occurrences = null) =>
        new(id, 2027, title, organiser, OrganiserKind.Association, "site-plage", "Plage de Saint-Nazaire, front de mer", start, end, allDay, agenda, "medium", status, ["Plages", "Fête"], occurrences ?? [], revision, Modified.AddMinutes(revision));

    public static DateTimeOffset Paris(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, month is >= 4 and <= 10 ? Summer : TimeSpan.FromHours(1));

    public Task<SeasonSummary?> FindAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult(season == Season.Year ? Season : null);

    public Task<EventSummary?> FindAsync(int season, string eventId, CancellationToken cancellationToken = default) => Task.FromResult(Events.FirstOrDefault(e => e.Id == eventId));

    public Task<IReadOnlyList<EventSummary>> ListAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<EventSummary>>([.. Events.Where(e => e.Season == season)]);

    Task<IReadOnlyList<MilestoneSummary>> IReversePlanMilestones.ListAsync(int season, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<MilestoneSummary>>([.. Milestones]);

    public Task<IReadOnlyList<AssignedTask>> ListAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<AssignedTask>>([.. Tasks]);

    public Task<IReadOnlyList<Absence>> ListAbsencesAsync(int season, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Absence>>([.. Absences]);

    public Task<IReadOnlyList<Agent>> ListAgentsAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Agent>>([.. Agents]);

    public Task<IReadOnlyList<Team>> ListTeamsAsync(int season, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Team>>([.. Teams]);
}
