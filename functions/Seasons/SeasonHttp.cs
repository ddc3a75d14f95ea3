namespace Saison.Functions.Seasons;

/// <summary>The roles of the season area's reads.</summary>
internal static class SeasonHttp
{
    /// <summary>Every app role: whoever is authenticated reads the season and the shared plan.</summary>
    public static string[] Everyone { get; } = [.. Saison.Application.Identity.Roles.All];
}
