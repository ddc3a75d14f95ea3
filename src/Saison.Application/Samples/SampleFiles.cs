using System.Text.Json;
using Saison.Application.Persistence;

namespace Saison.Application.Samples;

/// <summary>Reads a sample-season file in the app's JSON shape.</summary>
internal static class SampleFiles
{
    public static async Task<T> ReadAsync<T>(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, SaisonJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}
