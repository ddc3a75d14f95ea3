namespace Saison.Functions.Hosting;

/// <summary>Configuration section <c>Saison</c>.</summary>
public sealed class SaisonOptions
{
    public const string SectionName = "Saison";

    /// <summary>The folder of the embedded data (SQLite file); environment <c>Saison__DataDirectory</c>.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Load the sample season into an empty store on start.</summary>
    public bool LoadSampleSeason { get; set; } = true;

    /// <summary>The sample season's folder under <c>samples/</c>.</summary>
    public string SampleSeasonFolder { get; set; } = "saint-nazaire-2027";

    /// <summary>The sample season's year.</summary>
    public int SampleSeasonYear { get; set; } = 2027;

    /// <summary>The season's time zone (IANA id) for local-time timer intents: data, not a constant of the code.</summary>
    public string TimeZoneId { get; set; } = "Europe/Paris";
}
