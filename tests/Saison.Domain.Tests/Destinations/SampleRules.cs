using System.Text.Json;
using Saison.Domain.Calendar;
using Saison.Domain.Seasons;

namespace Saison.Domain.Tests.Destinations;

/// <summary>The destinations' rule data as the repository holds it (<c>samples/public-holidays/*.json</c>), for the rules' tests.</summary>
internal static class SampleRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The repository's root folder (declared first: the rule sets below read from it).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Metropolitan France's eleven public holidays.</summary>
    public static PublicHolidayCalendar France { get; } = Holidays("france");

    /// <summary>Working days in metropolitan France.</summary>
    public static WorkingDays Working { get; } = new(France);

    /// <summary>A tonality of five themes (the study's, Saint-Nazaire's sample) for tests that need one.</summary>
    public static Tonality Themes { get; } = new(
        [
            new("tourisme-industriel", "Tourisme industriel", 25),
            new("tourisme-vert", "Tourisme vert", 15),
            new("port-de-tous-les-voyages", "Le Port de tous les Voyages", 20),
            new("balneaire", "Balnéaire et plages", 25),
            new("grands-evenements", "Grands événements récurrents", 15),
        ],
        []);

    /// <summary>The holidays of the given rule sets together (<c>france</c>, <c>alsace-moselle</c>, <c>la-reunion</c>…).</summary>
    public static PublicHolidayCalendar Holidays(params string[] sets) =>
        new(sets.SelectMany(set => JsonSerializer.Deserialize<RuleSet>(File.ReadAllText(Path.Combine(Root, "samples", "public-holidays", set + ".json")), Json)!.Rules));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Saison.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Saison.sln) is not above " + AppContext.BaseDirectory);
    }

    private sealed record RuleSet(IReadOnlyList<PublicHolidayRule> Rules);
}
