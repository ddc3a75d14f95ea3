using System.Globalization;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Crews;

/// <summary>Where crews and the crew schedule live: tables <c>Crews</c> and <c>CrewSchedules</c>, partition = season.</summary>
public sealed class CrewStore
{
    public const string CrewTable = "Crews";
    public const string ScheduleTable = "CrewSchedules";
    public const string ScheduleRow = "schedule";

    public CrewStore(ITableStore store)
    {
        Crews = new DocumentTable<Crew>(store, CrewTable, c => [new("ServiceId", c.ServiceId)]);
        Schedules = new DocumentTable<CrewScheduleDocument>(store, ScheduleTable);
    }

    public DocumentTable<Crew> Crews { get; }

    public DocumentTable<CrewScheduleDocument> Schedules { get; }

    public static string Key(int season) => season.ToString(CultureInfo.InvariantCulture);

    /// <summary>Inserts or replaces a crew (sample loading: idempotent).</summary>
    public Task UpsertCrewAsync(int season, Crew crew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crew);
        return Crews.UpsertAsync(Key(season), crew.Id, crew, cancellationToken);
    }
}
