using System.Text.Json;
using System.Text.Json.Nodes;

namespace Saison.Functions.Hosting;

/// <summary>
/// Writes what the Azure Functions host needs next to the app: one <c>{FunctionName}/function.json</c>
/// per declared function (HTTP: route and methods; timer: NCRONTAB schedule), generated from the
/// declarations in code so that code and deployment never disagree.
/// </summary>
public static class FunctionManifest
{
    public const string CommandName = "manifest";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The function.json of one function.</summary>
    public static JsonObject FunctionJson(FunctionDeclaration function) => function switch
    {
        HttpFunctionDeclaration http => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    // The app authenticates every call itself (bearer tokens, feed tokens).
                    ["authLevel"] = "anonymous",
                    ["methods"] = new JsonArray([.. http.Methods.Select(m => (JsonNode)JsonValue.Create(m.ToLowerInvariant()))]),
                    ["route"] = http.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        TimerFunctionDeclaration timer => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["name"] = "timer",
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["schedule"] = timer.Schedule,
            }),
        },
        _ => throw new ArgumentException($"Unknown function kind {function.GetType().Name}.", nameof(function)),
    };

    /// <summary>Writes every function's folder under <paramref name="outputDirectory"/>, removing folders of functions no longer declared.</summary>
    public static IReadOnlyList<string> Write(FunctionCatalog catalog, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.UnnamedRoutes.Count > 0)
        {
            throw new InvalidOperationException("Endpoints without a function name would be unreachable under the host: " + string.Join(", ", catalog.UnnamedRoutes));
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (var stale in Directory.EnumerateFiles(outputDirectory, "function.json", SearchOption.AllDirectories))
        {
            File.Delete(stale);
        }

        var written = new List<string>();
        foreach (var function in catalog.All)
        {
            var folder = Path.Combine(outputDirectory, function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllText(path, FunctionJson(function).ToJsonString(Indented) + "\n");
            written.Add(path);
        }

        return written;
    }

    /// <summary><c>Saison.Functions manifest --output DIR</c>: the publish step's generator.</summary>
    public static int Run(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, "--output");
        var output = index >= 0 && index + 1 < args.Length ? args[index + 1] : AppContext.BaseDirectory;
        // The app has not started, so read the endpoints from its route builder rather than from DI.
        var endpoints = new CompositeEndpointDataSource(((IEndpointRouteBuilder)app).DataSources);
        var catalog = new FunctionCatalog(endpoints, app.Services.GetRequiredService<TimerFunctionRegistry>());
        var written = Write(catalog, Path.GetFullPath(output));
        Console.WriteLine($"{written.Count} function.json written under {Path.GetFullPath(output)}");
        return 0;
    }
}
