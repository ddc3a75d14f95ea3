using System.Text.Json;
using Saison.Application.Persistence;
using Saison.Domain.Calendar;
using Saison.Domain.Destinations;
using Saison.Domain.Seasons;

namespace Saison.Application.Destinations;

/// <summary>
/// Reads a destination from its folder: <c>{folder}/destination.json</c> (name, time zone, school-holiday zone,
/// public-holiday rules, site kinds, default tonality, plan owners). Public-holiday rule sets shared by several
/// destinations (<c>"publicHolidayRuleSets": ["france"]</c>) are files of the destinations' folder,
/// <c>{root}/public-holidays/{set}.json</c>; a destination's own rules (<c>"publicHolidays"</c>) are added to them.
/// The choice of destination is a setting; which one is the default is the parent's <c>destinations.json</c>.
/// </summary>
public static class DestinationFolder
{
    /// <summary>The description file of a destination folder.</summary>
    public const string FileName = "destination.json";

    /// <summary>The parent folder's file naming the default destination (<c>{"default": "…"}</c>).</summary>
    public const string DefaultsFileName = "destinations.json";

    /// <summary>The folder of the shared public-holiday rule sets, under the destinations' parent folder.</summary>
    public const string RuleSetsFolder = "public-holidays";

    /// <summary>
    /// The folder of <paramref name="destination"/> under <paramref name="root"/> (a name, or a path of its own),
    /// or the default one when it is empty.
    /// </summary>
    public static string Resolve(string root, string? destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (string.IsNullOrWhiteSpace(destination))
        {
            var defaults = Path.Combine(root, DefaultsFileName);
            if (!File.Exists(defaults))
            {
                throw new InvalidOperationException($"No destination is set (Saison:Destination) and {defaults} names no default.");
            }

            destination = Read<DefaultsFile>(defaults).Default;
        }

        var folder = Path.GetFullPath(Path.Combine(root, destination));
        return File.Exists(Path.Combine(folder, FileName))
            ? folder
            : throw new InvalidOperationException($"The destination '{destination}' has no {FileName} (looked in {folder}).");
    }

    /// <summary>
    /// Reads the destination described in <paramref name="folder"/>, its shared rule sets from
    /// <paramref name="root"/>; a broken description stops the app's start.
    /// </summary>
    public static Destination Load(string root, string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = Path.Combine(folder, FileName);
        var file = Read<DestinationFile>(path);
        var rules = new List<PublicHolidayRule>();
        foreach (var set in file.PublicHolidayRuleSets ?? [])
        {
            rules.AddRange(RuleSet(Path.Combine(root, RuleSetsFolder), set));
        }

        rules.AddRange(file.PublicHolidays ?? []);
        try
        {
            return new Destination(
                Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)),
                file.Name ?? throw new InvalidDataException($"{path}: the destination has no name."),
                file.TimeZoneId is { } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? zone : throw new InvalidDataException($"{path}: unknown time zone '{file.TimeZoneId}'."),
                file.SchoolHolidayZone,
                rules,
                file.SiteKinds ?? [],
                file.Tonality ?? new Tonality([], []),
                file.Owners ?? []);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The rules of a shared rule set (<c>{folder}/{name}.json</c>, <c>{"rules": […]}</c>).</summary>
    public static IReadOnlyList<PublicHolidayRule> RuleSet(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(folder, name + ".json");
        return File.Exists(path)
            ? Read<RuleSetFile>(path).Rules
            : throw new InvalidDataException($"No public-holiday rule set '{name}' (expected {path}).");
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), SaisonJson.Options) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // A rule that cannot be (a 30 February, a day that is both fixed and after Easter) is refused by its constructor.
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private sealed record DefaultsFile(string Default);

    private sealed record RuleSetFile(IReadOnlyList<PublicHolidayRule> Rules);

    private sealed record DestinationFile(
        string? Name,
        string? TimeZoneId,
        string? SchoolHolidayZone,
        IReadOnlyList<string>? PublicHolidayRuleSets,
        IReadOnlyList<PublicHolidayRule>? PublicHolidays,
        IReadOnlyList<SiteKindDefinition>? SiteKinds,
        Tonality? Tonality,
        IReadOnlyList<PlanOwner>? Owners);
}
