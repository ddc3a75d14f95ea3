using Microsoft.Extensions.Options;
using Saison.Application.Samples;

namespace Saison.Functions.Hosting;

/// <summary>Loads the sample season into an empty store before the app serves requests.</summary>
public sealed class SampleSeasonStartup(SampleSeasonLoader loader, IOptions<SaisonOptions> options, DestinationLocation destination, ILogger<SampleSeasonStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.LoadSampleSeason)
        {
            return;
        }

        var directory = destination.Folder;
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("Sample season folder {Directory} is missing; nothing loaded", directory);
            return;
        }

        var marker = await loader.LoadAsync(settings.SampleSeasonYear, directory, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sample season {Season} ({Source}) loaded at {LoadedAt}: {Parts}", marker.Season, marker.Source, marker.LoadedAt, string.Join(", ", marker.Parts));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
