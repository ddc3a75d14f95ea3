namespace Saison.Functions.Hosting;

/// <summary>Configuration section <c>Saison</c>.</summary>
public sealed class SaisonOptions
{
    public const string SectionName = "Saison";

    /// <summary>The folder of the embedded data (SQLite file); environment <c>Saison__DataDirectory</c>.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Load the destination's sample season into an empty store on start.</summary>
    public bool LoadSampleSeason { get; set; } = true;

    /// <summary>
    /// The destination the app plans for: a folder under <c>samples/</c> (or a path) holding its
    /// <c>destination.json</c>, sites, organisers, services, templates and sample season. Empty: the default
    /// that <c>samples/destinations.json</c> names. Environment <c>Saison__Destination</c>.
    /// </summary>
    public string? Destination { get; set; }

    /// <summary>The sample season's year.</summary>
    public int SampleSeasonYear { get; set; } = 2027;

    /// <summary>The folder of the destinations: <c>samples/</c> beside the app.</summary>
    public static string DestinationsRoot => Path.Combine(AppContext.BaseDirectory, "samples");
}

/// <summary>The folder of the destination the app runs for (its <c>destination.json</c> and sample files).</summary>
public sealed record DestinationLocation(string Folder);
