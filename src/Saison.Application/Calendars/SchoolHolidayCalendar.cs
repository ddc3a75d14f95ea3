using System.Collections.Concurrent;
using Saison.Application.Contracts;
using Saison.Calendars.ICalendar;

namespace Saison.Application.Calendars;

/// <summary>
/// The school holidays from the reference calendars: <c>{folder}/vacances-scolaires-zone-{zone}.ics</c>
/// (lower-case zone), read once per zone. Each VEVENT is all-day: DTSTART the day classes end
/// (after class), DTEND the morning classes resume (exclusive).
/// </summary>
public sealed class SchoolHolidayCalendar : ISchoolHolidays
{
    private readonly string _folder;
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<SchoolHoliday>>> _zones = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="folder">The folder holding the reference .ics files (the app's <c>calendars/</c>).</param>
    public SchoolHolidayCalendar(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = folder;
    }

    public static string FileName(string zone) => $"vacances-scolaires-zone-{zone.ToLowerInvariant()}.ics";

    public Task<IReadOnlyList<SchoolHoliday>> ListAsync(string zone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zone);
        var all = _zones.GetOrAdd(zone, z => new Lazy<IReadOnlyList<SchoolHoliday>>(() => Load(z))).Value;
        IReadOnlyList<SchoolHoliday> overlapping = [.. all.Where(h => h.ClassesEnd <= to && h.ClassesResume.AddDays(-1) >= from)];
        return Task.FromResult(overlapping);
    }

    private IReadOnlyList<SchoolHoliday> Load(string zone)
    {
        var path = Path.Combine(_folder, FileName(zone));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No school-holiday calendar for zone '{zone}' (expected {path}).", path);
        }

        using var reader = new StreamReader(path);
        var calendar = IcsFile.Read(reader);
        if (calendar.Error is not null || calendar.Refused.Count > 0)
        {
            // A reference calendar shipped with the app: a broken one is a bug to fix, not input to skip.
            throw new InvalidDataException($"{path}: {calendar.Error?.Text ?? string.Join(" ; ", calendar.Refused.Select(r => r.Text))}");
        }

        return [.. calendar.Events
            .Where(e => e.IsAllDay && e.Status != EventStatus.Cancelled)
            .Select(e => new SchoolHoliday(e.Summary, zone.ToUpperInvariant(), e.FirstDay, e.EndDay))
            .OrderBy(h => h.ClassesEnd)];
    }
}
