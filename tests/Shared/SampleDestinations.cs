using Saison.Application.Destinations;
using Saison.Domain.Destinations;

namespace Saison.Testing;

/// <summary>The destinations of the repository's <c>samples/</c> folder, read as the app reads them.</summary>
public static class SampleDestinations
{
    /// <summary>The repository's <c>samples/</c> folder (declared first: the destinations below read from it).</summary>
    public static string Folder { get; } = Find();

    /// <summary>The default destination (the one <c>samples/destinations.json</c> names).</summary>
    public static Destination Default { get; } = DestinationFolder.Load(Folder, DestinationFolder.Resolve(Folder, null));

    /// <summary>Every destination folder of <c>samples/</c> (those with a <c>destination.json</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetDirectories(Folder).Where(d => File.Exists(Path.Combine(d, DestinationFolder.FileName))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static Destination Load(string name) => DestinationFolder.Load(Folder, Path.Combine(Folder, name));

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Saison.sln")))
            {
                return Path.Combine(directory.FullName, "samples");
            }
        }

        throw new InvalidOperationException("Saison.sln not found above " + AppContext.BaseDirectory);
    }
}
