using Microsoft.Extensions.Options;
using Saison.Application.Auditing;
using Saison.Application.Destinations;
using Saison.Application.Persistence;
using Saison.Application.Samples;
using Saison.Functions.Http;
using Saison.Functions.Identity;
using Saison.Storage;

namespace Saison.Functions.Hosting;

/// <summary>
/// The function app's composition: its settings and services, the same under the Functions host
/// (Program) and in the tests' in-process host.
/// </summary>
public static class FunctionApp
{
    /// <summary>
    /// The environment's name as the Functions host gives it (<c>AZURE_FUNCTIONS_ENVIRONMENT</c>, set to
    /// Development by Core Tools and the local host), else .NET's own variables, else Production.
    /// </summary>
    public static string EnvironmentName(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new[] { "AZURE_FUNCTIONS_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT" }
            .Select(variable)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? Environments.Production;
    }

    /// <summary>
    /// Reads the app's settings from its own folder (the worker's working directory is the host's
    /// choice): <c>appsettings.json</c>, then the environment's file, then environment variables (app settings).
    /// </summary>
    public static void Configure(IConfigurationManager configuration, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environmentName}.json"), Optional = true, ReloadOnChange = false });
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true, ReloadOnChange = false });
        foreach (var source in configuration.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>())
        {
            source.ResolveFileProvider();
        }
    }

    /// <summary>Every service of the app: options, storage, identity, problems, the areas and their functions.</summary>
    public static IServiceCollection AddSaison(this IServiceCollection services)
    {
        services.AddOptions<SaisonOptions>().BindConfiguration(SaisonOptions.SectionName);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IOptions<SaisonOptions>>((storage, saison) => storage.DataDirectory = Path.GetFullPath(saison.Value.DataDirectory, AppContext.BaseDirectory));
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => TableStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Saison.Application.Auditing.PendingAuditDrain>();
        services.AddSingleton(sp => new DestinationLocation(DestinationFolder.Resolve(SaisonOptions.DestinationsRoot, sp.GetRequiredService<IOptions<SaisonOptions>>().Value.Destination)));
        services.AddSingleton(sp => DestinationFolder.Load(SaisonOptions.DestinationsRoot, sp.GetRequiredService<DestinationLocation>().Folder));
        services.AddSingleton<SampleSeasonLoader>();
        services.AddHostedService<SampleSeasonStartup>();
        services.AddHostedService<SeasonListsWarmup>();
        services.AddSingleton<TimerFunctionRegistry>();
        services.AddSingleton<TimerRunner>();

        services.ConfigureHttpJsonOptions(options => SaisonJson.ConfigureInput(options.SerializerOptions));
        services.AddSaisonProblems();
        services.AddSingleton<BearerTokenValidator>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddOpenApi(options => options.AddSaisonSchemas().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Saison — API";
            document.Info.Description = "Planifier la saison touristique : rétroplanning partagé, demandes logistiques, équipes, congés d'été, calendriers.";
            return Task.CompletedTask;
        }));
        services.AddSaisonAreas();
        services.AddSaisonOperations();
        return services;
    }
}
