using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Saison.Application.Auditing;
using Saison.Application.Persistence;
using Saison.Application.Samples;
using Saison.Functions;
using Saison.Functions.Hosting;
using Saison.Functions.Http;
using Saison.Functions.Identity;
using Saison.Functions.Operations;
using Saison.Storage;

if (args.Length > 0 && args[0] == TokenCommand.Name)
{
    var tokenConfiguration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development}.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TokenCommand.Run(args[1..], tokenConfiguration, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Standalone: the Functions local port unless --urls says otherwise; under the host: its port.
var hostPort = FunctionsHost.CustomHandlerPort(builder.Configuration);
if (hostPort is { } port)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}
else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls(FunctionsHost.StandaloneUrl);
}

builder.Services.AddOptions<SaisonOptions>().BindConfiguration(SaisonOptions.SectionName);
builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
    .PostConfigure<IOptions<SaisonOptions>>((storage, saison) => storage.DataDirectory = Path.GetFullPath(saison.Value.DataDirectory));
builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => TableStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<AuditTrail>();
builder.Services.AddSingleton<SampleSeasonLoader>();
builder.Services.AddHostedService<SampleSeasonStartup>();
builder.Services.AddSingleton<TimerFunctionRegistry>();
builder.Services.AddSingleton<TimerRunner>();
if (hostPort is null)
{
    builder.Services.AddHostedService<TimerScheduler>();
}

builder.Services.AddSingleton<FunctionCatalog>();

builder.Services.ConfigureHttpJsonOptions(options => SaisonJson.ConfigureInput(options.SerializerOptions));
builder.Services.AddSaisonProblems();
builder.Services.AddSingleton<BearerTokenValidator>();
builder.Services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddOpenApi(options => options.AddSaisonSchemas().AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Saison — API";
    document.Info.Description = "Planifier la saison touristique : rétroplanning partagé, demandes logistiques, équipes, congés d'été, calendriers.";
    return Task.CompletedTask;
}));
builder.Services.AddSaisonAreas();

var app = builder.Build();

app.UseExceptionHandler();
app.UseSaisonStatusProblems();
app.UseAuthentication();
app.UseAuthorization();
app.UseBodyGuard();
// After authentication: a page's form token is bound to the signed-in user.
app.UseAntiforgery();

app.MapOpenApi("/api/openapi.json").WithName("OpenApiDocument").AllowAnonymous();
app.MapSystemFunctions();
app.MapGroup(string.Empty).WithConditionalReads().MapSaisonAreas();
if (hostPort is not null)
{
    app.MapTimerInvocations();
}

if (args.Length > 0 && args[0] == FunctionManifest.CommandName)
{
    return FunctionManifest.Run(app, args);
}

app.Run();
return 0;

/// <summary>The function app's entry point (visible to the tests' WebApplicationFactory).</summary>
public partial class Program;
