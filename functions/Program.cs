using Microsoft.Azure.Functions.Worker.Builder;
using Saison.Functions.Hosting;
using Saison.Functions.Identity;

if (args.Length > 0 && args[0] == TokenCommand.Name)
{
    var tokenConfiguration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddJsonFile($"appsettings.{FunctionApp.EnvironmentName(Environment.GetEnvironmentVariable)}.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TokenCommand.Run(args[1..], tokenConfiguration, Console.Out, Console.Error);
}

// The isolated worker: started by the Functions host (Azure, Core Tools or tools/Saison.LocalHost), never alone.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Environment.EnvironmentName = FunctionApp.EnvironmentName(Environment.GetEnvironmentVariable);
builder.Environment.ContentRootPath = AppContext.BaseDirectory;
FunctionApp.Configure(builder.Configuration, builder.Environment.EnvironmentName);
builder.Services.AddSaison();
builder.UseMiddleware<SaisonHttpMiddleware>();
await builder.Build().RunAsync().ConfigureAwait(false);
return 0;
