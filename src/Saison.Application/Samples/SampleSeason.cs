using Saison.Application.Identity;
using Saison.Application.Persistence;
using Saison.Storage;

namespace Saison.Application.Samples;

/// <summary>
/// One area's part of the sample season (events, catalogue, crews, agents...), read from the files
/// under <c>samples/{city}-{year}/</c>. Loading must be idempotent: upsert by stable ids.
/// </summary>
public interface ISampleSeasonPart
{
    /// <summary>Parts load in ascending order (the season itself first).</summary>
    int Order { get; }

    string Name { get; }

    Task LoadAsync(SampleSeasonContext context, CancellationToken cancellationToken = default);
}

/// <summary>Where the sample files are and which season they describe.</summary>
public sealed record SampleSeasonContext(int Season, string Directory, Caller Caller)
{
    public string PathOf(string fileName) => System.IO.Path.Combine(Directory, fileName);
}

/// <summary>Marks a season as sample data once all parts loaded.</summary>
public sealed record SampleMarker(int Season, string Source, DateTimeOffset LoadedAt, IReadOnlyList<string> Parts);

/// <summary>Loads the sample season into an empty store, once; the marker says it is sample data.</summary>
public sealed class SampleSeasonLoader
{
    public const string TableName = "Samples";
    private readonly DocumentTable<SampleMarker> _markers;
    private readonly IEnumerable<ISampleSeasonPart> _parts;
    private readonly TimeProvider _time;

    public SampleSeasonLoader(ITableStore store, IEnumerable<ISampleSeasonPart> parts, TimeProvider time)
    {
        _markers = new DocumentTable<SampleMarker>(store, TableName);
        _parts = parts;
        _time = time;
    }

    public async Task<SampleMarker?> FindMarkerAsync(int season, CancellationToken cancellationToken = default) =>
        (await _markers.GetAsync("sample", Key(season), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Loads every part unless the marker says it is done; returns the marker.</summary>
    public async Task<SampleMarker> LoadAsync(int season, string directory, CancellationToken cancellationToken = default)
    {
        if (await FindMarkerAsync(season, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        var context = new SampleSeasonContext(season, directory, Caller.System);
        var loaded = new List<string>();
        foreach (var part in _parts.OrderBy(p => p.Order))
        {
            await part.LoadAsync(context, cancellationToken).ConfigureAwait(false);
            loaded.Add(part.Name);
        }

        var marker = new SampleMarker(season, Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)), _time.GetUtcNow(), loaded);
        await _markers.UpsertAsync("sample", Key(season), marker, cancellationToken).ConfigureAwait(false);
        return marker;
    }

    private static string Key(int season) => season.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
